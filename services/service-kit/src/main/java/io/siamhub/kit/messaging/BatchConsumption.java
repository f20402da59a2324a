package io.siamhub.kit.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * How a batch consumer applies one poll's records with poison isolation, written once: every record is
 * read first, and one that is not a valid event is dead-lettered on its own ({@code invalid}); the rest are
 * applied as one batch (one transaction), with passing outages retried ({@link TransientFailures}) while the
 * partition is held; a batch that fails for good is applied again record by record, each in its own
 * transaction, and only the record that fails again is dead-lettered ({@code internal}). A batch keeps
 * partition order, so order per key holds. A dead letter carries the record's value and headers plus
 * {@link DeadLetterHeaders}; sending it is retried like the batch, so no record is dropped.
 *
 * <p>Use it from an {@code @Incoming} method taking {@code ConsumerRecords<String, String>}, with a batch
 * channel ({@code batch=true}) and an emitter on the topic's {@code <topic>.<service>.dlq}:
 * {@code return BatchConsumption.apply(records, handler, deadLetters);}
 */
public final class BatchConsumption {

    /**
     * What one consumer knows: how to read a record, how to apply a batch, and what to count.
     *
     * @param <D> what a record becomes once read (the event id plus the parsed event)
     */
    public interface Handler<D> {

        /** What the records are, in log lines ({@code "signals"}, {@code "incident events"}). */
        String noun();

        /**
         * Reads and checks one record.
         *
         * @throws PermanentFailure when the record is not an event this consumer can apply (it is dead-lettered)
         */
        D read(ConsumerRecord<String, String> record);

        /** Applies deliveries in one transaction; completes when they are committed. */
        Uni<?> apply(List<D> deliveries);

        /** The delivery's event id ({@code ce_id}), for log lines. */
        String id(D delivery);

        /** Called for a record {@link #read} refused, before it is dead-lettered. */
        default void unreadable(ConsumerRecord<String, String> record, PermanentFailure failure) {
        }

        /** Called for a delivery that failed on its own too, before it is dead-lettered. */
        default void deadLettered(D delivery, Throwable failure) {
        }
    }

    private static final Logger LOG = Logger.getLogger(BatchConsumption.class);

    private BatchConsumption() {
    }

    /**
     * Applies one poll's records as described above.
     *
     * @return completes when every record is applied or dead-lettered; fails only when a dead letter
     *         cannot be sent after retries (the records are then polled again)
     */
    public static <D> Uni<Void> apply(ConsumerRecords<String, String> records, Handler<D> handler, MutinyEmitter<String> deadLetters) {
        List<D> batch = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> sources = new ArrayList<>(records.count());
        List<Uni<Void>> rejected = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                batch.add(handler.read(record));
                sources.add(record);
            } catch (PermanentFailure failure) {
                handler.unreadable(record, failure);
                rejected.add(deadLetter(deadLetters, record, "invalid", failure.getMessage()));
            }
        }
        Uni<Void> applied = batch.isEmpty() ? Uni.createFrom().voidItem()
                : TransientFailures.retry(handler.apply(batch), "applying " + batch.size() + " " + handler.noun())
                        .replaceWithVoid()
                        .onFailure().recoverWithUni(failure -> oneByOne(batch, sources, failure, handler, deadLetters));
        return rejected.isEmpty() ? applied : Uni.join().all(rejected).andFailFast().chain(() -> applied);
    }

    private static <D> Uni<Void> oneByOne(List<D> batch, List<ConsumerRecord<String, String>> sources, Throwable failure, Handler<D> handler,
            MutinyEmitter<String> deadLetters) {
        LOG.warnf("a batch of %d %s failed (%s); applying them one by one", batch.size(), handler.noun(), failure.toString());
        return Multi.createFrom().range(0, batch.size()).onItem().transformToUniAndConcatenate(i -> {
            D delivery = batch.get(i);
            ConsumerRecord<String, String> record = sources.get(i);
            return TransientFailures.retry(handler.apply(List.of(delivery)), "applying " + handler.id(delivery))
                    .replaceWithVoid()
                    .onFailure().recoverWithUni(single -> {
                        LOG.errorf(single, "%s at %s/%d@%d cannot be applied; dead-lettered", handler.id(delivery), record.topic(),
                                record.partition(), record.offset());
                        handler.deadLettered(delivery, single);
                        return deadLetter(deadLetters, record, "internal", single.toString());
                    });
        }).collect().last().replaceWithVoid();
    }

    /**
     * Sends one record to the emitter's dead-letter topic, value and headers as they came plus
     * {@link DeadLetterHeaders}; retried while Kafka is briefly away.
     *
     * @param cause {@code invalid} (not an event this consumer takes) or {@code internal} (it failed on its own)
     */
    public static Uni<Void> deadLetter(MutinyEmitter<String> deadLetters, ConsumerRecord<String, String> record, String cause, String detail) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key())
                .withHeaders(DeadLetterHeaders.of(record, cause, detail))
                .build();
        return TransientFailures.retry(deadLetters.sendMessage(Message.of(record.value() == null ? "" : record.value()).addMetadata(metadata)),
                "dead-lettering " + record.topic() + "/" + record.partition() + "@" + record.offset());
    }
}
