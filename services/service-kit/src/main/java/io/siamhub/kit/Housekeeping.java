package io.siamhub.kit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Keeps the kit's tables small: published outbox rows and old consumed-event ids are deleted after their retention. */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);
    private static final long EVERY_MILLIS = 5 * 60 * 1000;

    private final Pool pool;
    private final Vertx vertx;
    private final KitConfig config;
    private long timer = -1;

    Housekeeping(Pool pool, Vertx vertx, KitConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(EVERY_MILLIS, id -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void sweep() {
        delete("delete from outbox where sent < now() - make_interval(secs => $1)", config.outbox().retention().toSeconds());
        delete("delete from processed_event where processed_at < now() - make_interval(secs => $1)",
                config.consumedEvents().retention().toSeconds());
    }

    private void delete(String sql, long seconds) {
        pool.preparedQuery(sql).execute(Tuple.of((double) seconds)).subscribe().with(
                rows -> LOG.debugf("housekeeping removed %d rows", rows.rowCount()),
                failure -> LOG.warnf("housekeeping failed, trying again later: %s", failure.toString()));
    }
}
