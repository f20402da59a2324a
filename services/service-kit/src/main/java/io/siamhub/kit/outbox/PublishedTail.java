package io.siamhub.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the relay already published: the {@code ce_id}s of the last records of each partition of some
 * topics. After a crash or a failed batch the relay cannot know which of its last sends reached the
 * broker; the log can. Rows whose ids are found there are marked sent instead of being sent twice.
 * Blocking: call it on a worker thread. One consumer (no group, no commits) is kept between reads, so
 * a relay that takes the lock over from another instance often (two instances alternating batches)
 * pays a seek and a fetch, not a new connection; calls are serialized.
 */
@ApplicationScoped
public class PublishedTail {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private KafkaConsumer<byte[], byte[]> consumer;

    PublishedTail(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * The ids in the last {@code depth} records of every partition of {@code topics}.
     *
     * @throws IllegalStateException when the tail cannot be read within 30 s (the consumer is then
     *         closed and the next call opens a new one)
     */
    public synchronized Set<UUID> ids(Collection<String> topics, int depth) {
        try {
            return read(topics, depth, consumer(depth));
        } catch (RuntimeException failure) {
            close();
            throw failure;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(int depth) {
        if (consumer == null) {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.max(500, depth)));
            consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    @PreDestroy
    synchronized void close() {
        if (consumer != null) {
            KafkaConsumer<byte[], byte[]> closing = consumer;
            consumer = null;
            closing.close(Duration.ofSeconds(1));
        }
    }

    private static Set<UUID> read(Collection<String> topics, int depth, KafkaConsumer<byte[], byte[]> consumer) {
        Set<UUID> ids = new HashSet<>();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, READ_TIMEOUT)
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, READ_TIMEOUT);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
        List<TopicPartition> open = partitions.stream().filter(partition -> end.get(partition) > begin.get(partition)).toList();
        consumer.assign(open);
        open.forEach(partition -> consumer.seek(partition, Math.max(begin.get(partition), end.get(partition) - depth)));
        open = new ArrayList<>(open);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (!open.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read the tail of " + topics + " within " + READ_TIMEOUT);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Header id = record.headers().lastHeader("ce_id");
                if (id != null) {
                    try {
                        ids.add(UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)));
                    } catch (IllegalArgumentException notOurs) {
                        // another producer's record: not an outbox row
                    }
                }
            }
            open.removeIf(partition -> consumer.position(partition) >= end.get(partition));
        }
        return ids;
    }
}
