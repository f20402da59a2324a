package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;

/**
 * The exact account a drill ends with: every alert answered 202 is in the incident broker's database
 * exactly once (one signal row, seen once, on one incident), and every version of those incidents is
 * on {@code siam.incidents.v1} exactly once.
 */
public final class Account {

    private static final Duration SETTLE = Duration.ofSeconds(120);

    /** One stored signal of the drill. */
    record Stored(String fingerprint, String incidentId, long count, long version) {
    }

    private Account() {
    }

    /**
     * What an exact account found.
     *
     * @param summary  the account in one line, for the drill's report
     * @param versions the drill's incidents, each with its last version (every version 1..n published once, in order)
     */
    public record Exact(String summary, Map<String, Long> versions) {
    }

    /** Waits until every accepted alert is stored, then checks the database and the topic; returns the one-line account. */
    public static String assertExact(AlertStream stream) {
        return check(stream).summary();
    }

    /** As {@link #assertExact}, with the drill's incidents and their versions. */
    public static Exact check(AlertStream stream) {
        String prefix = AlertStream.fingerprintPrefix(stream.drill());
        Set<String> accepted = stream.accepted().stream().map(seq -> "alertmanager:" + AlertStream.fingerprint(stream.drill(), seq))
                .collect(Collectors.toSet());
        long closed = System.nanoTime();
        List<Stored> stored = await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1))
                .until(() -> stored(prefix), rows -> rows.stream().map(Stored::fingerprint).collect(Collectors.toSet()).containsAll(accepted));

        long storedAt = System.nanoTime();
        Map<String, List<Stored>> byFingerprint = stored.stream().collect(Collectors.groupingBy(Stored::fingerprint));
        assertThat(byFingerprint.values()).as("one signal row per fingerprint").allSatisfy(rows -> assertThat(rows).hasSize(1));
        assertThat(stored).as("every alert applied once (a repeat would count 2)").allSatisfy(row -> assertThat(row.count()).isEqualTo(1));
        assertThat(stored.stream().map(Stored::incidentId).distinct().count()).as("one incident per unplaced fingerprint")
                .isEqualTo(stored.size());
        int extra = stored.size() - accepted.size();
        assertThat(extra).as("stored but not answered 202 (in flight when the fault struck)").isBetween(0, stream.requested() - accepted.size());

        Map<String, Long> versions = stored.stream().collect(Collectors.toMap(Stored::incidentId, Stored::version));
        awaitOutboxEmpty();
        Map<String, List<Long>> published = await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1))
                .until(() -> publishedVersions(versions.keySet(), stream.started().minusSeconds(60)), seen -> versions.entrySet().stream()
                        .allMatch(entry -> seen.getOrDefault(entry.getKey(), List.of()).size() >= entry.getValue()));
        for (Map.Entry<String, Long> incident : versions.entrySet()) {
            List<Long> seen = published.get(incident.getKey());
            List<Long> expected = new ArrayList<>();
            for (long v = 1; v <= incident.getValue(); v++) {
                expected.add(v);
            }
            assertThat(seen).as("events of incident %s: each version once, in order", incident.getKey()).isEqualTo(expected);
        }
        System.out.printf("account of drill %d: stored %.1f s, published %.1f s after the stream ended%n", stream.drill(),
                (storedAt - closed) / 1e9, (System.nanoTime() - closed) / 1e9);
        return new Exact(accepted.size() + " accepted, " + stored.size() + " stored (" + extra + " in flight at the fault), "
                + versions.size() + " incidents, " + published.values().stream().mapToInt(List::size).sum() + " events", Map.copyOf(versions));
    }

    private static List<Stored> stored(String prefix) throws SQLException {
        try (Connection connection = Hub.stack().postgres().connect();
                PreparedStatement query = connection.prepareStatement("select s.fingerprint, s.incident_id, s.count, i.version"
                        + " from incident.incident_signal s join incident.incident i on i.id = s.incident_id where s.fingerprint like ?")) {
            query.setString(1, prefix + "%");
            List<Stored> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Stored(result.getString(1), result.getString(2), result.getLong(3), result.getLong(4)));
                }
            }
            return rows;
        }
    }

    private static void awaitOutboxEmpty() {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Connection connection = Hub.stack().postgres().connect();
                    ResultSet result = connection.createStatement().executeQuery("select count(*) from incident.outbox where sent is null")) {
                result.next();
                return result.getLong(1);
            }
        }, unsent -> unsent == 0);
    }

    /**
     * Every incident event of these incidents on the topic since {@code since} (record timestamps, wall clock: a drill
     * reads from a minute before its stream began, not the whole topic), as versions in the order read, per incident.
     */
    static Map<String, List<Long>> publishedVersions(Set<String> incidents, Instant since) throws IOException {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Hub.stack().broker().bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 << 20));
        Map<String, List<Long>> versions = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INCIDENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(partition -> at.put(partition, since.toEpochMilli()));
            consumer.offsetsForTimes(at).forEach((partition, offset) -> {
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            });
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Set<TopicPartition> open = new HashSet<>(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && incidents.contains(record.key())) {
                        JsonNode event = SiamJson.mapper().readTree(record.value());
                        versions.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(event.path("incident").path("version").asLong());
                    }
                }
                open.removeIf(partition -> consumer.position(partition) >= end.get(partition));
            }
        }
        return versions;
    }
}
