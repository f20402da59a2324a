package io.siamhub.sla.clock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.model.Priority;
import io.siamhub.sla.SlaConfig;
import io.siamhub.sla.definition.AppliesTo;
import io.siamhub.sla.definition.ModelStore;
import io.siamhub.sla.definition.SlaDefinition;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Rebuilds clocks from the stored history after a definition or calendar changed, or on
 * {@code POST /api/sla/recompute}: the incidents with an active clock of the definitions, and (for a definition that
 * is new or changed) the open incidents it may now apply to, in batches of {@code siam.sla.recompute-batch-size},
 * one transaction each. Finished clocks keep their result.
 */
@ApplicationScoped
public class Recompute {

    private static final Logger LOG = Logger.getLogger(Recompute.class);
    private static final String ACTIVE = "select distinct incident_id from sla_clock where state in ('RUNNING', 'PAUSED')"
            + " and definition_id = any(cast(?1 as text[]))";
    private static final String OPEN = "select incident_id from incident_state where status not in ('RESOLVED', 'CLOSED')";

    private final ClockService clocks;
    private final ModelStore models;
    private final SlaConfig config;
    private final SlaClockScheduler scheduler;

    Recompute(ClockService clocks, ModelStore models, SlaConfig config, SlaClockScheduler scheduler) {
        this.clocks = clocks;
        this.models = models;
        this.config = config;
        this.scheduler = scheduler;
    }

    /** What a recompute did. */
    public record Result(int incidents, int events) {
    }

    /**
     * @param definitionIds the definitions that changed (or were deleted)
     * @param includeOpen   also the open incidents a (new or changed) definition may now apply to
     */
    public Uni<Result> definitions(Collection<String> definitionIds, boolean includeOpen, String reason) {
        if (definitionIds.isEmpty()) {
            return Uni.createFrom().item(new Result(0, 0));
        }
        return Panache.withSession(() -> models.current().chain(model -> {
            String[] ids = definitionIds.toArray(String[]::new);
            Uni<List<UUID>> active = Panache.getSession().chain(session -> session.createNativeQuery(ACTIVE, UUID.class)
                    .setParameter(1, ids).getResultList());
            if (!includeOpen) {
                return active;
            }
            List<SlaDefinition> changed = definitionIds.stream().map(model.definitions()::get).filter(java.util.Objects::nonNull).toList();
            return active.chain(found -> open(changed).map(more -> {
                java.util.Set<UUID> all = new java.util.TreeSet<>(found);
                all.addAll(more);
                return List.copyOf(all);
            }));
        })).chain(incidents -> run(incidents, reason));
    }

    /** Every active clock and every open incident, with every definition. */
    public Uni<Result> all(String reason) {
        return Panache.withSession(() -> models.current().chain(model -> definitions(model.definitions().keySet(), true, reason)));
    }

    private static Uni<List<UUID>> open(List<SlaDefinition> definitions) {
        if (definitions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder where = new StringBuilder(OPEN).append(" and (false");
        List<Object> parameters = new ArrayList<>();
        for (SlaDefinition definition : definitions) {
            AppliesTo applies = definition.appliesTo();
            where.append(" or (true");
            if (!applies.priorities().isEmpty()) {
                parameters.add(applies.priorities().stream().map(Priority::name).toArray(String[]::new));
                where.append(" and priority = any(cast(?").append(parameters.size()).append(" as text[]))");
            }
            if (!applies.services().isEmpty()) {
                parameters.add(applies.services().toArray(String[]::new));
                where.append(" and service = any(cast(?").append(parameters.size()).append(" as text[]))");
            }
            where.append(")");
        }
        where.append(")");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(where.toString(), UUID.class);
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            return query.getResultList();
        });
    }

    private Uni<Result> run(List<UUID> incidents, String reason) {
        int size = Math.max(1, config.recomputeBatchSize());
        List<List<UUID>> batches = new ArrayList<>();
        for (int i = 0; i < incidents.size(); i += size) {
            batches.add(incidents.subList(i, Math.min(incidents.size(), i + size)));
        }
        int[] events = {0};
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> clocks.recompute(batch, reason).invoke(applied -> {
                    events[0] += applied.events().size();
                    scheduler.hint(applied.earliestDue());
                }))
                .collect().last()
                .replaceWith(() -> {
                    LOG.infof("recomputed %d incidents (%s): %d events", incidents.size(), reason, events[0]);
                    return new Result(incidents.size(), events[0]);
                });
    }
}
