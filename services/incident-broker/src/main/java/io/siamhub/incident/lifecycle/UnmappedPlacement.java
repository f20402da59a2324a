package io.siamhub.incident.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.siamhub.incident.IncidentConfig;
import io.siamhub.incident.catalog.CatalogSnapshot;
import io.siamhub.incident.catalog.CatalogSnapshots;
import io.siamhub.incident.catalog.Placement;
import io.siamhub.incident.events.IncidentEvents;
import io.siamhub.incident.persistence.AdvisoryLocks;
import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.incident.persistence.PlacementFacts;
import io.siamhub.incident.rules.IncidentState;
import io.siamhub.incident.rules.IncidentUpdate;
import io.siamhub.incident.rules.PriorityMatrix;
import io.siamhub.incident.rules.TimelineWording;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.signal.Signal;
import io.smallrye.mutiny.Uni;

/**
 * When the catalog learns something, open unmapped incidents whose signal it now places are placed:
 * CI, service, owner and impact from the catalog (a person's assignment or impact override stays),
 * priority again, correlation on the CI or service from now on, and a timeline line by the rule
 * {@code catalog.place-unmapped} naming the entry and the change that placed it. One transaction;
 * it takes the advisory locks the signal consumer takes for those fingerprints and keys, so a signal
 * arriving at the same moment neither opens a second incident nor is lost.
 * Off with {@code siam.incident.unmapped.place-on-catalog-change=false}.
 */
@ApplicationScoped
public class UnmappedPlacement {

    /** The rule name on the timeline. */
    public static final String RULE = "catalog.place-unmapped";

    private static final Logger LOG = Logger.getLogger(UnmappedPlacement.class);
    private static final List<IncidentStatus> DONE = List.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED);

    private final IncidentConfig config;
    private final CatalogSnapshots catalog;
    private final PriorityMatrix priorities;
    private final IncidentEvents events;
    private final Clock clock;

    UnmappedPlacement(IncidentConfig config, CatalogSnapshots catalog, PriorityMatrix priorities, IncidentEvents events, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.catalog = catalog;
        this.priorities = priorities;
        this.events = events;
    }

    /** After the seed file was loaded at start (it may have learned CIs while the service was down). */
    void atStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 600) StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> place("the catalog as loaded at start"));
    }

    /**
     * Places the open unmapped incidents the current catalog fits.
     *
     * @param because what changed, for the timeline ({@code "configuration item payments-api was put by alice"})
     * @return the incidents placed, as published
     */
    public Uni<List<Incident>> place(String because) {
        if (!config.unmapped().placeOnCatalogChange()) {
            return Uni.createFrom().item(List.of());
        }
        CatalogSnapshot snapshot = catalog.current();
        return Panache.withSession(() -> IncidentEntity.<IncidentEntity> list("unmapped = true and status not in ?1 and placementFacts is not null", DONE))
                .chain(candidates -> {
                    Map<UUID, Placement> placements = new LinkedHashMap<>();
                    Set<String> locks = new LinkedHashSet<>();
                    for (IncidentEntity incident : candidates) {
                        Placement placement = snapshot.place(signal(incident.placementFacts), config);
                        if (!placement.unmapped()) {
                            placements.put(incident.id, placement);
                            locks.add("fp:" + incident.placementFacts.fingerprint());
                            locks.add(incident.correlationKey);
                            locks.add(placement.correlationKey());
                        }
                    }
                    if (placements.isEmpty()) {
                        return Uni.createFrom().item(List.<Incident> of());
                    }
                    return Panache.withTransaction(() -> AdvisoryLocks.lock(locks)
                            .chain(() -> IncidentEntity.<IncidentEntity> find("id in ?1", List.copyOf(placements.keySet()))
                                    .withLock(LockModeType.PESSIMISTIC_WRITE).list())
                            .chain(locked -> apply(locked, placements, because)));
                })
                .invoke(placed -> {
                    if (!placed.isEmpty()) {
                        LOG.infof("placed %d unmapped incident(s) after %s: %s", placed.size(), because,
                                placed.stream().map(Incident::number).toList());
                    }
                });
    }

    private Uni<List<Incident>> apply(List<IncidentEntity> locked, Map<UUID, Placement> placements, String because) {
        Instant now = clock.instant();
        List<IncidentUpdate> updates = new ArrayList<>();
        Map<UUID, IncidentEntity> rows = new LinkedHashMap<>();
        for (IncidentEntity row : locked) {
            if (!row.unmapped || DONE.contains(row.status)) {
                continue; // changed since it was read
            }
            Placement placement = placements.get(row.id);
            IncidentUpdate update = IncidentUpdate.of(row.toState());
            IncidentState incident = update.incident();
            update.step(now, TimelineWording.placedByCatalog(row.placementFacts.fingerprint(), placement.configurationItem(),
                    placement.service(), placement.rule(), because), () -> {
                        incident.configurationItem = placement.configurationItem();
                        incident.service = placement.service();
                        if (incident.owner == null || incident.owner.equals(config.defaultOwner())) {
                            incident.owner = placement.owner();
                        }
                        if (!incident.impactOverridden) {
                            incident.impact = placement.impact();
                        }
                        incident.correlationKey = placement.correlationKey();
                        incident.unmapped = false;
                        priorities.prioritize(incident);
                    });
            row.placementFacts = null;
            updates.add(update);
            rows.put(row.id, row);
        }
        return events.publish(updates, rows);
    }

    private static Signal signal(PlacementFacts facts) {
        return Signal.builder().provider(facts.provider()).fingerprint(facts.fingerprint()).resource(facts.resource())
                .service(facts.service()).labels(facts.labels()).build();
    }
}
