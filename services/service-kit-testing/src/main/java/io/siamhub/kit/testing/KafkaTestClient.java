package io.siamhub.kit.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.siamhub.kit.messaging.CloudEventHeaders;

/** A plain Kafka producer and reader for tests, on the broker the service under test uses. */
public final class KafkaTestClient {

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    private KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static KafkaTestClient shared;

    /** A client on {@code kafka.bootstrap.servers} of the running test application, shared by the JVM's tests. */
    public static synchronized KafkaTestClient shared() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        if (shared == null || !shared.bootstrapServers.equals(bootstrap)) {
            shared = new KafkaTestClient(bootstrap);
        }
        return shared;
    }

    /** Sends a record with the given headers and waits for the broker's acknowledgement. */
    public void send(String topic, String key, String value, Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, headerValue) -> CloudEventHeaders.add(recordHeaders, name, headerValue));
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, recordHeaders)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** Sends a CloudEvent with a fresh id; returns the id. */
    public String sendEvent(String topic, String key, String type, String json) {
        String id = UUID.randomUUID().toString();
        sendEvent(topic, key, id, type, json);
        return id;
    }

    /** Sends a CloudEvent with the given id (to send the same event twice). */
    public void sendEvent(String topic, String key, String id, String type, String json) {
        send(topic, key, json, Map.of(
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.ID, id,
                CloudEventHeaders.SOURCE, "/tests",
                CloudEventHeaders.TYPE, type,
                CloudEventHeaders.CONTENT_TYPE, "application/json"));
    }

    /**
     * Reads the whole topic from the beginning until a record matches {@code until}; returns every
     * record read by then (in partition order), or fails after {@code timeout}.
     */
    public List<ConsumerRecord<String, String>> readUntil(String topic, Predicate<ConsumerRecord<String, String>> until,
            Duration timeout) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean assigned = false;
            while (System.nanoTime() < deadline) {
                if (!assigned) {
                    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                    if (partitions == null || partitions.isEmpty()) {
                        sleep();
                        continue;
                    }
                    List<TopicPartition> all = partitions.stream()
                            .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toList());
                    consumer.assign(all);
                    consumer.seekToBeginning(all);
                    assigned = true;
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(record);
                    if (until.test(record)) {
                        return read;
                    }
                }
            }
            throw new AssertionError("no matching record on " + topic + " within " + timeout + "; read " + read.size());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
