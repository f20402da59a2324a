package io.siamhub.sla.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.model.sla.SlaEventKind;

/**
 * The events between two states of one clock: what a consumer of {@code siam.sla.v1} has not been told yet.
 * <ul>
 * <li>A timeline line caused by an incident event (started, paused, resumed, met, stopped, cancelled) that the
 * previous state did not have (by its kind and incident version) is published once.</li>
 * <li>AT_RISK for each stage above the previous state's stage; BREACHED when the previous state was not breached.</li>
 * <li>On a recompute, lines of the past that only moved are not published again; STARTED and CANCELLED are, and a
 * RECOMPUTED event carries the old and new due instant of each active clock whose due instant or target changed.</li>
 * </ul>
 * Events come out in the order of their instants.
 */
public final class ClockEvents {

    private ClockEvents() {
    }

    /**
     * @param previous        the stored state, or null for a new clock
     * @param recomputeReason why a definition or calendar change rebuilt the clock; null for incident events and timers
     */
    public static List<SlaEvent> between(Clock previous, Clock next, String recomputeReason, Instant now) {
        if (previous != null && previous.equals(next)) {
            return List.of();
        }
        Set<String> told = new HashSet<>();
        if (previous != null) {
            previous.timeline().forEach(line -> told.add(key(line)));
        }
        int previousStage = previous == null ? 0 : previous.stage();
        boolean previouslyBreached = previous != null && previous.breached();
        List<SlaEvent> events = new ArrayList<>();
        for (Clock.TimelineEntry line : next.timeline()) {
            if (line.replayed()) {
                continue;
            }
            switch (line.what()) {
                case "at-risk" -> {
                    if (line.stage() != null && line.stage() > previousStage) {
                        events.add(event(SlaEventKind.AT_RISK, next, line, null));
                    }
                }
                case "breached" -> {
                    if (!previouslyBreached) {
                        events.add(event(SlaEventKind.BREACHED, next, line, null));
                    }
                }
                default -> {
                    SlaEventKind kind = kind(line.what());
                    boolean publish = !told.contains(key(line))
                            && (recomputeReason == null || kind == SlaEventKind.STARTED || kind == SlaEventKind.CANCELLED);
                    if (publish) {
                        events.add(event(kind, next, line, null));
                    }
                }
            }
        }
        if (recomputeReason != null && previous != null && previous.active() && next.active()
                && (!Objects.equals(previous.dueAt(), next.dueAt()) || !previous.target().equals(next.target())
                        || previous.state() != next.state())) {
            events.add(event(SlaEventKind.RECOMPUTED, next, new Clock.TimelineEntry(now, "recomputed", recomputeReason, next.state(), null,
                    next.elapsed(), null, null, null, false), previous.dueAt()));
        }
        events.sort(Comparator.comparing(SlaEvent::occurredAt));
        return events;
    }

    private static String key(Clock.TimelineEntry line) {
        return line.what() + "|" + line.version() + "|" + line.replayed();
    }

    private static SlaEventKind kind(String what) {
        return SlaEventKind.valueOf(what.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    private static SlaEvent event(SlaEventKind kind, Clock clock, Clock.TimelineEntry line, Instant previousDueAt) {
        boolean breachedThen = clock.breachedAt() != null && !clock.breachedAt().isAfter(line.at());
        String reason = line.cause() == null ? line.detail() : line.detail() + " (" + line.cause() + ")";
        return new SlaEvent(kind, clock.id().toString(), clock.incidentId(), clock.definitionId(), clock.type(), clock.metric(),
                clock.type() == AgreementType.UC ? clock.party() : null, clock.priority(), clock.target(), line.elapsed(),
                clock.target().minus(line.elapsed()), line.stage(), clock.dueAt(), line.at(), clock.party(), line.state(), breachedThen,
                previousDueAt, reason);
    }
}
