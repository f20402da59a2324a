package io.siamhub.incident.correlation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.siamhub.incident.rules.FingerprintState;
import io.siamhub.incident.rules.IncidentState;
import io.siamhub.incident.rules.IncidentUpdate;
import io.siamhub.incident.rules.TicketState;
import io.siamhub.incident.rules.TimelineLine;
import io.siamhub.model.signal.Signal;

/**
 * What a batch's decisions add up to, row by row: each touched incident once (its last state, every
 * line, the one event), each fingerprint row and ticket once in its last state, the change links of
 * incidents opened in maintenance. Pure: a writer turns it into statements.
 *
 * @param incidents      per touched incident, in first-touched order: the update replayed from its lines
 * @param newIncidents   ids of the incidents the batch opened (to insert, in order)
 * @param openedBy       the signal that opened each of them
 * @param fingerprints   each touched fingerprint row in its last state, in first-touched order
 * @param newFingerprints ids of the rows to insert
 * @param tickets        each touched ticket in its last state
 * @param newTickets     ids of the tickets to insert
 * @param retiredTickets ids of ticket rows replaced by the row under the provider's id (to delete)
 * @param changeLinks    incident id → change id, for incidents opened inside a maintenance window
 */
public record BatchWrites(List<IncidentUpdate> incidents, Set<UUID> newIncidents, Map<UUID, Signal> openedBy,
        List<FingerprintState> fingerprints, Set<UUID> newFingerprints, List<TicketState> tickets, Set<String> newTickets,
        Set<String> retiredTickets, Map<UUID, String> changeLinks) {

    /** Folds {@code decisions} (from {@link SignalRules#decide} on {@code loaded}) into rows. */
    public static BatchWrites of(LoadedState loaded, List<Decision> decisions) {
        Map<UUID, IncidentState> lastIncident = new LinkedHashMap<>();
        Map<UUID, List<TimelineLine>> lines = new LinkedHashMap<>();
        Map<UUID, FingerprintState> rows = new LinkedHashMap<>();
        Set<UUID> newRows = new LinkedHashSet<>();
        Map<String, TicketState> tickets = new LinkedHashMap<>();
        Set<String> newTickets = new LinkedHashSet<>();
        Set<String> retired = new LinkedHashSet<>();
        Map<UUID, String> links = new LinkedHashMap<>();
        Map<UUID, Signal> openedBy = new LinkedHashMap<>();
        for (Decision decision : decisions) {
            if (decision.kind() == Decision.Kind.OPEN) {
                openedBy.put(decision.incident().id, decision.signal());
            }
            // a decision without lines left its incident as it was (a ticket signal that changed nothing)
            if (decision.incident() != null && (!decision.lines().isEmpty() || lastIncident.containsKey(decision.incident().id))) {
                lastIncident.put(decision.incident().id, decision.incident());
                lines.computeIfAbsent(decision.incident().id, id -> new ArrayList<>()).addAll(decision.lines());
            }
            if (decision.fingerprint() != null) {
                rows.put(decision.fingerprint().id, decision.fingerprint());
                if (decision.newFingerprint()) {
                    newRows.add(decision.fingerprint().id);
                }
            }
            if (decision.ticket() != null) {
                tickets.put(decision.ticket().id, decision.ticket());
                if (decision.newTicket()) {
                    newTickets.add(decision.ticket().id);
                }
            }
            if (decision.retiredTicket() != null) {
                retired.add(decision.retiredTicket());
            }
            if (decision.linkedChange() != null) {
                links.put(decision.incident().id, decision.linkedChange());
            }
        }
        List<IncidentUpdate> updates = new ArrayList<>(lastIncident.size());
        Set<UUID> opened = new LinkedHashSet<>();
        lastIncident.forEach((id, after) -> {
            IncidentState before = loaded.incidents().get(id);
            if (before == null) {
                opened.add(id);
            }
            updates.add(IncidentUpdate.replay(before, after.copy(), lines.get(id)));
        });
        return new BatchWrites(updates, opened, openedBy, List.copyOf(rows.values()), newRows, List.copyOf(tickets.values()), newTickets, retired,
                links);
    }
}
