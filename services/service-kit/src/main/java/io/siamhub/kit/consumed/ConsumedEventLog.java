package io.siamhub.kit.consumed;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.kit.messaging.IncomingEvent;
import io.siamhub.kit.messaging.TransientFailures;
import io.smallrye.mutiny.Uni;

/**
 * The consumed-event log ({@code processed_event}): which {@code ce_id}s each consumer has applied.
 * The entry is written in the same transaction as the effect, so a redelivered event is skipped
 * and a rolled-back one is applied again: exactly-once effect over at-least-once delivery.
 */
@ApplicationScoped
public class ConsumedEventLog {

    private static final String INSERT = "insert into processed_event (consumer, ce_id) values (?1, ?2) on conflict do nothing";

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
