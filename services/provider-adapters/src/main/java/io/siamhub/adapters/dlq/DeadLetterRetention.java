package io.siamhub.adapters.dlq;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siamhub.adapters.AdaptersConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the dead-letter index to its retention: pending entries are deleted
 * {@code siam.adapters.dlq.retention} after they last failed, replayed ones
 * {@code siam.adapters.dlq.replayed-retention} after their replay, every
 * {@code siam.adapters.dlq.sweep-interval} (and at start). The DLQ topic keeps its records for its own
 * {@code retention.ms}; the index holds each body too, so a replay does not depend on the topic.
 */
@ApplicationScoped
public class DeadLetterRetention {

    private static final Logger LOG = Logger.getLogger(DeadLetterRetention.class);
    private static final String SWEEP = "delete from dead_letter where (status = 'PENDING' and failed_at < now() - make_interval(secs => $1))"
            + " or (status = 'REPLAYED' and replayed_at < now() - make_interval(secs => $2))";

    private final Pool pool;
    private final Vertx vertx;
    private final AdaptersConfig.Dlq config;
    private long timer = -1;

    DeadLetterRetention(Pool pool, Vertx vertx, AdaptersConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config.dlq();
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(1_000, Math.max(1_000, config.sweepInterval().toMillis()), id -> sweep().subscribe().with(
                removed -> LOG.debugf("dead-letter retention removed %d entries", removed),
                failure -> LOG.warnf("dead-letter retention failed, trying again later: %s", failure.toString())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deletes the entries past their configured retention; returns how many. */
    public Uni<Integer> sweep() {
        return sweep(config.retention(), config.replayedRetention());
    }

    /** Deletes pending entries that last failed longer than {@code pending} ago and replayed ones replayed longer than {@code replayed} ago. */
    public Uni<Integer> sweep(java.time.Duration pending, java.time.Duration replayed) {
        return pool.preparedQuery(SWEEP).execute(Tuple.of(pending.toMillis() / 1000.0, replayed.toMillis() / 1000.0))
                .map(rows -> rows.rowCount());
    }
}
