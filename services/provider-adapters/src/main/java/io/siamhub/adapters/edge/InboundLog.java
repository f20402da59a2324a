package io.siamhub.adapters.edge;

import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siamhub.adapters.AdaptersConfig;
import io.siamhub.model.Topics;

/**
 * The durable write behind every 202: appends raw webhooks to {@code siam.inbound.v1} with
 * {@code acks=all} and an idempotent producer. It never blocks the caller's event loop
 * ({@code max.block.ms=0}): when Kafka cannot take a record, the returned stage fails and the edge
 * answers 503. A plain producer rather than a messaging channel, for exactly that control.
 */
@ApplicationScoped
public class InboundLog {

    private static final Logger LOG = Logger.getLogger(InboundLog.class);

    private final KafkaProducer<String, byte[]> producer;

    InboundLog(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, AdaptersConfig config) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "provider-adapters-inbound");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, config.inbound().lingerMs());
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.inbound().compression());
        // fail at once instead of blocking an event loop when the buffer is full or metadata is missing
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
        properties.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, 24 * 60 * 60 * 1000);
        int ackMillis = (int) config.ackTimeout().toMillis();
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ackMillis);
        // a record the edge already answered 503 for stops being retried soon after
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ackMillis + config.inbound().lingerMs() + 1000);
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Fetches the topic's metadata before the first webhook arrives (sends never wait for it): up to
     * ten seconds at start, then in the background when Kafka is not there yet.
     */
    void warmUp(@Observes StartupEvent event) {
        if (!fetchMetadata(100)) {
            Thread warmer = new Thread(() -> {
                if (!fetchMetadata(3000)) {
                    LOG.warn("no metadata for " + Topics.INBOUND + " yet; webhooks get 503 until Kafka answers");
                }
            }, "inbound-metadata");
            warmer.setDaemon(true);
            warmer.start();
        }
    }

    private boolean fetchMetadata(int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            try {
                producer.partitionsFor(Topics.INBOUND);
                return true;
            } catch (RuntimeException notYet) {
                sleep();
            }
        }
        return false;
    }

    /** Appends one record; completes when the broker acknowledged it (all in-sync replicas). */
    public CompletionStage<RecordMetadata> append(String key, byte[] value, Headers headers) {
        return append(Topics.INBOUND, key, value, headers);
    }

    /** The same durable write to another topic: the benchmark's baseline ({@link BenchRoutes}). */
    CompletionStage<RecordMetadata> append(String topic, String key, byte[] value, Headers headers) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers), (metadata, failure) -> {
                if (failure != null) {
                    acknowledged.completeExceptionally(failure);
                } else {
                    acknowledged.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    void close(@Observes ShutdownEvent event) {
        producer.close(java.time.Duration.ofSeconds(5));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
