package io.siamhub.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.siamhub.model.Topics;

class KafkaBrokerTest {

    @Test
    void createsTheDesignTopicsKeepsRecordsAcrossAKillAndCleansUp() throws Exception {
        Path dir = Path.of("target", "kafka-broker-test");
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            broker.createTopics(Topics.ALL, 6);
            broker.createTopics(Topics.ALL, 6); // again: idempotent

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                Map<String, TopicDescription> topics = admin.describeTopics(
                        Topics.ALL.stream().map(Topics.Spec::name).toList()).allTopicNames().get(10, TimeUnit.SECONDS);
                assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(6));
                String cleanup = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.CATALOG)))
                        .all().get(10, TimeUnit.SECONDS).values().iterator().next().get("cleanup.policy").value();
                assertThat(cleanup).isEqualTo("compact");
            }

            produce(broker, "before-kill");
            broker.kill();
            broker.restart();
            produce(broker, "after-restart");

            assertThat(consumeAll(broker)).containsExactly("before-kill", "after-restart");
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    private static void produce(KafkaBroker broker, String value) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SIGNALS, "one-key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(KafkaBroker broker) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.SIGNALS));
            List<String> values = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 2 && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                records.forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }
}
