package io.siamhub.kit.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Failures that go away by themselves (the database or broker is unreachable, a serialization
 * conflict) are retried with back-off, holding the partition: the record is neither lost nor
 * dead-lettered while PostgreSQL is down. Everything else is permanent and goes to the DLQ.
 */
public final class TransientFailures {

    private static final Logger LOG = Logger.getLogger(TransientFailures.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Retries the work while it fails transiently; a permanent failure passes through at once. */
    public static <T> Uni<T> retry(Uni<T> work, String what) {
        return work
                .onFailure(TransientFailures::isTransient)
                .invoke(failure -> LOG.warnf("%s failed transiently, retrying: %s", what, failure.toString()))
                .onFailure(TransientFailures::isTransient)
                .retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely();
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PermanentFailure) {
                return false;
            }
            if (cause instanceof IOException || cause instanceof TimeoutException
                    || cause instanceof org.apache.kafka.common.errors.RetriableException
                    || cause instanceof ClosedConnectionException
                    || cause instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
                return true;
            }
            if (cause instanceof PgException pg && isTransientSqlState(pg.getSqlState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Connection exceptions (08), insufficient resources (53), operator intervention such as a
     * shutdown (57P01-57P03), serialization failures and deadlocks (40001, 40P01).
     */
    static boolean isTransientSqlState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("40001") || state.equals("40P01"));
    }

    private TransientFailures() {
    }
}
