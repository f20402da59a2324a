package io.siamhub.adapters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.testing.KafkaTestClient;

/** Reads what the edge stored, or what the normalizer published, by CloudEvent id. */
final class Inbound {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Inbound() {
    }

    /** Every record of {@code topic} read until all {@code ceIds} were seen. */
    static List<ConsumerRecord<String, String>> until(KafkaTestClient kafka, String topic, Set<String> ceIds) {
        Set<String> missing = new HashSet<>(ceIds);
        return kafka.readUntil(topic, record -> {
            missing.remove(CloudEventHeaders.get(record.headers(), CloudEventHeaders.ID));
            return missing.isEmpty();
        }, WAIT);
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        return CloudEventHeaders.get(record.headers(), name);
    }

    static String id(ConsumerRecord<String, String> record) {
        return header(record, CloudEventHeaders.ID);
    }

    static byte[] value(ConsumerRecord<String, String> record) {
        return record.value().getBytes(StandardCharsets.UTF_8);
    }
}
