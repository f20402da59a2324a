package io.siamhub.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;

/**
 * A consumer of {@code siam.incidents.v1}, as a service desk would run it, that times each incident
 * event of the bench's service from the moment the edge received the alert it reports ({@code
 * signals.lastSeen}, the edge's receipt time) to the moment the event is read here.
 */
final class IncidentLatency implements AutoCloseable {

    private final Recorder recorder = new Recorder(3);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread reader;
    private volatile long events;

    IncidentLatency(String bootstrapServers, String service) {
        reader = new Thread(() -> read(bootstrapServers, service), "incident-latency");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(String bootstrapServers, String service) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INCIDENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (!stop.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    JsonNode incident = incident(record.value());
                    if (incident != null && service.equals(incident.path("service").asText())) {
                        Instant lastSeen = Instant.parse(incident.path("signals").path("lastSeen").asText());
                        recorder.recordValue(Math.max(1, now - lastSeen.toEpochMilli()));
                        events++;
                    }
                }
            }
        }
    }

    private static JsonNode incident(String value) {
        if (value == null) {
            return null;
        }
        try {
            return SiamJson.mapper().readTree(value).path("incident");
        } catch (IOException e) {
            return null;
        }
    }

    /** Latencies (ms) since the last call. */
    Histogram interval() {
        return recorder.getIntervalHistogram();
    }

    long events() {
        return events;
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
