package io.siamhub.incident.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.siamhub.incident.IncidentConfig;
import io.siamhub.incident.catalog.Placement;
import io.siamhub.incident.rules.AutoResolvePolicy;
import io.siamhub.incident.rules.FingerprintState;
import io.siamhub.incident.rules.FlappingDetector;
import io.siamhub.incident.rules.IncidentAction;
import io.siamhub.incident.rules.IncidentState;
import io.siamhub.incident.rules.IncidentUpdate;
import io.siamhub.incident.rules.MaintenanceWindow;
import io.siamhub.incident.rules.PriorityMatrix;
import io.siamhub.incident.rules.TicketState;
import io.siamhub.incident.rules.TimelineLine;
import io.siamhub.incident.rules.TimelineWording;
import io.siamhub.model.Urgency;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/**
 * The signal rules as a pure function: (loaded state, signals, settings, now) → one {@link Decision}
 * per signal, in arrival order (plus a {@link Decision.Kind#FLAPPING_CLEARED} before a signal whose
 * fingerprint was quiet long enough). No I/O: the {@link Correlator} loads and locks, writers store.
 * For an alert the first rule that applies wins:
 * <ol>
 * <li><b>dedup</b>: a fingerprint already on an open incident updates it (count, last seen, severity);</li>
 * <li><b>reopen</b>: a fingerprint whose incident resolved within {@code reopen-window} reopens it (unless
 * it is flapping: then the incident stays resolved);</li>
 * <li><b>correlation</b>: a new fingerprint joins the open incident of its CI (or service) last active
 * within {@code correlation-window} of the signal's {@code receivedAt};</li>
 * <li>otherwise a <b>new incident</b>, marked unmapped when the catalog does not place the signal.</li>
 * </ol>
 * Resolved signals count down the incident's firing fingerprints; at zero the {@link AutoResolvePolicy}
 * decides. Ticket signals update the provider ticket and, when it is linked, the incident; a ticket is
 * the provider's immutable id ({@code providerRef}), its key the one people use (label
 * {@code ticketKey}), which follows the provider when an issue moves (the keys it had are kept, so a
 * person may link it by an old one). A NOTE about a ticket goes on its linked incident's timeline and
 * changes nothing else: no status, priority, reopening, activity or ticket state; a note about a
 * ticket nobody linked, or one never seen, is counted and dropped.
 */
public final class SignalRules {

    private static final int ALREADY_FIRING = -1;

    private final IncidentConfig config;
    private final PriorityMatrix priorities;
    private final FlappingDetector flapping;
    private final AutoResolvePolicy autoResolve;
    private final Supplier<UUID> ids;

    /** @param ids where new incidents and fingerprint rows get their ids (random in service; counted in tests) */
    public SignalRules(IncidentConfig config, PriorityMatrix priorities, FlappingDetector flapping, AutoResolvePolicy autoResolve,
            Supplier<UUID> ids) {
        this.config = config;
        this.priorities = priorities;
        this.flapping = flapping;
        this.autoResolve = autoResolve;
        this.ids = ids;
    }

    // ---- what a batch needs loaded and locked

    /** Every CI / service / fingerprint / ticket the signals may touch: the advisory locks to take. */
    public static Set<String> lockNames(List<Signal> signals, Map<String, Placement> placements) {
        Set<String> names = new LinkedHashSet<>();
        for (Signal signal : signals) {
            if (signal.kind() == SignalKind.ALERT) {
                names.add("fp:" + signal.fingerprint());
                names.add(placements.get(signal.id()).correlationKey());
            } else if (signal.kind() == SignalKind.TICKET || signal.kind() == SignalKind.NOTE) {
                names.add("ticket:" + ticketId(signal));
                // a person links a ticket by its key: both take this lock
                names.add("ticket:" + keyId(signal));
                if (previousKeyId(signal) != null) {
                    names.add("ticket:" + previousKeyId(signal));
                }
            }
        }
        return names;
    }

    /** The distinct fingerprints of the ALERT signals. */
    public static List<String> fingerprints(List<Signal> signals) {
        return signals.stream().filter(signal -> signal.kind() == SignalKind.ALERT).map(Signal::fingerprint).distinct().toList();
    }

    /**
     * The tickets to load (for TICKET and NOTE signals): by the signals' ids, and by their keys and the key
     * a move replaced (a ticket a person linked by key before its first signal).
     */
    public static List<String> ticketIds(List<Signal> signals) {
        return signals.stream().filter(signal -> signal.kind() == SignalKind.TICKET || signal.kind() == SignalKind.NOTE)
                .flatMap(signal -> Stream.of(ticketId(signal), keyId(signal), previousKeyId(signal))).filter(Objects::nonNull).distinct()
                .toList();
    }

    /** A ticket's id: {@code <system>:<providerRef>}. */
    public static String ticketId(Signal signal) {
        return TicketState.id(signal.provider(), signal.providerRef());
    }

    /** The key people use: the {@code ticketKey} label when the provider's id is another (Jira's issue id, ServiceNow's sys_id). */
    public static String ticketKey(Signal signal) {
        String key = signal.labels().get(TicketState.KEY_LABEL);
        return key == null || key.isBlank() ? signal.providerRef() : key;
    }

    /** The id a person's link by key gives a ticket not yet known from its signals. */
    public static String keyId(Signal signal) {
        return TicketState.id(signal.provider(), ticketKey(signal));
    }

    /** The key the signal says a move replaced (label {@code previousKey}, Jira's changelog), or null. */
    public static String previousKey(Signal signal) {
        String key = signal.labels().get(TicketState.PREVIOUS_KEY_LABEL);
        return key == null || key.isBlank() || key.equals(ticketKey(signal)) ? null : key;
    }

    /** The id a person's link by that previous key gave a ticket not yet known from its signals, or null. */
    public static String previousKeyId(Signal signal) {
        String key = previousKey(signal);
        return key == null ? null : TicketState.id(signal.provider(), key);
    }

    // ---- the decision

    /**
     * Decides every signal, in order, each seeing what the ones before it did.
     *
     * @param now the transaction's time (UTC): when new incidents are created and rules act
     */
    public List<Decision> decide(LoadedState loaded, List<Signal> signals, Instant now) {
        return new Run(loaded, now).decide(signals);
    }

    /** One call's working state: copies of what was loaded, changed signal by signal. */
    private final class Run {

        private final Instant now;
        private final Map<String, Placement> placements;
        private final Map<String, FingerprintState> rows = new HashMap<>();
        private final Map<UUID, IncidentState> incidents = new HashMap<>();
        private final Map<String, List<IncidentState>> openByKey = new HashMap<>();
        private final Map<String, TicketState> tickets = new HashMap<>();
        private final List<MaintenanceWindow> windows;
        private final Set<String> owners;
        private final Map<UUID, IncidentUpdate> updates = new HashMap<>();
        private final List<Decision> decisions = new ArrayList<>();

        Run(LoadedState loaded, Instant now) {
            this.now = now;
            this.placements = loaded.placements();
            this.windows = loaded.windows();
            this.owners = loaded.owners();
            loaded.fingerprints().forEach((fingerprint, row) -> rows.put(fingerprint, row.copy()));
            loaded.tickets().forEach((id, ticket) -> tickets.put(id, ticket.copy()));
            loaded.incidents().values().stream().sorted(Comparator.comparing(incident -> incident.id)).forEach(found -> {
                IncidentState incident = found.copy();
                incidents.put(incident.id, incident);
                if (incident.status.isOpen()) {
                    openByKey.computeIfAbsent(incident.correlationKey, key -> new ArrayList<>()).add(incident);
                }
            });
        }

        List<Decision> decide(List<Signal> signals) {
            for (Signal signal : signals) {
                switch (signal.kind()) {
                    case ALERT -> alert(signal, placements.get(signal.id()));
                    case TICKET -> ticket(signal);
                    case NOTE -> note(signal);
                    case MAINTENANCE -> decisions.add(new Decision(Decision.Kind.IGNORE, "ignored", signal, null, null, false, null, false,
                            null, null, false, List.of()));
                }
            }
            return decisions;
        }

        private void alert(Signal signal, Placement placement) {
            FingerprintState row = rows.get(signal.fingerprint());
            IncidentState incident = row == null ? null : incidents.get(row.incidentId);
            if (row != null && incident != null && flapping.clears(row, signal.receivedAt())) {
                int mark = mark(incident);
                flapping.clear(row);
                update(incident).step(signal.receivedAt(), TimelineWording.flappingClearedBySignal(row.fingerprint));
                decisions.add(alertDecision(Decision.Kind.FLAPPING_CLEARED, null, signal, incident, row, false, false, mark));
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
            IncidentState open = correlated(placement, signal.receivedAt());
            if (open != null) {
                join(signal, placement, open);
            } else {
                open(signal, placement);
            }
        }

        /** Dedup: the fingerprint is on an open incident already. */
        private void repeat(Signal signal, FingerprintState row, IncidentState incident) {
            int mark = mark(incident);
            IncidentUpdate update = update(incident);
            boolean cancels = incident.autoResolveAt != null;
            int change = fires(row, incident, signal);
            boolean started = false;
            if (change == ALREADY_FIRING) {
                update.quietly(signal.receivedAt(), TimelineWording.repeated(signal), () -> {
                });
            } else {
                update.step(signal.receivedAt(), TimelineWording.firingAgain(signal, cancels), () -> incident.autoResolveAt = null);
                started = flappingStarted(update, row, change, signal);
            }
            raiseUrgency(update, incident, signal);
            decisions.add(alertDecision(Decision.Kind.REPEAT, "deduplicated", signal, incident, row, false, started, mark));
        }

        /** A fingerprint that fires again soon after its incident resolved brings the incident back. */
        private void reopen(Signal signal, FingerprintState row, IncidentState incident) {
            int mark = mark(incident);
            IncidentUpdate update = update(incident);
            int change = fires(row, incident, signal);
            Duration since = Duration.between(incident.resolvedAt, signal.receivedAt());
            update.step(signal.receivedAt(), TimelineWording.reopened(signal, since, config.reopenWindow()),
                    () -> IncidentAction.REOPEN.applyTo(incident, now));
            boolean started = flappingStarted(update, row, change, signal);
            openByKey.computeIfAbsent(incident.correlationKey, key -> new ArrayList<>()).add(incident);
            raiseUrgency(update, incident, signal);
            decisions.add(alertDecision(Decision.Kind.REOPEN, "reopened", signal, incident, row, false, started, mark));
        }

        /** While flapping, a fingerprint's changes update the incident but never reopen it. */
        private void firedWhileFlapping(Signal signal, FingerprintState row, IncidentState incident) {
            int mark = mark(incident);
            IncidentUpdate update = update(incident);
            if (fires(row, incident, signal) == ALREADY_FIRING) {
                update.quietly(signal.receivedAt(), TimelineWording.flappingRepeated(signal), () -> {
                });
            } else {
                update.step(signal.receivedAt(), TimelineWording.flappingHeldReopen(signal, flapping.describe()));
            }
            decisions.add(alertDecision(Decision.Kind.HOLD_WHILE_FLAPPING, "flapping", signal, incident, row, false, false, mark));
        }

        /**
         * The fingerprint is seen firing again: its counts and severity are updated and, when it had
         * resolved, it goes back to FIRING (a change that counts for flapping).
         *
         * @return {@link #ALREADY_FIRING} when it was firing; else what {@link FlappingDetector#changed} said
         */
        private int fires(FingerprintState row, IncidentState incident, Signal signal) {
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
        private IncidentState correlated(Placement placement, Instant at) {
            Instant since = at.minus(config.correlationWindow());
            IncidentState best = null;
            for (IncidentState candidate : openByKey.getOrDefault(placement.correlationKey(), List.of())) {
                if (candidate.status.isOpen() && !candidate.lastActivityAt.isBefore(since)
                        && (best == null || candidate.lastActivityAt.isAfter(best.lastActivityAt))) {
                    best = candidate;
                }
            }
            return best;
        }

        private void join(Signal signal, Placement placement, IncidentState incident) {
            int mark = mark(incident);
            IncidentUpdate update = update(incident);
            boolean byService = placement.correlationKey().startsWith("service:");
            String rule = byService ? "correlation.same-service" : "correlation.same-ci";
            FingerprintState row = newRow(signal, incident, rule);
            Duration idle = Duration.between(incident.lastActivityAt, signal.receivedAt());
            String scope = byService ? "service " + placement.service() : "CI " + placement.configurationItem();
            update.step(signal.receivedAt(), TimelineWording.joined(signal, rule, scope, idle, config.correlationWindow()), () -> {
                incident.fingerprints = append(incident.fingerprints, signal.fingerprint());
                incident.firingSignals++;
                incident.autoResolveAt = null;
                seenOnIncident(incident, signal);
            });
            rows.put(signal.fingerprint(), row);
            raiseUrgency(update, incident, signal);
            decisions.add(alertDecision(Decision.Kind.JOIN, "correlated", signal, incident, row, true, false, mark));
        }

        private void open(Signal signal, Placement placement) {
            IncidentState incident = new IncidentState();
            incident.id = ids.get();
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
            incident.fingerprints = List.of(signal.fingerprint());
            incident.firingSignals = 1;
            incident.signalCount = 1;
            incident.firstSeen = signal.receivedAt();
            incident.lastSeen = signal.receivedAt();
            incident.lastActivityAt = signal.receivedAt();
            incident.createdAt = now;
            priorities.prioritize(incident);
            incidents.put(incident.id, incident);
            openByKey.computeIfAbsent(incident.correlationKey, key -> new ArrayList<>()).add(incident);

            String where = TimelineWording.placedOn(placement.unmapped(), placement.configurationItem(), placement.service(),
                    placement.rule(), placement.owner());
            IncidentUpdate update = IncidentUpdate.opened(incident,
                    TimelineWording.openedFor(signal, where, placement.correlationKey(), config.correlationWindow()), signal.receivedAt());
            updates.put(incident.id, update);
            FingerprintState row = newRow(signal, incident, "correlation.new-incident");
            rows.put(signal.fingerprint(), row);
            MaintenanceWindow window = maintenance(update, incident, signal.receivedAt());
            decisions.add(new Decision(Decision.Kind.OPEN, "opened", signal, incident.copy(), row.copy(), true, null, false, null,
                    window == null ? null : window.changeId(), false, update.lines()));
        }

        /** A new incident of a CI or service inside an approved maintenance window is marked (and, per policy, lowered or held). */
        private MaintenanceWindow maintenance(IncidentUpdate update, IncidentState incident, Instant at) {
            for (MaintenanceWindow window : windows) {
                boolean covers = incident.configurationItem != null && window.covers("ci:" + incident.configurationItem, at)
                        || incident.service != null && window.covers("service:" + incident.service, at);
                if (!covers) {
                    continue;
                }
                IncidentConfig.Maintenance.Policy policy = config.maintenance().policy();
                update.step(at, TimelineWording.openedInMaintenance(window, policy), () -> {
                    incident.maintenance = true;
                    incident.pagingHeld = policy == IncidentConfig.Maintenance.Policy.HOLD_PAGING;
                    priorities.prioritize(incident);
                });
                return window;
            }
            return null;
        }

        private void resolved(Signal signal, FingerprintState row, IncidentState incident) {
            if (row == null || incident == null) {
                decisions.add(new Decision(Decision.Kind.IGNORE, "ignored", signal, null, null, false, null, false, null, null, false,
                        List.of()));
                return;
            }
            int mark = mark(incident);
            IncidentUpdate update = update(incident);
            seen(row, incident, signal);
            if (row.status == SignalStatus.RESOLVED) {
                update.quietly(signal.receivedAt(), TimelineWording.resolvedRepeated(signal), () -> {
                });
                decisions.add(alertDecision(Decision.Kind.RESOLVE, "deduplicated", signal, incident, row, false, false, mark));
                return;
            }
            row.status = SignalStatus.RESOLVED;
            incident.firingSignals = Math.max(0, incident.firingSignals - 1);
            int changes = flapping.changed(row, signal.receivedAt());
            if (!incident.status.isOpen()) {
                update.quietly(signal.receivedAt(), TimelineWording.resolvedAfterIncident(signal), () -> {
                });
                decisions.add(alertDecision(Decision.Kind.RESOLVE, "resolved", signal, incident, row, false, false, mark));
                return;
            }
            update.step(signal.receivedAt(), TimelineWording.signalResolved(signal, incident.firingSignals));
            boolean started = flappingStarted(update, row, changes, signal);
            if (incident.firingSignals == 0) {
                autoResolve.allResolved(update, row, signal.receivedAt());
            }
            decisions.add(alertDecision(Decision.Kind.RESOLVE, "resolved", signal, incident, row, false, started, mark));
        }

        private boolean flappingStarted(IncidentUpdate update, FingerprintState row, int changes, Signal signal) {
            if (changes <= 0) {
                return false;
            }
            update.step(signal.receivedAt(), TimelineWording.flappingDetected(row.fingerprint, changes, flapping.describe()));
            return true;
        }

        /** Raises urgency (never lowers it) when a firing signal is more severe than the urgency says, unless a person set it. */
        private void raiseUrgency(IncidentUpdate update, IncidentState incident, Signal signal) {
            Urgency urgency = priorities.urgency(signal.severity());
            if (incident.urgencyOverridden || urgency.ordinal() >= incident.urgency.ordinal()) {
                return;
            }
            update.step(signal.receivedAt(), TimelineWording.urgencyRaised(signal, urgency), () -> {
                incident.urgency = urgency;
                priorities.prioritize(incident);
            });
        }

        // ---- tickets

        private void ticket(Signal signal) {
            String id = ticketId(signal);
            TicketState ticket = tickets.get(id);
            boolean created = false;
            String retired = null;
            TicketState linkedByKey = ticket != null ? null : linkedByKey(signal);
            if (linkedByKey != null) {
                tickets.remove(linkedByKey.id);
                ticket = adopt(linkedByKey, id);
                retired = linkedByKey.id;
                created = true;
            }
            if (ticket == null) {
                ticket = new TicketState();
                ticket.id = id;
                ticket.system = signal.provider();
                ticket.key = ticketKey(signal);
                tickets.put(id, ticket);
                created = true;
            }
            String keyBefore = ticket.key;
            ticket.key = ticketKey(signal);
            ticket.keyUsed(keyBefore);
            ticket.keyUsed(previousKey(signal));
            SignalStatus before = ticket.status;
            String providerBefore = ticket.providerStatus;
            ticket.status = signal.status();
            ticket.providerStatus = signal.providerStatus();
            if (signal.link() != null) {
                ticket.url = signal.link();
            }
            ticket.updatedAt = signal.receivedAt();
            boolean linkedNow = false;
            UUID labelled = TicketState.labelledIncident(signal.labels());
            if (ticket.incidentId == null && labelled != null && incidents.containsKey(labelled)) {
                // made for this incident by the hub's sync (or correlated to it in the provider): link it, as a person would
                ticket.incidentId = labelled;
                linkedNow = true;
            }
            IncidentState incident = ticket.incidentId == null ? null : incidents.get(ticket.incidentId);
            if (incident == null) {
                decisions.add(new Decision(Decision.Kind.TICKET_UPDATE, "unlinked", signal, null, null, false, ticket.copy(), created,
                        retired, null, false, List.of()));
                return;
            }
            int mark = mark(incident);
            String name = ticket.system + ":" + ticket.key;
            if (linkedNow) {
                update(incident).step(signal.receivedAt(), TimelineWording.linkedBySync(signal, name));
            }
            if (!ticket.key.equals(keyBefore)) {
                update(incident).step(signal.receivedAt(), TimelineWording.ticketMoved(signal, ticket.system, keyBefore, ticket.key));
            }
            if (before != signal.status() || !Objects.equals(providerBefore, signal.providerStatus())) {
                IncidentUpdate update = update(incident);
                boolean providerDone = signal.status() == SignalStatus.RESOLVED || signal.status() == SignalStatus.CLOSED;
                boolean providerWorking = !providerDone && signal.status() != SignalStatus.CANCELLED;
                update.step(signal.receivedAt(), TimelineWording.ticketState(signal, name), () -> {
                    if (providerDone) {
                        incident.providerResolved = true;
                    } else if (providerWorking) {
                        incident.providerResolved = false;
                    }
                });
                boolean providerOwnsStatus = config.tickets().ownership().status() == IncidentConfig.Tickets.Owner.PROVIDER;
                if (providerDone && incident.status.isOpen()
                        && (config.tickets().onProviderResolved() == IncidentConfig.Tickets.ProviderResolved.RESOLVE || providerOwnsStatus)) {
                    update.step(signal.receivedAt(), TimelineWording.resolvedByTicket(signal, name),
                            () -> IncidentAction.RESOLVE.applyTo(incident, now));
                }
                boolean reopened = providerWorking && before != null && before != signal.status() && !incident.status.isOpen();
                if (reopened && providerOwnsStatus && IncidentAction.REOPEN.allowedFrom(incident.status)) {
                    update.step(signal.receivedAt(), TimelineWording.reopenedByTicket(signal, name),
                            () -> IncidentAction.REOPEN.applyTo(incident, now));
                } else if (reopened) {
                    update.step(signal.receivedAt(), TimelineWording.conflict(signal, name, "status",
                            "the ticket is " + signal.status() + " again", "the incident stays " + incident.status,
                            providerOwnsStatus ? "a closed incident is never reopened" : "tickets.ownership.status is HUB"));
                }
            }
            priorityFromTicket(signal, incident, ticket, name);
            assignmentFromTicket(signal, ticket, incident, name);
            decisions.add(new Decision(Decision.Kind.TICKET_UPDATE, "linked", signal, incident.copy(), null, false, ticket.copy(), created,
                    retired, null, false, linesSince(incident, mark)));
        }

        /** The row a person's link by key (the current one, else the one a move replaced) made before the ticket's first signal. */
        private TicketState linkedByKey(Signal signal) {
            TicketState byKey = tickets.get(keyId(signal));
            if (byKey == null && previousKeyId(signal) != null) {
                byKey = tickets.get(previousKeyId(signal));
            }
            return byKey;
        }

        /**
         * A note about a ticket: a line on the timeline of the incident the ticket is linked to, as the
         * provider, with who wrote it and its text. It changes no field of the incident (not even its last
         * activity: a note never keeps an incident open for correlation) and no ticket state; the event
         * it makes is an UPDATED one with no changes. A note about a ticket that is not linked, or not
         * known at all, changes nothing (counted {@code unlinked} / {@code unknown-ticket}).
         */
        private void note(Signal signal) {
            TicketState ticket = tickets.get(ticketId(signal));
            if (ticket == null) {
                ticket = linkedByKey(signal);
            }
            IncidentState incident = ticket == null || ticket.incidentId == null ? null : incidents.get(ticket.incidentId);
            if (incident == null) {
                decisions.add(new Decision(Decision.Kind.IGNORE, ticket == null ? "unknown-ticket" : "unlinked", signal, null, null, false,
                        null, false, null, null, false, List.of()));
                return;
            }
            int mark = mark(incident);
            update(incident).step(signal.receivedAt(), TimelineWording.providerNote(signal, ticket.system + ":" + ticketKey(signal)));
            decisions.add(new Decision(Decision.Kind.NOTE, "noted", signal, incident.copy(), null, false, null, false, null, null, false,
                    linesSince(incident, mark)));
        }

        /**
         * A linked ticket's impact and urgency against the incident's, per {@code tickets.ownership.priority}:
         * the ticket system owns them → the incident takes them (unless a person set them) and is prioritized
         * again; the hub owns them → a difference is a conflict on the timeline, and the incident keeps its own.
         * A conflict is written once per difference: while the same ticket values stand against the same incident
         * values ({@link TicketState#conflicts}), a later signal of the ticket (a comment, another field's change)
         * writes no second line; once they agree, or either side moves, the next difference is written again.
         */
        private void priorityFromTicket(Signal signal, IncidentState incident, TicketState ticket, String name) {
            boolean impactDiffers = signal.impact() != null && signal.impact() != incident.impact;
            boolean urgencyDiffers = signal.urgency() != null && signal.urgency() != incident.urgency;
            if (!impactDiffers && !urgencyDiffers) {
                if (signal.impact() != null || signal.urgency() != null) {
                    ticket.conflict("priority", null); // the ticket agrees again: a later difference is new
                }
                return;
            }
            String theirs = "the ticket says impact " + (signal.impact() == null ? incident.impact : signal.impact()) + ", urgency "
                    + (signal.urgency() == null ? incident.urgency : signal.urgency());
            boolean providerOwns = config.tickets().ownership().priority() == IncidentConfig.Tickets.Owner.PROVIDER;
            boolean personSet = (impactDiffers && incident.impactOverridden) || (urgencyDiffers && incident.urgencyOverridden);
            if (providerOwns && !personSet) {
                ticket.conflict("priority", null);
                update(incident).step(signal.receivedAt(), TimelineWording.priorityFromTicket(signal, name, theirs), () -> {
                    if (impactDiffers) {
                        incident.impact = signal.impact();
                    }
                    if (urgencyDiffers) {
                        incident.urgency = signal.urgency();
                    }
                    priorities.prioritize(incident);
                });
                return;
            }
            String ours = "the incident keeps impact " + incident.impact + ", urgency " + incident.urgency + " (" + incident.priority + ")";
            if (ticket.conflict("priority", theirs + "; " + ours)) {
                update(incident).step(signal.receivedAt(), TimelineWording.conflict(signal, name, "priority", theirs, ours,
                        personSet ? "a person set them on the incident" : "tickets.ownership.priority is HUB"));
            }
        }

        /**
         * A linked ticket's assignment against the incident's owner, per {@code tickets.ownership.assignment}, judged once
         * per difference (the ticket keeps the assignment last judged: later signals with the same one say nothing new).
         * The owner the assignment stands for is the signal's {@code siamOwner} label (provider-adapters' assignment
         * maps), else the assignment itself (a group named like the hub owner). The ticket system owns the assignment
         * and the catalog knows that owner → the incident moves to it; otherwise a conflict line says what the ticket
         * says, what the incident keeps and why (the hub owns it, or the owner is unknown).
         */
        private void assignmentFromTicket(Signal signal, TicketState ticket, IncidentState incident, String name) {
            String assignment = label(signal, TicketState.ASSIGNMENT_LABEL);
            if (assignment == null || assignment.equals(ticket.assignment)) {
                return;
            }
            ticket.assignment = assignment;
            String mapped = label(signal, TicketState.OWNER_LABEL);
            String owner = mapped != null ? mapped : assignment;
            if (owner.equals(incident.owner)) {
                return;
            }
            boolean providerOwns = config.tickets().ownership().assignment() == IncidentConfig.Tickets.Owner.PROVIDER;
            boolean known = owners.contains(owner) || owner.equals(config.defaultOwner());
            String theirs = "the ticket is assigned to " + assignment + (mapped != null && !mapped.equals(assignment) ? " (owner " + mapped + ")" : "");
            if (providerOwns && known) {
                String from = incident.owner;
                update(incident).step(signal.receivedAt(), TimelineWording.ownerFromTicket(signal, name, theirs, from),
                        () -> incident.owner = owner);
            } else {
                update(incident).step(signal.receivedAt(), TimelineWording.conflict(signal, name, "assignment", theirs,
                        "the incident stays with " + incident.owner,
                        providerOwns ? owner + " is no owner the catalog knows (map the group in provider-adapters' assignment maps,"
                                + " or give it an ownership entry)" : "tickets.ownership.assignment is HUB"));
            }
        }

        /** A label's value, stripped; null when absent or blank. */
        private static String label(Signal signal, String name) {
            String value = signal.labels().get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        /**
         * A ticket a person linked by its key before its first signal came takes the provider's id: a
         * new row under that id, with the link, replaces the one under the key.
         */
        private TicketState adopt(TicketState linkedByKey, String id) {
            TicketState ticket = linkedByKey.copy();
            ticket.id = id;
            tickets.put(id, ticket);
            return ticket;
        }

        // ---- bookkeeping

        private IncidentUpdate update(IncidentState incident) {
            return updates.computeIfAbsent(incident.id, id -> IncidentUpdate.of(incident));
        }

        /** How many lines the incident has so far in this batch, to tell a decision's own lines. */
        private int mark(IncidentState incident) {
            IncidentUpdate update = updates.get(incident.id);
            return update == null ? 0 : update.lines().size();
        }

        private List<TimelineLine> linesSince(IncidentState incident, int mark) {
            IncidentUpdate update = updates.get(incident.id);
            return update == null ? List.of() : update.lines().subList(mark, update.lines().size());
        }

        private Decision alertDecision(Decision.Kind kind, String outcome, Signal signal, IncidentState incident, FingerprintState row,
                boolean newRow, boolean flappingStarted, int mark) {
            return new Decision(kind, outcome, signal, incident.copy(), row.copy(), newRow, null, false, null, null, flappingStarted,
                    linesSince(incident, mark));
        }

        private void seen(FingerprintState row, IncidentState incident, Signal signal) {
            row.count++;
            if (signal.receivedAt().isAfter(row.lastSeen)) {
                row.lastSeen = signal.receivedAt();
            }
            seenOnIncident(incident, signal);
        }

        private FingerprintState newRow(Signal signal, IncidentState incident, String rule) {
            FingerprintState row = new FingerprintState();
            row.id = ids.get();
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
            return row;
        }
    }

    private static void seenOnIncident(IncidentState incident, Signal signal) {
        incident.signalCount++;
        if (incident.lastSeen == null || signal.receivedAt().isAfter(incident.lastSeen)) {
            incident.lastSeen = signal.receivedAt();
        }
        if (incident.lastActivityAt == null || signal.receivedAt().isAfter(incident.lastActivityAt)) {
            incident.lastActivityAt = signal.receivedAt();
        }
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
}
