package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.siamhub.localstack.HubService;
import io.siamhub.localstack.ServiceProcess;
import io.siamhub.model.Topics;

/**
 * Faults struck while a steady stream of alerts flows (500/s, a fingerprint and sequence number each),
 * each drill ending with an exact account ({@link Account}): nothing answered 202 is lost, nothing is
 * applied or published twice. They run last, and each leaves the hub healthy.
 */
@ExtendWith(Hub.class)
@Order(Order.DEFAULT + 1)
class FaultDrillsIT {

    private static final int RATE = 500;

    @Test
    void incidentBrokerKilledMidStream() {
        AlertStream stream = killedMidStream(1, HubService.INCIDENT_BROKER);

        assertThat(stream.answered("202")).as("the edge does not need the broker: every request sent got 202")
                .isEqualTo(stream.requested());
        System.out.println("incident-broker kill -9: " + Account.assertExact(stream));
    }

    @Test
    void providerAdaptersKilledMidStream() {
        AlertStream stream = killedMidStream(2, HubService.PROVIDER_ADAPTERS);

        assertThat(stream.accepted()).as("answered 202 before and after the kill").hasSizeGreaterThan(2 * RATE);
        assertThat(stream.answered("500")).as("no request got a 500").isZero();
        System.out.println("provider-adapters kill -9: " + Account.assertExact(stream));
    }

    /** Streams, kill -9s the service 3 s in, starts it again a second later, streams 2 s more once it is ready. */
    private static AlertStream killedMidStream(int drill, HubService service) {
        AlertStream stream = AlertStream.start(drill, RATE);
        pause(3_000);
        ServiceProcess process = Hub.stack().service(service);
        process.kill();
        pause(1_000);
        long killed = System.nanoTime();
        process.start();
        process.awaitReady(Duration.ofMinutes(2));
        System.out.printf("drill %d: %s ready again %.1f s after its start under the stream%n", drill, service,
                (System.nanoTime() - killed) / 1e9);
        pause(2_000);
        stream.close();
        System.out.println(stream.summary());
        return stream;
    }

    @Test
    void kafkaDownFor20Seconds() {
        AlertStream stream = AlertStream.start(3, RATE);
        pause(3_000);
        Hub.stack().broker().kill();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> ready(HubService.PROVIDER_ADAPTERS), ready -> !ready);
        pause(18_000);
        Hub.stack().broker().restart();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> ready(HubService.PROVIDER_ADAPTERS) && ready(HubService.INCIDENT_BROKER));
        pause(2_000);
        stream.close();
        System.out.println(stream.summary());

        assertThat(stream.retryAfterAnswers()).as("503 + Retry-After while Kafka was down").isPositive();
        System.out.println("Kafka down 20 s: " + stream.retryAfterAnswers() + " x 503 with Retry-After; " + Account.assertExact(stream));
    }

    @Test
    void postgresDownFor20Seconds() {
        AlertStream stream = AlertStream.start(4, RATE);
        pause(3_000);
        Hub.stack().postgres().stop();
        pause(5_000);
        // the API cannot read: a 503 that says to retry, never a 500
        HttpResponse<String> read = IncidentApi.get("/api/incidents?limit=1");
        pause(15_000);
        Hub.stack().postgres().restart();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> ready(HubService.INCIDENT_BROKER));
        pause(2_000);
        stream.close();
        System.out.println(stream.summary());

        assertThat(stream.answered("202")).as("the edge does not need PostgreSQL: every request sent got 202")
                .isEqualTo(stream.requested());
        assertThat(read.statusCode()).as("an API read while PostgreSQL is down: %s", read.body()).isEqualTo(503);
        assertThat(read.headers().firstValue("Retry-After")).isPresent();
        assertThat(read.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        System.out.println("PostgreSQL down 20 s: " + Account.assertExact(stream));
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheRestFlows() throws Exception {
        AlertStream stream = AlertStream.start(5, RATE);
        pause(2_000);
        String poisonId = UUID.randomUUID().toString();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Hub.stack().broker().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> poison = new ProducerRecord<>(Topics.SIGNALS, "alertmanager:poison", "{\"id\": \"" + poisonId + "\", \"kind\": ");
            poison.headers().add("ce_id", poisonId.getBytes(StandardCharsets.UTF_8))
                    .add("ce_type", "io.siamhub.signal.alert.v1".getBytes(StandardCharsets.UTF_8))
                    .add("ce_source", "/drill".getBytes(StandardCharsets.UTF_8))
                    .add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            producer.send(poison).get();
        }
        pause(2_000);
        stream.close();
        System.out.println(stream.summary());

        System.out.println("poison record: " + Account.assertExact(stream));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Kcat.readAll(Topics.SIGNALS + ".incident-broker.dlq"))
                .anySatisfy(record -> assertThat(record.headers().get("ce_id")).isEqualTo(poisonId)));
    }

    static boolean ready(HubService service) {
        try {
            HttpResponse<String> response = Webhooks.send(HttpRequest.newBuilder(URI.create(Hub.url(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build());
            return response.statusCode() == 200;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
