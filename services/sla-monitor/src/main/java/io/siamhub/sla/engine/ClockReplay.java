package io.siamhub.sla.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaMetric;
import io.siamhub.sla.calendar.BusinessCalendar;
import io.siamhub.sla.definition.SlaDefinition;

/**
 * Rebuilds the clocks of one definition on one incident from the incident's history alone: a pure function of
 * (history, definition, calendar, parties, now). The rules, in the order they are checked for each observation:
 * <ol>
 * <li>A clock attaches when the definition applies, the incident is open, (RESPONSE) it is not yet acknowledged and
 * (UC/OLA) the party owns it. With {@code retroactiveStart} it counts from the incident's creation, the pauses of the
 * history before it replayed; otherwise from the observation.</li>
 * <li>An attached clock is cancelled when the definition stops applying, or when the incident is closed without
 * resolution. A later observation to which it applies again attaches a new generation.</li>
 * <li>It stops (MET, or BREACHED when past its target) when the incident is resolved (RESOLUTION) or acknowledged or
 * resolved (RESPONSE), or, for a UC/OLA RESPONSE clock, when the owner changes away from the party.</li>
 * <li>A stopped RESOLUTION clock resumes when the incident is reopened.</li>
 * <li>Otherwise it pauses while the incident's status is in {@code pauseWhile} and (UC/OLA RESOLUTION) while another
 * party owns the incident, and runs the rest of the time.</li>
 * </ol>
 * Observation times are made non-decreasing; the first observation counts from the incident's creation.
 */
final class ClockReplay {

    private final String incidentId;
    private final SlaDefinition definition;
    private final BusinessCalendar calendar;
    private final Parties parties;

    ClockReplay(String incidentId, SlaDefinition definition, BusinessCalendar calendar, Parties parties) {
        this.incidentId = incidentId;
        this.definition = definition;
        this.calendar = calendar;
        this.parties = parties;
    }

    /** Every clock (generation) of the definition on the incident, evaluated at {@code now}. */
    List<Clock> replay(List<IncidentObservation> history, Instant now) {
        List<Clock> clocks = new ArrayList<>();
        if (history.isEmpty()) {
            return clocks;
        }
        Instant[] at = times(history);
        Instant end = now.isAfter(at[at.length - 1]) ? now : at[at.length - 1];
        List<ClockBuilder> builders = new ArrayList<>();
        ClockBuilder current = null;
        int generation = 0;
        for (int i = 0; i < history.size(); i++) {
            IncidentObservation observation = history.get(i);
            if (current == null || current.state == ClockState.CANCELLED) {
                if (canAttach(observation)) {
                    generation++;
                    current = new ClockBuilder(incidentId, definition, calendar, generation);
                    builders.add(current);
                    if (definition.retroactiveStart() && at[0].isBefore(at[i])) {
                        current.startReplayed(at[0], history.get(0), state(history.get(0)), reason(history.get(0)));
                        for (int j = 1; j < i; j++) {
                            current.replayed(at[j], history.get(j), state(history.get(j)), reason(history.get(j)));
                        }
                        current.attach(at[i], observation, state(observation), reason(observation));
                    } else {
                        current.start(at[i], observation, state(observation), reason(observation));
                    }
                }
                continue;
            }
            observe(current, observation, at[i]);
        }
        for (ClockBuilder builder : builders) {
            clocks.add(builder.build(end, history.get(history.size() - 1)));
        }
        return clocks;
    }

    private void observe(ClockBuilder clock, IncidentObservation observation, Instant at) {
        boolean applies = applies(observation);
        if (clock.state.isFinal()) {
            // a stopped RESOLUTION clock resumes when the incident is reopened (and still applies)
            if (definition.metric() == SlaMetric.RESOLUTION && observation.status().isOpen() && applies) {
                clock.resume(at, observation, state(observation), reason(observation));
            }
            return;
        }
        if (!applies) {
            clock.cancel(at, observation, "the definition no longer applies (priority " + observation.priority() + ", service "
                    + observation.service() + ", owner " + observation.owner() + (observation.maintenance() ? ", maintenance" : "") + ")");
        } else if (observation.status() == IncidentStatus.CLOSED && observation.resolvedAt() == null) {
            clock.cancel(at, observation, "the incident was closed without resolution");
        } else if (stops(observation)) {
            clock.stop(at, observation, stopReason(observation));
        } else {
            clock.transition(at, observation, state(observation), reason(observation));
        }
    }

    private boolean applies(IncidentObservation observation) {
        return definition.appliesTo().matches(observation.priority(), observation.service(), observation.configurationItem(),
                observation.owner(), observation.maintenance());
    }

    private boolean owned(IncidentObservation observation) {
        return parties.owns(definition.party(), observation.owner());
    }

    private boolean canAttach(IncidentObservation observation) {
        return applies(observation) && observation.status().isOpen()
                && (definition.metric() != SlaMetric.RESPONSE || !observation.acknowledged())
                && (!definition.followsOwnership() || owned(observation));
    }

    private boolean stops(IncidentObservation observation) {
        boolean resolved = observation.status() == IncidentStatus.RESOLVED
                || observation.status() == IncidentStatus.CLOSED && observation.resolvedAt() != null;
        if (definition.metric() == SlaMetric.RESOLUTION) {
            return resolved;
        }
        return resolved || observation.acknowledged() || definition.followsOwnership() && !owned(observation);
    }

    private String stopReason(IncidentObservation observation) {
        if (definition.metric() == SlaMetric.RESPONSE && definition.followsOwnership() && !owned(observation)
                && !observation.acknowledged() && observation.status().isOpen()) {
            return "handed over to " + observation.owner();
        }
        return definition.metric() == SlaMetric.RESPONSE && observation.status().isOpen() ? "acknowledged" : "resolved";
    }

    /** RUNNING or PAUSED for an observation of an open incident (closed ones are stops, handled before). */
    private ClockState state(IncidentObservation observation) {
        return reason(observation) == null ? ClockState.RUNNING : ClockState.PAUSED;
    }

    /** Why the clock does not count during this observation, or null when it counts. */
    private String reason(IncidentObservation observation) {
        if (!observation.status().isOpen()) {
            return "status " + observation.status();
        }
        if (definition.pauseWhile().contains(observation.status())) {
            return "status " + observation.status();
        }
        if (definition.followsOwnership() && !owned(observation)) {
            return "owned by " + observation.owner();
        }
        return null;
    }

    private static Instant[] times(List<IncidentObservation> history) {
        Instant[] at = new Instant[history.size()];
        IncidentObservation first = history.get(0);
        at[0] = first.createdAt() != null && first.createdAt().isBefore(first.at()) ? first.createdAt() : first.at();
        for (int i = 1; i < at.length; i++) {
            Instant observed = history.get(i).at();
            at[i] = observed == null || observed.isBefore(at[i - 1]) ? at[i - 1] : observed;
        }
        return at;
    }

    /** The mutable state of one clock while its history is replayed. */
    private static final class ClockBuilder {

        private final String incidentId;
        private final SlaDefinition definition;
        private final BusinessCalendar calendar;
        private final int generation;
        private final List<Clock.Segment> segments = new ArrayList<>();
        private final List<Clock.TimelineEntry> timeline = new ArrayList<>();

        private ClockState state = ClockState.RUNNING;
        private Instant startedAt;
        private Instant stoppedAt;
        /** Start and reason of the current (open) segment, and its state. */
        private Instant segmentFrom;
        private ClockState segmentState;
        private String segmentReason;
        /** Business time used before the current segment. */
        private Duration used = Duration.ZERO;
        private int stage;
        private boolean breached;
        private Instant breachedAt;
        private Instant lastDue;

        ClockBuilder(String incidentId, SlaDefinition definition, BusinessCalendar calendar, int generation) {
            this.incidentId = incidentId;
            this.definition = definition;
            this.calendar = calendar;
            this.generation = generation;
        }

        void start(Instant at, IncidentObservation cause, ClockState counting, String reason) {
            startedAt = at;
            open(at, counting, reason);
            state = counting;
            line(at, "started", counting == ClockState.RUNNING ? "counting from " + at : "started paused: " + reason, cause, false);
        }

        /** A retroactive start: counts from the incident's creation; the history before the attachment is replayed. */
        void startReplayed(Instant at, IncidentObservation cause, ClockState counting, String reason) {
            startedAt = at;
            open(at, counting, reason);
            state = counting;
            line(at, counting == ClockState.RUNNING ? "resumed" : "paused", "replayed from history" + (reason == null ? "" : ": " + reason),
                    cause, true);
        }

        void replayed(Instant at, IncidentObservation cause, ClockState counting, String reason) {
            if (counting != segmentState || !java.util.Objects.equals(reason, segmentReason)) {
                boolean changes = counting != segmentState;
                close(at);
                open(at, counting, reason);
                state = counting;
                if (changes) {
                    line(at, counting == ClockState.RUNNING ? "resumed" : "paused",
                            "replayed from history" + (reason == null ? "" : ": " + reason), cause, true);
                }
            }
        }

        /** The observation a retroactive clock attached at: published as its start, dated from the incident's creation. */
        void attach(Instant at, IncidentObservation cause, ClockState counting, String reason) {
            replayed(at, cause, counting, reason);
            timeline.add(0, new Clock.TimelineEntry(startedAt, "started",
                    "retroactive start at " + at + ": counts from the incident's creation with the pauses of its history",
                    segmentState, null, Duration.ZERO, cause(cause), cause.ceId(), cause.version(), false));
        }

        void transition(Instant at, IncidentObservation cause, ClockState counting, String reason) {
            if (counting == segmentState && java.util.Objects.equals(reason, segmentReason)) {
                return;
            }
            boolean changes = counting != segmentState;
            close(at);
            open(at, counting, reason);
            state = counting;
            if (changes) {
                line(at, counting == ClockState.RUNNING ? "resumed" : "paused", counting == ClockState.RUNNING ? "counting again" : reason,
                        cause, false);
            }
        }

        void stop(Instant at, IncidentObservation cause, String why) {
            close(at);
            stoppedAt = at;
            state = breached ? ClockState.BREACHED : ClockState.MET;
            open(at, state, why);
            line(at, breached ? "stopped" : "met", (breached ? "stopped after its breach: " : "met: ") + why, cause, false);
        }

        void resume(Instant at, IncidentObservation cause, ClockState counting, String reason) {
            close(at);
            stoppedAt = null;
            open(at, counting, reason);
            state = counting;
            line(at, "resumed", "the incident was reopened" + (reason == null ? "" : "; " + reason), cause, false);
        }

        void cancel(Instant at, IncidentObservation cause, String why) {
            close(at);
            segmentFrom = null;
            stoppedAt = at;
            state = ClockState.CANCELLED;
            line(at, "cancelled", why, cause, false);
        }

        private void open(Instant at, ClockState counting, String reason) {
            segmentFrom = at;
            segmentState = counting;
            segmentReason = reason;
        }

        /** Ends the current segment at {@code at}: counts its business time, its stages and its breach. */
        private void close(Instant at) {
            if (segmentFrom == null) {
                return;
            }
            if (segmentState == ClockState.RUNNING) {
                count(segmentFrom, at, true);
            }
            if (at.isAfter(segmentFrom)) {
                segments.add(new Clock.Segment(segmentState, segmentFrom, at, segmentReason));
            }
            segmentFrom = null;
        }

        /**
         * Counts [from, to) of running time: adds the stages reached (inclusive of {@code to}) and the breach (strictly
         * before {@code to}) to the timeline. With {@code accumulate} the business time is added to {@code used}.
         */
        private Duration count(Instant from, Instant to, boolean accumulate) {
            Duration target = definition.target();
            Duration inSpan = calendar.elapsed(from, to);
            Duration after = used.plus(inSpan);
            for (int percent : definition.stages()) {
                Duration threshold = ClockProgress.threshold(target, percent);
                if (percent > stage && threshold.compareTo(used) > 0 && threshold.compareTo(after) <= 0) {
                    Instant reached = ClockProgress.reach(calendar, from, used, threshold);
                    stage = percent;
                    timeline.add(new Clock.TimelineEntry(reached, "at-risk", percent + " % of " + target + " used", ClockState.RUNNING,
                            percent, threshold, null, null, null, false));
                }
            }
            Instant due = breached ? breachedAt : ClockProgress.reach(calendar, from, used, target);
            if (!breached && due.isBefore(to)) {
                breached = true;
                breachedAt = due;
                timeline.add(new Clock.TimelineEntry(due, "breached", "all of " + target + " used at " + due, ClockState.RUNNING, null,
                        target, null, null, null, false));
            }
            lastDue = due;
            if (accumulate) {
                used = after;
            }
            return after;
        }

        private void line(Instant at, String what, String detail, IncidentObservation cause, boolean replayed) {
            timeline.add(new Clock.TimelineEntry(at, what, detail, state, null, used, cause(cause), cause.ceId(), cause.version(), replayed));
        }

        private static String cause(IncidentObservation observation) {
            String kind = observation.kind() == null ? "event" : observation.kind().wireName();
            return "incident " + (observation.number() == null ? "" : observation.number() + " ") + kind + " (v" + observation.version() + ")"
                    + (observation.why() == null || observation.why().isBlank() ? "" : ": " + observation.why());
        }

        Clock build(Instant now, IncidentObservation latest) {
            Duration elapsed = used;
            Instant runningSince = null;
            Duration elapsedBefore = null;
            Instant dueAt = breached ? breachedAt : lastDue;
            Instant nextDueAt = null;
            List<Clock.Segment> spans = new ArrayList<>(segments);
            if (segmentFrom != null) {
                spans.add(new Clock.Segment(segmentState, segmentFrom, null, segmentReason));
            }
            if (state == ClockState.RUNNING) {
                runningSince = segmentFrom;
                elapsedBefore = used;
                elapsed = count(segmentFrom, now, false);
                dueAt = breached ? breachedAt : ClockProgress.reach(calendar, segmentFrom, used, definition.target());
                nextDueAt = ClockTimer.next(definition.target(), definition.stages(), stage, breached, dueAt, calendar, runningSince,
                        elapsedBefore);
            } else if (state == ClockState.PAUSED) {
                dueAt = breached ? breachedAt : null;
            }
            List<Clock.TimelineEntry> ordered = new ArrayList<>(timeline);
            ordered.sort(java.util.Comparator.comparing(Clock.TimelineEntry::at));
            return new Clock(Clock.idOf(incidentId, definition.id(), generation), incidentId, latest.number(), definition.id(), generation,
                    definition.type(), definition.party(), definition.metric(), definition.calendarId(), definition.target(),
                    definition.stages(), latest.priority(), latest.service(), latest.owner(), state, breached, breachedAt, startedAt,
                    stoppedAt, dueAt, elapsed, definition.target().minus(elapsed), stage, runningSince, elapsedBefore, nextDueAt, now, spans,
                    ordered);
        }
    }
}
