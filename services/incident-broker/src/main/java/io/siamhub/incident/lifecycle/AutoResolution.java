package io.siamhub.incident.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.siamhub.incident.IncidentConfig;
import io.siamhub.incident.events.IncidentEvents;
import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.incident.persistence.IncidentSignalEntity;
import io.siamhub.incident.rules.AutoResolvePolicy;
import io.siamhub.incident.rules.FingerprintState;
import io.siamhub.incident.rules.FlappingDetector;
import io.siamhub.incident.rules.IncidentUpdate;
import io.siamhub.model.incident.IncidentStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The auto-resolve timer: every {@code auto-resolve-check-interval} it resolves the incidents whose
 * quiet period is over, and clears flapping fingerprints that have been quiet long enough (then does
 * what their flapping held back). The rules are the {@link AutoResolvePolicy}'s.
 */
@ApplicationScoped
public class AutoResolution {

    private static final Logger LOG = Logger.getLogger(AutoResolution.class);
    private static final int BATCH = 200;
    private static final List<IncidentStatus> DONE = List.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED);

    private final IncidentConfig config;
    private final FlappingDetector flapping;
    private final AutoResolvePolicy policy;
    private final IncidentEvents events;
    private final Clock clock;

    AutoResolution(IncidentConfig config, FlappingDetector flapping, AutoResolvePolicy policy, IncidentEvents events, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.flapping = flapping;
        this.policy = policy;
        this.events = events;
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
        return Panache.withTransaction(() -> IncidentEntity.<IncidentEntity> findById(id, LockModeType.PESSIMISTIC_WRITE).chain(row -> {
            Instant now = clock.instant();
            if (row == null || !AutoResolvePolicy.due(row.toState(), now)) {
                return Uni.createFrom().item(false);
            }
            IncidentUpdate update = IncidentUpdate.of(row.toState());
            policy.resolve(update, now);
            return events.publish(row, update).replaceWith(true);
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
                            List<FingerprintState> cleared = new ArrayList<>();
                            for (IncidentSignalEntity row : rows) {
                                FingerprintState state = row.toState();
                                if (flapping.clears(state, now)) {
                                    flapping.clear(state);
                                    row.set(state);
                                    cleared.add(state);
                                }
                            }
                            if (cleared.isEmpty()) {
                                return Uni.createFrom().voidItem();
                            }
                            IncidentUpdate update = IncidentUpdate.of(incident.toState());
                            policy.flappingCleared(update, cleared, now);
                            return events.publish(incident, update).replaceWithVoid();
                        })));
    }
}
