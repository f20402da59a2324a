package io.siamhub.incident.correlation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.siamhub.incident.catalog.Placement;
import io.siamhub.incident.rules.FingerprintState;
import io.siamhub.incident.rules.IncidentState;
import io.siamhub.incident.rules.MaintenanceWindow;
import io.siamhub.incident.rules.TicketState;

/**
 * What a batch of signals is decided on, loaded under its locks. {@link SignalRules} never changes it.
 *
 * @param placements   where the catalog puts each ALERT signal, by signal id
 * @param fingerprints each fingerprint's latest row (the incident it was last on), by fingerprint
 * @param incidents    the incidents those rows and the tickets are on, and the open incidents of every
 *                     correlation key the placements name, by id
 * @param tickets      the tickets the TICKET signals name, by id, whether under the provider's id or
 *                     under the key a person linked it by
 * @param windows      approved maintenance windows not over before the batch's first signal
 * @param owners       the owners the catalog names (its ownership entries' owners and its CIs' providers), which a
 *                     ticket's assignment may move an incident to under {@code tickets.ownership.assignment=PROVIDER}
 */
public record LoadedState(Map<String, Placement> placements, Map<String, FingerprintState> fingerprints,
        Map<UUID, IncidentState> incidents, Map<String, TicketState> tickets, List<MaintenanceWindow> windows, Set<String> owners) {

    public LoadedState {
        placements = Map.copyOf(placements);
        fingerprints = Map.copyOf(fingerprints);
        incidents = Map.copyOf(incidents);
        tickets = Map.copyOf(tickets);
        windows = List.copyOf(windows);
        owners = Set.copyOf(owners);
    }

    /** What the store loaded, before the catalog's owners are added ({@link #withOwners}). */
    public LoadedState(Map<String, Placement> placements, Map<String, FingerprintState> fingerprints, Map<UUID, IncidentState> incidents,
            Map<String, TicketState> tickets, List<MaintenanceWindow> windows) {
        this(placements, fingerprints, incidents, tickets, windows, Set.of());
    }

    /** The same state with the catalog's owners. */
    public LoadedState withOwners(Set<String> known) {
        return new LoadedState(placements, fingerprints, incidents, tickets, windows, known);
    }
}
