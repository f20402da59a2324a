package io.siamhub.kit.consumed;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.kit.messaging.IncomingEvent;
import io.siamhub.kit.messaging.TransientFailures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The consumed-event log ({@code processed_event}): which {@code ce_id}s each consumer has applied.
 * The entry is written in the same transaction as the effect, so a redelivered event is skipped
 * and a rolled-back one is applied again: exactly-once effect over at-least-once delivery.
 */
@ApplicationScoped
public class ConsumedEventLog {

    private static final String INSERT = "insert into processed_event (consumer, ce_id) values (?1, ?2) on conflict do nothing";
    private static final String INSERT_ALL = "insert into processed_event (consumer, ce_id) select ?1, id from unnest(cast(?2 as text[])) id"
            + " on conflict do nothing returning ce_id";
    private static final String INSERT_ALL_SQL = "insert into processed_event (consumer, ce_id) select $1, id from unnest($2::text[]) id"
            + " on conflict do nothing returning ce_id";

    /**
     * Notes, in the caller's transaction, that {@code consumer} applies {@code ceId}.
     *
     * @return true the first time; false when the event was applied before
     */
    public Uni<Boolean> markConsumed(String consumer, String ceId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, consumer)
                        .setParameter(2, ceId)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * Notes, in the caller's transaction, a batch of events; returns the ids seen for the first time
     * (a batch consumer applies only those).
     */
    public Uni<Set<String>> markConsumed(String consumer, Collection<String> ceIds) {
        if (ceIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT_ALL, String.class)
                        .setParameter(1, consumer)
                        .setParameter(2, ceIds.toArray(String[]::new))
                        .getResultList())
                .map(Set::copyOf);
    }

    /**
     * The same as {@link #markConsumed(String, Collection)} on a connection of the reactive PostgreSQL
     * client, for a hot path that runs its whole transaction in SQL (the caller's transaction).
     */
    public Uni<Set<String>> markConsumed(SqlConnection connection, String consumer, Collection<String> ceIds) {
        if (ceIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return connection.preparedQuery(INSERT_ALL_SQL).execute(Tuple.of(consumer, ceIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getString(0)));
                    return fresh;
                });
    }

    /**
     * Applies {@code effect} at most once per event for this consumer, in one transaction with its
     * log entry. Transient failures (database or broker away) are retried; others fail the record.
     *
     * @return true when the effect ran, false when the event was a repeat
     */
    public Uni<Boolean> applyOnce(String consumer, IncomingEvent event, Supplier<Uni<?>> effect) {
        Uni<Boolean> once = Panache.withTransaction(() -> markConsumed(consumer, event.id())
                .call(first -> first ? effect.get() : Uni.createFrom().voidItem()));
        return TransientFailures.retry(once, consumer + " applying " + event.id());
    }
}
