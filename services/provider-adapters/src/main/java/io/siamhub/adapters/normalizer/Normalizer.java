package io.siamhub.adapters.normalizer;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.siamhub.adapters.core.AdapterMetrics;
import io.siamhub.adapters.core.AdapterRegistry;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.NormalizedSignals;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.adapters.edge.InboundRecords;
import io.siamhub.kit.messaging.TransientFailures;
import io.siamhub.model.signal.Signal;
import io.smallrye.mutiny.Uni;

/**
 * Maps raw webhooks from {@code siam.inbound.v1} (its own consumer group, in batches) to signals on
 * {@code siam.signals.v1}. A record that cannot be mapped is dead-lettered with its reason and the
 * adapter version, and the batch moves on; the batch is acknowledged only once every signal and
 * dead letter of it is on Kafka, so nothing accepted is lost.
 */
@ApplicationScoped
public class Normalizer {

    private static final Logger LOG = Logger.getLogger(Normalizer.class);

    private final AdapterRegistry adapters;
    private final SignalPublisher signals;
    private final InboundDeadLetters deadLetters;
    private final AdapterMetrics metrics;

    Normalizer(AdapterRegistry adapters, SignalPublisher signals, InboundDeadLetters deadLetters, AdapterMetrics metrics) {
        this.adapters = adapters;
        this.signals = signals;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Incoming("inbound")
    public Uni<Void> normalize(ConsumerRecords<String, byte[]> records) {
        List<Uni<Void>> writes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            writes.addAll(process(record));
        }
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return TransientFailures.retry(Uni.join().all(writes).andFailFast().replaceWithVoid(),
                "publishing " + writes.size() + " signals");
    }

    /** Maps one raw record; the writes it needs (signals, or one dead letter). */
    List<Uni<Void>> process(ConsumerRecord<String, byte[]> record) {
        String provider = "unknown";
        try {
            RawWebhook webhook = InboundRecords.read(record);
            provider = webhook.provider();
            List<Signal> mapped = map(webhook);
            List<Uni<Void>> writes = new ArrayList<>(mapped.size());
            for (Signal signal : mapped) {
                writes.add(signals.publish(signal));
                metrics.signal(webhook.provider(), signal.kind()).increment();
            }
            return writes;
        } catch (MappingFailure failure) {
            metrics.mappingFailure(provider, failure.reason()).increment();
            LOG.infof("dead-lettered %s/%d@%d (%s): %s", record.topic(), record.partition(), record.offset(), provider,
                    failure.getMessage());
            return List.of(deadLetters.send(record, failure.reason(), failure.getMessage()));
        } catch (RuntimeException bug) {
            metrics.mappingFailure(provider, "internal").increment();
            LOG.errorf(bug, "mapping %s/%d@%d (%s) failed unexpectedly; dead-lettered", record.topic(), record.partition(),
                    record.offset(), provider);
            return List.of(deadLetters.send(record, "internal", bug.toString()));
        }
    }

    /** The current mapping of one stored webhook, stamped with ids and provenance (also used to replay). */
    public List<Signal> map(RawWebhook webhook) {
        ProviderAdapter adapter = adapters.forProvider(webhook.provider()).orElseThrow(
                () -> new MappingFailure("unsupported", "no adapter for provider " + webhook.provider()));
        return NormalizedSignals.stamp(webhook, adapter.normalize(webhook));
    }
}
