package io.siamhub.adapters.outbound.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.adapters.outbound.core.DeliveryQueue;
import io.siamhub.adapters.outbound.core.OutboundDispatcher;
import io.siamhub.adapters.outbound.core.Subscription;
import io.siamhub.adapters.outbound.core.SubscriptionStore;
import io.siamhub.adapters.outbound.core.SyncRule;
import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.messaging.PermanentFailure;
import io.siamhub.kit.messaging.TransientFailures;
import io.smallrye.mutiny.Uni;

/**
 * The outbound consumer group ({@code provider-adapters-outbound}) on {@code siam.incidents.v1},
 * {@code siam.sla.v1} and {@code siam.changes.v1}: each event is matched against the enabled
 * subscriptions ({@link EventMatcher}) and queued once per matching subscription, formatted as that
 * subscription wants it, in the {@code outbound_delivery} table (a sync target's built-in subscription,
 * by its {@link SyncRule}, as the plain snapshot); the offset is committed only after the
 * rows are stored, so nothing is lost across a restart. The ordering key is the record's key (the
 * incident id on incidents and SLA, the change id on changes): Kafka keeps one key's events in order on
 * one partition, and the queue keeps that order per subscription. An event without {@code ce_id} or
 * {@code ce_type}, or whose body is not JSON, is dead-lettered to {@code <topic>.provider-adapters.dlq}.
 */
@ApplicationScoped
public class WebhookIntake {

    private final SubscriptionStore subscriptions;
    private final DeliveryQueue queue;
    private final OutboundDispatcher dispatcher;
    private final ObjectMapper mapper;
    private final Clock clock;

    WebhookIntake(SubscriptionStore subscriptions, DeliveryQueue queue, OutboundDispatcher dispatcher, ObjectMapper mapper,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Incoming("outbound-incidents")
    public Uni<Void> incidents(ConsumerRecord<String, String> record) {
        return intake(record);
    }

    @Incoming("outbound-sla")
    public Uni<Void> sla(ConsumerRecord<String, String> record) {
        return intake(record);
    }

    @Incoming("outbound-changes")
    public Uni<Void> changes(ConsumerRecord<String, String> record) {
        return intake(record);
    }

    private Uni<Void> intake(ConsumerRecord<String, String> record) {
        List<Subscription> enabled = subscriptions.enabled();
        if (enabled.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String id = CloudEventHeaders.get(record.headers(), CloudEventHeaders.ID);
        String type = CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE);
        if (id == null || type == null) {
            throw new PermanentFailure("event without ce_id or ce_type at " + where(record));
        }
        JsonNode data;
        try {
            data = mapper.readTree(record.value() == null ? "null" : record.value());
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("event " + id + " is not JSON: " + e.getOriginalMessage());
        }
        String source = CloudEventHeaders.get(record.headers(), CloudEventHeaders.SOURCE);
        String subject = CloudEventHeaders.get(record.headers(), CloudEventHeaders.SUBJECT);
        Instant time = time(record);
        String key = record.key() != null ? record.key() : subject != null ? subject : id;
        List<DeliveryQueue.NewDelivery> deliveries = new ArrayList<>();
        for (Subscription subscription : enabled) {
            if (subscription.sync() ? SyncRule.matches(subscription, type, data) : EventMatcher.matches(subscription, type, data)) {
                WebhookPayloads.Body body = WebhookPayloads.body(mapper, subscription.format(), id,
                        source == null ? "/" + record.topic() : source, type, subject, time, data);
                deliveries.add(new DeliveryQueue.NewDelivery(subscription.id(), id, type, source == null ? "/" + record.topic() : source,
                        subject, time, key, body.contentType(), body.text()));
            }
        }
        if (deliveries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return TransientFailures.retry(queue.enqueue(deliveries, clock.instant()), "queueing outbound deliveries of " + id)
                .invoke(dispatcher::wake)
                .replaceWithVoid();
    }

    private static Instant time(ConsumerRecord<String, String> record) {
        String time = CloudEventHeaders.get(record.headers(), CloudEventHeaders.TIME);
        try {
            return time == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(time);
        } catch (DateTimeParseException e) {
            return Instant.ofEpochMilli(record.timestamp());
        }
    }

    private static String where(ConsumerRecord<String, String> record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }
}
