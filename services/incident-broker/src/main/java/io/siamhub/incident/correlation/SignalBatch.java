package io.siamhub.incident.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.siamhub.incident.IncidentConfig;
import io.siamhub.incident.catalog.CatalogSnapshot;
import io.siamhub.incident.catalog.Placement;
import io.siamhub.incident.lifecycle.AutoResolution;
import io.siamhub.incident.lifecycle.IncidentAction;
import io.siamhub.incident.lifecycle.IncidentUpdate;
import io.siamhub.incident.lifecycle.PriorityMatrix;
import io.siamhub.incident.persistence.IncidentChangeEntity;
import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.incident.persistence.IncidentSignalEntity;
import io.siamhub.incident.persistence.MaintenanceWindowEntity;
import io.siamhub.incident.persistence.PlacementFacts;
import io.siamhub.incident.persistence.TicketEntity;
import io.siamhub.model.Actor;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/**
 * One batch of signals applied to incidents, in arrival order, on state the {@link Correlator} loaded
 * under lock. Each rule that fires says so on the incident's timeline, with the settings that made it
 * fire:
 * <ol>
 * <li><b>dedup</b>: a fingerprint already on an open incident updates it (count, last seen, severity);</li>
 * <li><b>reopen</b>: a fingerprint whose incident resolved within the reopen window reopens it;</li>
 * <li><b>correlation</b>: a new fingerprint joins the open incident of its CI (or service) that was active
 * within the correlation window;</li>
 * <li>otherwise a <b>new incident</b>, marked unmapped when the catalog does not place the signal.</li>
 * </ol>
 * Resolved signals count down the incident's firing fingerprints; at zero it is scheduled to resolve
 * after the quiet period. Ticket signals update the provider ticket and, when it is linked, the incident;
 * a ticket is the provider's immutable id ({@code providerRef}), its key the one people use (label
 * {@code ticketKey}), which follows the provider when an issue moves.
 */
final class SignalBatch {

    private static final int ALREADY_FIRING = -1;

    private final IncidentConfig config;
    private final CatalogSnapshot catalog;
    private final PriorityMatrix priorities;
    private final FlappingDetector flapping;
    private final AutoResolution autoResolution;
    private final IncidentMetrics metrics;
    private final Instant now;
    private final List<Signal> signals;
    private final Map<String, Placement> placements = new HashMap<>();

    private final Map<String, IncidentSignalEntity> rows = new HashMap<>();
    private final Map<UUID, IncidentEntity> incidents = new HashMap<>();
    private final Map<String, List<IncidentEntity>> openByKey = new HashMap<>();
    private final Map<String, TicketEntity> tickets = new HashMap<>();
    private List<MaintenanceWindowEntity> windows = List.of();

    private final List<IncidentEntity> newIncidents = new ArrayList<>();
    private final List<IncidentSignalEntity> newRows = new ArrayList<>();
    private final List<TicketEntity> newTickets = new ArrayList<>();
    private final List<TicketEntity> retiredTickets = new ArrayList<>();
    private final List<IncidentChangeEntity> newLinks = new ArrayList<>();
    private final Map<UUID, IncidentUpdate> updates = new LinkedHashMap<>();

    SignalBatch(List<Signal> signals, CatalogSnapshot catalog, IncidentConfig config, PriorityMatrix priorities,
            FlappingDetector flapping, AutoResolution autoResolution, IncidentMetrics metrics, Instant now) {
        this.signals = signals;
        this.catalog = catalog;
        this.config = config;
        this.priorities = priorities;
        this.flapping = flapping;
        this.autoResolution = autoResolution;
        this.metrics = metrics;
        this.now = now;
        for (Signal signal : signals) {
            if (signal.kind() == SignalKind.ALERT) {
                placements.put(signal.id(), catalog.place(signal, config));
            }
        }
    }

    // ---- what to load and lock

    /** Every CI / service / fingerprint / ticket this batch may touch. */
    Set<String> lockNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Signal signal : signals) {
            if (signal.kind() == SignalKind.ALERT) {
                names.add("fp:" + signal.fingerprint());
                names.add(placements.get(signal.id()).correlationKey());
            } else if (signal.kind() == SignalKind.TICKET) {
                names.add("ticket:" + ticketId(signal));
                // a person links a ticket by its key: both take this lock
                names.add("ticket:" + keyId(signal));
            }
        }
        return names;
    }

    List<String> fingerprints() {
        return signals.stream().filter(signal -> signal.kind() == SignalKind.ALERT).map(Signal::fingerprint).distinct().toList();
    }

    List<String> correlationKeys() {
        return placements.values().stream().map(Placement::correlationKey).distinct().toList();
    }

    /** The tickets to load: by the signals' ids, and by their keys (a ticket a person linked before its first signal). */
    List<String> ticketIds() {
        return signals.stream().filter(signal -> signal.kind() == SignalKind.TICKET)
                .flatMap(signal -> java.util.stream.Stream.of(ticketId(signal), keyId(signal))).distinct().toList();
    }

    boolean hasAlerts() {
        return !placements.isEmpty();
    }

    /** The earliest time a new incident of this batch can be opened at (to load maintenance windows). */
    Instant earliest() {
        return signals.stream().map(Signal::receivedAt).min(Comparator.naturalOrder()).orElse(now);
    }

    void rowsLoaded(List<IncidentSignalEntity> loaded) {
        for (IncidentSignalEntity row : loaded) {
            rows.merge(row.fingerprint, row, (a, b) -> a.lastSeen.isAfter(b.lastSeen) ? a : b);
        }
    }

    /** Incidents to load and lock: those the fingerprints and tickets are on. */
    List<UUID> incidentIds() {
        Set<UUID> ids = new LinkedHashSet<>();
        rows.values().forEach(row -> ids.add(row.incidentId));
        tickets.values().forEach(ticket -> {
            if (ticket.incidentId != null) {
                ids.add(ticket.incidentId);
            }
        });
        return List.copyOf(ids);
    }

    void ticketsLoaded(List<TicketEntity> loaded) {
        loaded.forEach(ticket -> tickets.put(ticket.id, ticket));
    }

    void incidentsLoaded(List<IncidentEntity> loaded) {
        for (IncidentEntity incident : loaded) {
            incidents.put(incident.id, incident);
            if (incident.status.isOpen()) {
                openByKey.computeIfAbsent(incident.correlationKey, key -> new ArrayList<>()).add(incident);
            }
        }
    }

    void windowsLoaded(List<MaintenanceWindowEntity> loaded) {
        windows = loaded;
    }

    // ---- the rules

    void apply() {
        for (Signal signal : signals) {
            switch (signal.kind()) {
                case ALERT -> alert(signal, placements.get(signal.id()));
                case TICKET -> ticket(signal);
                case MAINTENANCE -> metrics.signal(signal.kind(), "ignored").increment();
            }
        }
    }

    private void alert(Signal signal, Placement placement) {
        IncidentSignalEntity row = rows.get(signal.fingerprint());
        IncidentEntity incident = row == null ? null : incidents.get(row.incidentId);
        if (row != null && incident != null) {
            clearFlappingIfQuiet(row, incident, signal.receivedAt());
        }
        if (signal.status() == SignalStatus.RESOLVED) {
            resolved(signal, row, incident);
            return;
        }
        if (incident != null && incident.status.isOpen()) {
            repeat(signal, row, incident);
            return;
        }
        if (incident != null && incident.status == IncidentStatus.RESOLVED) {
            if (row.flapping) {
                firedWhileFlapping(signal, row, incident);
                return;
            }
            Instant reopenUntil = incident.resolvedAt.plus(config.reopenWindow());
            if (!signal.receivedAt().isAfter(reopenUntil)) {
                reopen(signal, row, incident);
                return;
            }
        }
        IncidentEntity open = correlated(placement, signal.receivedAt());
        if (open != null) {
            join(signal, placement, open);
        } else {
            open(signal, placement);
        }
    }

    /** Dedup: the fingerprint is on an open incident already. */
    private void repeat(Signal signal, IncidentSignalEntity row, IncidentEntity incident) {
        IncidentUpdate update = update(incident);
        int change = fires(row, incident, signal);
        if (change == ALREADY_FIRING) {
            update.quietly(Actor.provider(signal.provider()), "fingerprint " + signal.fingerprint() + " repeated", () -> {
            });
        } else {
            update.step(signal.receivedAt(), Actor.provider(signal.provider()), "signal firing again",
                    "fingerprint " + signal.fingerprint() + " (" + signal.title() + ") fires again"
                            + (incident.autoResolveAt != null ? "; the pending auto-resolve is cancelled" : ""),
                    IncidentEventKind.UPDATED, () -> incident.autoResolveAt = null);
            flappingStarted(update, row, change, signal);
        }
        raiseUrgency(update, incident, signal);
        metrics.signal(SignalKind.ALERT, "deduplicated").increment();
    }

    /** A fingerprint that fires again soon after its incident resolved brings the incident back. */
    private void reopen(Signal signal, IncidentSignalEntity row, IncidentEntity incident) {
        IncidentUpdate update = update(incident);
        int change = fires(row, incident, signal);
        Duration since = Duration.between(incident.resolvedAt, signal.receivedAt());
        update.step(signal.receivedAt(), Actor.system("reopen.same-fingerprint"), "reopened",
                "fingerprint " + signal.fingerprint() + " (" + signal.title() + ") fired again " + Durations.text(since)
                        + " after the incident resolved, within the reopen window of " + Durations.text(config.reopenWindow()),
                IncidentEventKind.REOPENED, () -> IncidentAction.REOPEN.applyTo(incident, now));
        flappingStarted(update, row, change, signal);
        openByKey.computeIfAbsent(incident.correlationKey, key -> new ArrayList<>()).add(incident);
        raiseUrgency(update, incident, signal);
        metrics.signal(SignalKind.ALERT, "reopened").increment();
    }

    /** While flapping, a fingerprint's changes update the incident but never reopen it. */
    private void firedWhileFlapping(Signal signal, IncidentSignalEntity row, IncidentEntity incident) {
        IncidentUpdate update = update(incident);
        if (fires(row, incident, signal) == ALREADY_FIRING) {
            update.quietly(Actor.provider(signal.provider()), "flapping fingerprint " + signal.fingerprint() + " repeated", () -> {
            });
        } else {
            update.step(signal.receivedAt(), Actor.system("flapping.hold"), "flapping signal fired; not reopened",
                    "fingerprint " + signal.fingerprint() + " is flapping (" + flapping.describe() + ")",
                    IncidentEventKind.UPDATED, () -> {
                    });
        }
        metrics.signal(SignalKind.ALERT, "flapping").increment();
    }

    /**
     * The fingerprint is seen firing again: its counts and severity are updated and, when it had
     * resolved, it goes back to FIRING (a change that counts for flapping).
     *
     * @return {@link #ALREADY_FIRING} when it was firing; else what {@link FlappingDetector#changed} said
     */
    private int fires(IncidentSignalEntity row, IncidentEntity incident, Signal signal) {
        seen(row, incident, signal);
        row.severity = signal.severity();
        if (row.status != SignalStatus.RESOLVED) {
            return ALREADY_FIRING;
        }
        row.status = SignalStatus.FIRING;
        incident.firingSignals++;
        return flapping.changed(row, signal.receivedAt());
    }

    /** The open incident of the same CI (or service) last active within the correlation window, if any. */
    private IncidentEntity correlated(Placement placement, Instant at) {
        Instant since = at.minus(config.correlationWindow());
        IncidentEntity best = null;
        for (IncidentEntity candidate : openByKey.getOrDefault(placement.correlationKey(), List.of())) {
            if (candidate.status.isOpen() && !candidate.lastActivityAt.isBefore(since)
                    && (best == null || candidate.lastActivityAt.isAfter(best.lastActivityAt))) {
                best = candidate;
            }
        }
        return best;
    }

    private void join(Signal signal, Placement placement, IncidentEntity incident) {
        IncidentUpdate update = update(incident);
        String rule = placement.correlationKey().startsWith("service:") ? "correlation.same-service" : "correlation.same-ci";
        IncidentSignalEntity row = newRow(signal, incident, rule);
        Duration idle = Duration.between(incident.lastActivityAt, signal.receivedAt());
        String scope = placement.correlationKey().startsWith("service:") ? "service " + placement.service()
                : "CI " + placement.configurationItem();
        update.step(signal.receivedAt(), Actor.system(rule), "signal joined",
                "fingerprint " + signal.fingerprint() + " (" + signal.title() + ") is on the same " + scope + "; the incident was last active "
                        + Durations.text(idle.isNegative() ? Duration.ZERO : idle) + " before, within the correlation window of "
                        + Durations.text(config.correlationWindow()),
                IncidentEventKind.UPDATED, () -> {
                    incident.fingerprints = append(incident.fingerprints, signal.fingerprint());
                    incident.firingSignals++;
                    incident.autoResolveAt = null;
                    seenOnIncident(incident, signal);
                });
        rows.put(signal.fingerprint(), row);
        raiseUrgency(update, incident, signal);
        metrics.signal(SignalKind.ALERT, "correlated").increment();
    }

    private void open(Signal signal, Placement placement) {
        IncidentEntity incident = new IncidentEntity();
        incident.id = UUID.randomUUID();
        incident.title = signal.title() == null || signal.title().isBlank() ? signal.fingerprint() : signal.title();
        incident.description = signal.description();
        incident.status = IncidentStatus.NEW;
        incident.impact = placement.impact();
        incident.urgency = priorities.urgency(signal.severity());
        incident.service = placement.service();
        incident.configurationItem = placement.configurationItem();
        incident.owner = placement.owner();
        incident.correlationKey = placement.correlationKey();
        incident.unmapped = placement.unmapped();
        incident.placementFacts = placement.unmapped() ? PlacementFacts.of(signal) : null;
        incident.fingerprints = List.of(signal.fingerprint());
        incident.firingSignals = 1;
        incident.signalCount = 1;
        incident.firstSeen = signal.receivedAt();
        incident.lastSeen = signal.receivedAt();
        incident.lastActivityAt = signal.receivedAt();
        incident.createdAt = now;
        priorities.prioritize(incident);
        newIncidents.add(incident);
        incidents.put(incident.id, incident);
        openByKey.computeIfAbsent(incident.correlationKey, key -> new ArrayList<>()).add(incident);

        String where = placement.unmapped()
                ? "no catalog entry matches it; owned by the default group " + placement.owner()
                : placement.configurationItem() != null
                        ? "CI " + placement.configurationItem() + " (" + placement.rule() + "), owner " + placement.owner()
                        : "service " + placement.service() + " (" + placement.rule() + "), owner " + placement.owner();
        IncidentUpdate update = IncidentUpdate.opened(incident, Actor.system("correlation.new-incident"),
                "fingerprint " + signal.fingerprint() + " from " + signal.provider() + ": " + where
                        + "; no open incident of " + placement.correlationKey() + " active within "
                        + Durations.text(config.correlationWindow()),
                signal.receivedAt());
        updates.put(incident.id, update);
        IncidentSignalEntity row = newRow(signal, incident, "correlation.new-incident");
        rows.put(signal.fingerprint(), row);
        maintenance(update, incident, signal.receivedAt());
        metrics.signal(SignalKind.ALERT, "opened").increment();
        if (placement.unmapped()) {
            metrics.unmapped(signal.provider()).increment();
        }
    }

    /** A new incident of a CI or service inside an approved maintenance window is marked (and, per policy, lowered or held). */
    private void maintenance(IncidentUpdate update, IncidentEntity incident, Instant at) {
        for (MaintenanceWindowEntity window : windows) {
            boolean covers = incident.configurationItem != null && window.covers("ci:" + incident.configurationItem, at)
                    || incident.service != null && window.covers("service:" + incident.service, at);
            if (!covers) {
                continue;
            }
            IncidentConfig.Maintenance.Policy policy = config.maintenance().policy();
            update.step(at, Actor.system("maintenance.window"), "opened in maintenance",
                    "inside the approved window of change " + (window.number != null ? window.number : window.changeId) + " ("
                            + window.startsAt + " to " + (window.endsAt == null ? "open end" : window.endsAt) + "); policy " + policy,
                    IncidentEventKind.UPDATED, () -> {
                        incident.maintenance = true;
                        incident.pagingHeld = policy == IncidentConfig.Maintenance.Policy.HOLD_PAGING;
                        priorities.prioritize(incident);
                    });
            newLinks.add(IncidentChangeEntity.of(incident.id, window.changeId));
            return;
        }
    }

    private void resolved(Signal signal, IncidentSignalEntity row, IncidentEntity incident) {
        if (row == null || incident == null) {
            metrics.signal(SignalKind.ALERT, "ignored").increment();
            return;
        }
        IncidentUpdate update = update(incident);
        seen(row, incident, signal);
        if (row.status == SignalStatus.RESOLVED) {
            update.quietly(Actor.provider(signal.provider()), "resolved fingerprint " + signal.fingerprint() + " repeated", () -> {
            });
            metrics.signal(SignalKind.ALERT, "deduplicated").increment();
            return;
        }
        row.status = SignalStatus.RESOLVED;
        incident.firingSignals = Math.max(0, incident.firingSignals - 1);
        int changes = flapping.changed(row, signal.receivedAt());
        metrics.signal(SignalKind.ALERT, "resolved").increment();
        if (!incident.status.isOpen()) {
            update.quietly(Actor.provider(signal.provider()), "fingerprint " + signal.fingerprint() + " resolved", () -> {
            });
            return;
        }
        update.step(signal.receivedAt(), Actor.provider(signal.provider()), "signal resolved",
                "fingerprint " + signal.fingerprint() + " (" + signal.title() + ") resolved; " + incident.firingSignals
                        + " still firing",
                IncidentEventKind.UPDATED, () -> {
                });
        flappingStarted(update, row, changes, signal);
        if (incident.firingSignals == 0) {
            autoResolution.allResolved(update, incident, row, signal.receivedAt());
        }
    }

    private void flappingStarted(IncidentUpdate update, IncidentSignalEntity row, int changes, Signal signal) {
        if (changes > 0) {
            update.step(signal.receivedAt(), Actor.system("flapping.detected"), "signal flapping",
                    "fingerprint " + row.fingerprint + " changed " + changes + " times (" + flapping.describe()
                            + "); its changes no longer reopen or resolve the incident",
                    IncidentEventKind.UPDATED, () -> {
                    });
            metrics.flapping().increment();
        }
    }

    private void clearFlappingIfQuiet(IncidentSignalEntity row, IncidentEntity incident, Instant at) {
        if (flapping.clears(row, at)) {
            flapping.clear(row);
            update(incident).step(at, Actor.system("flapping.cleared"), "signal no longer flapping",
                    "fingerprint " + row.fingerprint + " was quiet for the flapping quiet window", IncidentEventKind.UPDATED, () -> {
                    });
        }
    }

    /** Raises urgency (never lowers it) when a firing signal is more severe than the urgency says, unless a person set it. */
    private void raiseUrgency(IncidentUpdate update, IncidentEntity incident, Signal signal) {
        var urgency = priorities.urgency(signal.severity());
        if (incident.urgencyOverridden || urgency.ordinal() >= incident.urgency.ordinal()) {
            return;
        }
        update.step(signal.receivedAt(), Actor.system("priority.severity"), "urgency raised",
                "fingerprint " + signal.fingerprint() + " is " + signal.severity() + " (urgency " + urgency + ")",
                IncidentEventKind.UPDATED, () -> {
                    incident.urgency = urgency;
                    priorities.prioritize(incident);
                });
    }

    // ---- tickets

    private void ticket(Signal signal) {
        String id = ticketId(signal);
        TicketEntity ticket = tickets.get(id);
        if (ticket == null && tickets.containsKey(keyId(signal))) {
            ticket = adopt(tickets.remove(keyId(signal)), id);
        }
        if (ticket == null) {
            ticket = new TicketEntity();
            ticket.id = id;
            ticket.system = signal.provider();
            ticket.key = ticketKey(signal);
            tickets.put(id, ticket);
            newTickets.add(ticket);
        }
        String keyBefore = ticket.key;
        ticket.key = ticketKey(signal);
        SignalStatus before = ticket.status;
        String providerBefore = ticket.providerStatus;
        ticket.status = signal.status();
        ticket.providerStatus = signal.providerStatus();
        if (signal.link() != null) {
            ticket.url = signal.link();
        }
        ticket.updatedAt = signal.receivedAt();
        IncidentEntity incident = ticket.incidentId == null ? null : incidents.get(ticket.incidentId);
        if (incident == null) {
            metrics.signal(SignalKind.TICKET, "unlinked").increment();
            return;
        }
        metrics.signal(SignalKind.TICKET, "linked").increment();
        String name = ticket.system + ":" + ticket.key;
        if (!ticket.key.equals(keyBefore)) {
            update(incident).step(signal.receivedAt(), Actor.provider(signal.provider()), "ticket " + name,
                    "the provider's ticket " + ticket.system + ":" + keyBefore + " is now " + name + " (the same "
                            + ticket.system + " id " + signal.providerRef() + ")",
                    IncidentEventKind.UPDATED, () -> {
                    });
        }
        if (before == signal.status() && java.util.Objects.equals(providerBefore, signal.providerStatus())) {
            return;
        }
        IncidentUpdate update = update(incident);
        boolean providerDone = signal.status() == SignalStatus.RESOLVED || signal.status() == SignalStatus.CLOSED;
        boolean providerWorking = !providerDone && signal.status() != SignalStatus.CANCELLED;
        Actor provider = Actor.provider(signal.provider());
        update.step(signal.receivedAt(), provider, "ticket " + name + " is " + signal.status(),
                "provider state " + (signal.providerStatus() == null ? signal.status() : "'" + signal.providerStatus() + "'"),
                IncidentEventKind.UPDATED, () -> {
                    if (providerDone) {
                        incident.providerResolved = true;
                    } else if (providerWorking) {
                        incident.providerResolved = false;
                    }
                });
        if (providerDone && incident.status.isOpen()
                && config.tickets().onProviderResolved() == IncidentConfig.Tickets.ProviderResolved.RESOLVE) {
            update.step(signal.receivedAt(), provider, "resolved",
                    "the provider resolved ticket " + name + ", and tickets.on-provider-resolved is RESOLVE",
                    IncidentEventKind.RESOLVED, () -> IncidentAction.RESOLVE.applyTo(incident, now));
        }
    }

    static String ticketId(Signal signal) {
        return TicketEntity.id(signal.provider(), signal.providerRef());
    }

    /** The key people use: the {@code ticketKey} label when the provider's id is another (Jira's issue id, ServiceNow's sys_id). */
    static String ticketKey(Signal signal) {
        String key = signal.labels().get(TicketEntity.KEY_LABEL);
        return key == null || key.isBlank() ? signal.providerRef() : key;
    }

    /** The id a person's link by key gives a ticket not yet known from its signals. */
    static String keyId(Signal signal) {
        return TicketEntity.id(signal.provider(), ticketKey(signal));
    }

    /**
     * A ticket a person linked by its key before its first signal came takes the provider's id: a
     * new row under that id, with the link, replaces the one under the key.
     */
    private TicketEntity adopt(TicketEntity linkedByKey, String id) {
        TicketEntity ticket = new TicketEntity();
        ticket.id = id;
        ticket.system = linkedByKey.system;
        ticket.key = linkedByKey.key;
        ticket.url = linkedByKey.url;
        ticket.status = linkedByKey.status;
        ticket.providerStatus = linkedByKey.providerStatus;
        ticket.incidentId = linkedByKey.incidentId;
        ticket.updatedAt = linkedByKey.updatedAt;
        tickets.put(id, ticket);
        newTickets.add(ticket);
        retiredTickets.add(linkedByKey);
        return ticket;
    }

    // ---- bookkeeping

    private IncidentUpdate update(IncidentEntity incident) {
        return updates.computeIfAbsent(incident.id, id -> IncidentUpdate.of(incident));
    }

    private void seen(IncidentSignalEntity row, IncidentEntity incident, Signal signal) {
        row.count++;
        if (signal.receivedAt().isAfter(row.lastSeen)) {
            row.lastSeen = signal.receivedAt();
        }
        seenOnIncident(incident, signal);
    }

    private static void seenOnIncident(IncidentEntity incident, Signal signal) {
        incident.signalCount++;
        if (incident.lastSeen == null || signal.receivedAt().isAfter(incident.lastSeen)) {
            incident.lastSeen = signal.receivedAt();
        }
        if (incident.lastActivityAt == null || signal.receivedAt().isAfter(incident.lastActivityAt)) {
            incident.lastActivityAt = signal.receivedAt();
        }
    }

    private IncidentSignalEntity newRow(Signal signal, IncidentEntity incident, String rule) {
        IncidentSignalEntity row = new IncidentSignalEntity();
        row.id = UUID.randomUUID();
        row.incidentId = incident.id;
        row.fingerprint = signal.fingerprint();
        row.provider = signal.provider();
        row.providerRef = signal.providerRef();
        row.title = signal.title();
        row.status = SignalStatus.FIRING;
        row.severity = signal.severity();
        row.firstSeen = signal.receivedAt();
        row.lastSeen = signal.receivedAt();
        row.count = 1;
        row.joinedBy = rule;
        row.transitions = "";
        newRows.add(row);
        return row;
    }

    private static List<String> append(List<String> list, String value) {
        if (list.contains(value)) {
            return list;
        }
        List<String> longer = new ArrayList<>(list.size() + 1);
        longer.addAll(list);
        longer.add(value);
        return List.copyOf(longer);
    }

    // ---- results

    List<IncidentEntity> newIncidents() {
        return newIncidents;
    }

    /** New rows in the order they must be inserted: incidents before what refers to them. */
    List<Object> newEntities() {
        List<Object> all = new ArrayList<>(newIncidents);
        all.addAll(newRows);
        all.addAll(newTickets);
        all.addAll(newLinks);
        return all;
    }

    /** Tickets replaced by the row under their provider's id. */
    List<TicketEntity> retiredTickets() {
        return retiredTickets;
    }

    java.util.Collection<IncidentUpdate> updates() {
        return updates.values();
    }
}
