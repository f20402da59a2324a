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
import io.siamhub.adapters.core.InboundRecords;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.Normalized;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.RawWebhook;

import io.siamhub.kit.messaging.TransientFailures;
import io.siamhub.model.signal.Signal;
import io.smallrye.mutiny.Uni;

/**
 * Maps raw webhooks from {@code siam.inbound.v1} (its own consumer group, in batches) to signals on
 * {@code siam.signals.v1}. A record that cannot be mapped is dead-lettered with its reason and the
 * adapter and normalizer versions, and the batch moves on; a delivery the provider documents but
 * that carries nothing to map (a test, a note) is counted and yields nothing. The batch is
 * acknowledged only once every signal and dead letter of it is on Kafka, so nothing accepted is lost.
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
            Normalized normalized = map(webhook);
            if (normalized.ignored() != null) {
                LOG.debugf("ignored %s/%d@%d (%s, %s): %s", record.topic(), record.partition(), record.offset(), provider,
                        normalized.ignored().tag(), normalized.detail());
                return List.of();
            }
            List<Uni<Void>> writes = new ArrayList<>(normalized.signals().size());
            for (Signal signal : normalized.signals()) {
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

    /**
     * The current mapping of one stored webhook, stamped with ids and provenance (also used to replay);
     * an ignored delivery is counted in {@code siam_adapters_ignored_total}.
     *
     * @throws MappingFailure when it cannot be mapped
     */
    public Normalized map(RawWebhook webhook) {
        Normalized normalized = Normalized.by(adapter(webhook.provider()), webhook, false);
        if (normalized.ignored() != null) {
            metrics.ignored(webhook.provider(), normalized.ignored()).increment();
        }
        return normalized;
    }

    /** What a webhook would map to, with no side effect and nothing counted: the dry run of {@code /api/normalize}. */
    public Normalized dryRun(RawWebhook webhook) {
        return Normalized.by(adapter(webhook.provider()), webhook, true);
    }

    private ProviderAdapter adapter(String provider) {
        return adapters.forProvider(provider).orElseThrow(
                () -> new MappingFailure("unsupported", "no adapter for provider " + provider));
    }
}
