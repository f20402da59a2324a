package io.siamhub.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class KafkaConventionsTest {

    private static final Map<String, String> DEFAULTS = Map.of(
            "quarkus.application.name", "incident-broker",
            "mp.messaging.connector.smallrye-kafka.acks", "all",
            "mp.messaging.connector.smallrye-kafka.enable.idempotence", "true",
            "mp.messaging.connector.smallrye-kafka.failure-strategy", "dead-letter-queue");

    @Test
    void aConsumerThatDeadLettersToItsOwnTopicPasses() {
        assertThat(KafkaConventions.violations(config(Map.of(
                "mp.messaging.incoming.signals.connector", "smallrye-kafka",
                "mp.messaging.incoming.signals.topic", "siam.signals.v1",
                "mp.messaging.incoming.signals.dead-letter-queue.topic", "siam.signals.v1.incident-broker.dlq",
                "mp.messaging.outgoing.out.connector", "smallrye-kafka")))).isEmpty();
    }

    @Test
    void aMisnamedDeadLetterTopicIsRefused() {
        assertThat(KafkaConventions.violations(config(Map.of(
                "mp.messaging.incoming.signals.connector", "smallrye-kafka",
                "mp.messaging.incoming.signals.topic", "siam.signals.v1",
                "mp.messaging.incoming.signals.dead-letter-queue.topic", "signals-dlq"))))
                .containsExactly("incoming channel signals must dead-letter to siam.signals.v1.incident-broker.dlq");
    }

    @Test
    void aConsumerThatFailsInsteadOfDeadLetteringIsRefused() {
        assertThat(KafkaConventions.violations(config(Map.of(
                "mp.messaging.incoming.signals.connector", "smallrye-kafka",
                "mp.messaging.incoming.signals.failure-strategy", "ignore",
                "mp.messaging.incoming.signals.dead-letter-queue.topic", "signals.incident-broker.dlq"))))
                .containsExactly("incoming channel signals must use failure-strategy=dead-letter-queue");
    }

    @Test
    void aProducerWithoutAllAcksIsRefused() {
        assertThat(KafkaConventions.violations(config(Map.of(
                "mp.messaging.outgoing.out.connector", "smallrye-kafka",
                "mp.messaging.outgoing.out.acks", "1"))))
                .containsExactly("outgoing channel out must use acks=all");
    }

    @Test
    void channelsOfOtherConnectorsAreNotKafkasBusiness() {
        assertThat(KafkaConventions.violations(config(Map.of(
                "mp.messaging.incoming.memory.connector", "smallrye-in-memory")))).isEmpty();
    }

    private static SmallRyeConfig config(Map<String, String> channels) {
        Map<String, String> properties = new HashMap<>(DEFAULTS);
        properties.putAll(channels);
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }
}
