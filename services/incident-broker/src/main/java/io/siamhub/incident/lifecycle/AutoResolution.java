package io.siamhub.incident.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.siamhub.incident.IncidentConfig;
import io.siamhub.incident.correlation.Durations;
import io.siamhub.incident.correlation.FlappingDetector;
import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.incident.persistence.IncidentSignalEntity;
import io.siamhub.model.Actor;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Incidents that resolve by themselves. When every signal of an open incident resolved, the policy
 * ({@code siam.incident.auto-resolve}) decides whether it is scheduled to resolve after the quiet
 * period; a signal firing again, or (UNLESS_HANDLED) a person acting on it, cancels that. Every
 * {@code auto-resolve-check-interval} this resolves the incidents that are due, and clears flapping
 * fingerprints that have been quiet long enough (then applies what their flapping held back).
 */
@ApplicationScoped
public class AutoResolution {

    private static final Logger LOG = Logger.getLogger(AutoResolution.class);
    private static final int BATCH = 200;
    private static final List<IncidentStatus> DONE = List.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED);

    private final IncidentConfig config;
    private final FlappingDetector flapping;
    private final IncidentEvents events;
    private final Clock clock = Clock.systemUTC();

    AutoResolution(IncidentConfig config, FlappingDetector flapping, IncidentEvents events) {
        this.config = config;
        this.flapping = flapping;
        this.events = events;
    }

    /**
     * Every signal of the (open) incident resolved, the last being {@code last}: schedule, or say on the
     * timeline why not.
     */
    public void allResolved(IncidentUpdate update, IncidentEntity incident, IncidentSignalEntity last, Instant at) {
        IncidentConfig.AutoResolve policy = config.autoResolve();
        if (last != null && last.flapping) {
            update.step(at, Actor.system("flapping.hold"), "every signal resolved; not resolving",
                    "fingerprint " + last.fingerprint + " is flapping (" + flapping.describe() + ")", IncidentEventKind.UPDATED, () -> {
                    });
        } else if (policy == IncidentConfig.AutoResolve.NEVER) {
            update.step(at, Actor.system("auto-resolve"), "every signal resolved",
                    "auto-resolve is NEVER: a person resolves it", IncidentEventKind.UPDATED, () -> {
                    });
        } else if (policy == IncidentConfig.AutoResolve.UNLESS_HANDLED && incident.handledByPerson) {
            update.step(at, Actor.system("auto-resolve"), "every signal resolved",
                    "a person is handling it and auto-resolve is UNLESS_HANDLED: it stays open", IncidentEventKind.UPDATED, () -> {
                    });
        } else {
            Instant due = at.plus(config.resolveQuietPeriod());
            update.step(at, Actor.system("auto-resolve"), "auto-resolve scheduled",
                    "every signal resolved; it resolves after the quiet period of " + Durations.text(config.resolveQuietPeriod())
                            + " unless a signal fires again"
                            + (policy == IncidentConfig.AutoResolve.UNLESS_HANDLED ? " or a person acts on it" : ""),
                    IncidentEventKind.UPDATED, () -> incident.autoResolveAt = due);
        }
    }

    /** A person acted: under UNLESS_HANDLED a pending auto-resolve is cancelled (in the same step). */
    public void personActed(IncidentEntity incident) {
        incident.handledByPerson = true;
        if (config.autoResolve() == IncidentConfig.AutoResolve.UNLESS_HANDLED) {
            incident.autoResolveAt = null;
        }
    }

    @Scheduled(every = "${siam.incident.auto-resolve-check-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return resolveDue().chain(this::clearQuietFlapping)
                .onFailure().invoke(failure -> LOG.warnf("auto-resolve check failed, trying again next time: %s", failure.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Resolves the incidents whose quiet period is over; returns how many. */
    public Uni<Integer> resolveDue() {
        Instant now = clock.instant();
        return Panache.withSession(() -> IncidentEntity.<IncidentEntity> find("autoResolveAt <= ?1 and status not in ?2 order by autoResolveAt",
                now, DONE).page(0, BATCH).list())
                .map(due -> due.stream().map(incident -> incident.id).toList())
                .chain(ids -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(this::resolve).collect().asList())
                .map(done -> (int) done.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> resolve(UUID id) {
        return Panache.withTransaction(() -> IncidentEntity.<IncidentEntity> findById(id, LockModeType.PESSIMISTIC_WRITE).chain(incident -> {
            Instant now = clock.instant();
            if (incident == null || incident.autoResolveAt == null || incident.autoResolveAt.isAfter(now) || !incident.status.isOpen()
                    || incident.firingSignals > 0) {
                return Uni.createFrom().item(false);
            }
            IncidentUpdate update = IncidentUpdate.of(incident).step(now, Actor.system("auto-resolve"), "resolved",
                    "every signal stayed resolved for the quiet period of " + Durations.text(config.resolveQuietPeriod()),
                    IncidentEventKind.RESOLVED, () -> IncidentAction.RESOLVE.applyTo(incident, now));
            return events.publish(List.of(update)).replaceWith(true);
        }));
    }

    /** Clears flapping fingerprints quiet for the quiet window; returns how many incidents that touched. */
    public Uni<Integer> clearQuietFlapping() {
        Instant now = clock.instant();
        Instant quietSince = now.minus(config.flapping().quietWindow());
        return Panache.withSession(() -> IncidentSignalEntity.<IncidentSignalEntity> find("flapping = true and lastTransitionAt <= ?1",
                quietSince).page(0, BATCH).list())
                .map(rows -> rows.stream().map(row -> row.incidentId).distinct().toList())
                .chain(ids -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(this::clearFlapping).collect().asList())
                .map(List::size);
    }

    private Uni<Void> clearFlapping(UUID incidentId) {
        return Panache.withTransaction(() -> IncidentEntity.<IncidentEntity> findById(incidentId, LockModeType.PESSIMISTIC_WRITE)
                .chain(incident -> IncidentSignalEntity.<IncidentSignalEntity> list("incidentId = ?1 and flapping = true", incidentId)
                        .chain(rows -> {
                            Instant now = clock.instant();
                            IncidentUpdate update = IncidentUpdate.of(incident);
                            Map<String, IncidentSignalEntity> cleared = new LinkedHashMap<>();
                            for (IncidentSignalEntity row : rows) {
                                if (flapping.clears(row, now)) {
                                    flapping.clear(row);
                                    cleared.put(row.fingerprint, row);
                                    update.step(now, Actor.system("flapping.cleared"), "signal no longer flapping",
                                            "fingerprint " + row.fingerprint + " had no change for "
                                                    + Durations.text(config.flapping().quietWindow()),
                                            IncidentEventKind.UPDATED, () -> {
                                            });
                                }
                            }
                            if (cleared.isEmpty()) {
                                return Uni.createFrom().voidItem();
                            }
                            held(update, incident, new ArrayList<>(cleared.values()), now);
                            return events.publish(List.of(update)).replaceWithVoid();
                        })));
    }

    /** What flapping held back: an open incident whose signals all resolved may resolve; a resolved one whose signal still fires reopens. */
    private void held(IncidentUpdate update, IncidentEntity incident, List<IncidentSignalEntity> cleared, Instant now) {
        if (incident.status.isOpen() && incident.firingSignals == 0 && incident.autoResolveAt == null) {
            allResolved(update, incident, null, now);
            return;
        }
        IncidentSignalEntity firing = cleared.stream().filter(row -> row.status == SignalStatus.FIRING).findFirst().orElse(null);
        if (incident.status == IncidentStatus.RESOLVED && firing != null) {
            update.step(now, Actor.system("reopen.after-flapping"), "reopened",
                    "fingerprint " + firing.fingerprint + " kept firing after its flapping cleared",
                    IncidentEventKind.REOPENED, () -> IncidentAction.REOPEN.applyTo(incident, now));
        }
    }
}
