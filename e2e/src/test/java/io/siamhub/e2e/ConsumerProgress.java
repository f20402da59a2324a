package io.siamhub.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Waits until a service's consumer group has applied a given record: finds the record on its topic, then waits until
 * the group's committed offset on that partition is past it (a service commits only what it processed). Lets a test
 * act once another service has seen an event, instead of sleeping and hoping.
 */
public final class ConsumerProgress {

    private ConsumerProgress() {
    }

    /**
     * @param group  the consumer group ({@code mp.messaging.incoming.<channel>.group.id} of the service)
     * @param topic  the topic it reads
     * @param record the first record on the topic that matches is the one to wait for
     * @param within how long to wait for both
     * @throws AssertionError when the record does not appear, or the group does not get past it, in time
     */
    public static void awaitApplied(String group, String topic, Predicate<ConsumerRecord<String, String>> record, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        ConsumerRecord<String, String> found = find(topic, record, deadline);
        TopicPartition partition = new TopicPartition(topic, found.partition());
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Hub.stack().broker().bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                OffsetAndMetadata at = committed.get(partition);
                if (at != null && at.offset() > found.offset()) {
                    return;
                }
                Thread.sleep(200);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of consumer group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError("consumer group " + group + " did not get past " + topic + "-" + found.partition() + "@" + found.offset()
                + " within " + within);
    }

    private static ConsumerRecord<String, String> find(String topic, Predicate<ConsumerRecord<String, String>> record, long deadline) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Hub.stack().broker().bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> candidate : consumer.poll(Duration.ofMillis(200))) {
                    if (record.test(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        throw new AssertionError("no such record on " + topic);
    }
}
