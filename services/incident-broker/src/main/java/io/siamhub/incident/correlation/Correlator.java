package io.siamhub.incident.correlation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.siamhub.incident.IncidentConfig;
import io.siamhub.incident.catalog.CatalogSnapshot;
import io.siamhub.incident.catalog.CatalogSnapshots;
import io.siamhub.incident.catalog.Placement;
import io.siamhub.kit.consumed.ConsumedEventLog;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Applies a batch of signals to incidents in one transaction of the reactive PostgreSQL client
 * (set-based SQL, {@link SqlSignalStore}): notes the batch's {@code ce_id}s in the consumed-event log
 * (repeats are skipped), places the alerts in the catalog, takes the advisory locks of every CI,
 * service, fingerprint and ticket it touches, loads what it needs in one query per kind of row (locking
 * the incidents it may change), lets the {@link SignalRules} decide, and stores what the decisions add
 * up to ({@link BatchWrites}), publishing one event per touched incident through the outbox.
 */
@ApplicationScoped
public class Correlator {

    private static final Logger LOG = Logger.getLogger(Correlator.class);

    /** The consumer name in the consumed-event log. */
    public static final String CONSUMER = "incident-broker.signals";

    private final IncidentConfig config;
    private final CatalogSnapshots catalog;
    private final SignalRules rules;
    private final SqlSignalStore store;
    private final Pool pool;
    private final ConsumedEventLog consumed;
    private final IncidentMetrics metrics;
    private final Clock clock;

    Correlator(IncidentConfig config, CatalogSnapshots catalog, SignalRules rules, SqlSignalStore store, Pool pool,
            ConsumedEventLog consumed, IncidentMetrics metrics, Clock clock) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.catalog = catalog;
        this.rules = rules;
        this.store = store;
        this.consumed = consumed;
        this.metrics = metrics;
    }

    /** A signal with the {@code ce_id} it arrived under. */
    public record Delivery(String ceId, Signal signal) {
    }

    /** Applies the deliveries in order, in one transaction; returns the incidents it changed, as published. */
    public Uni<List<Incident>> apply(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = deliveries.stream().map(Delivery::ceId).toList();
        return pool.withTransaction(connection -> consumed.markConsumed(connection, CONSUMER, ids).chain(fresh -> {
            List<Signal> signals = firstDeliveries(deliveries, fresh);
            if (signals.isEmpty()) {
                return Uni.createFrom().item(List.<Incident> of());
            }
            Instant now = clock.instant();
            CatalogSnapshot snapshot = catalog.current();
            Map<String, Placement> placements = place(signals, snapshot);
            return store.lock(connection, SignalRules.lockNames(signals, placements))
                    .chain(() -> store.load(connection, signals, placements, now))
                    .chain(loaded -> {
                        List<Decision> decisions = rules.decide(loaded.withOwners(snapshot.owners()), signals, now);
                        metrics.count(decisions);
                        logDroppedNotes(decisions);
                        return store.write(connection, BatchWrites.of(loaded, decisions));
                    });
        }));
    }

    /**
     * One line per note that reached no timeline: DEBUG for a ticket nobody linked (common: most provider
     * tickets are never linked), INFO for a ticket the hub never saw (its webhooks may not reach the hub).
     */
    private static void logDroppedNotes(List<Decision> decisions) {
        for (Decision decision : decisions) {
            Signal signal = decision.signal();
            if (signal.kind() != SignalKind.NOTE || decision.kind() != Decision.Kind.IGNORE) {
                continue;
            }
            if ("unknown-ticket".equals(decision.outcome())) {
                LOG.infof("note %s dropped: ticket %s:%s is not known (no signal of it has arrived)", signal.id(), signal.provider(),
                        signal.providerRef());
            } else {
                LOG.debugf("note %s dropped: ticket %s:%s is linked to no incident", signal.id(), signal.provider(), signal.providerRef());
            }
        }
    }

    private Map<String, Placement> place(List<Signal> signals, CatalogSnapshot snapshot) {
        Map<String, Placement> placements = new HashMap<>();
        for (Signal signal : signals) {
            if (signal.kind() == SignalKind.ALERT) {
                placements.put(signal.id(), snapshot.place(signal, config));
            }
        }
        return placements;
    }

    /** Keeps each fresh id's first delivery, in order, and counts the rest as duplicates. */
    private List<Signal> firstDeliveries(List<Delivery> deliveries, Set<String> fresh) {
        Set<String> pending = new HashSet<>(fresh);
        List<Signal> signals = new ArrayList<>(fresh.size());
        for (Delivery delivery : deliveries) {
            if (pending.remove(delivery.ceId())) {
                signals.add(delivery.signal());
            } else {
                metrics.signal(delivery.signal().kind(), "duplicate").increment();
            }
        }
        return signals;
    }
}
