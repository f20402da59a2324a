package io.siamhub.adapters.outbound;

import static io.siamhub.adapters.outbound.SubscriptionApiTest.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.siamhub.adapters.SnsTestAuthority;
import io.siamhub.adapters.outbound.core.DeliveryQueue;
import io.siamhub.kit.security.Roles;
import io.siamhub.kit.testing.DrivenClock;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.Topics;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Outbound webhook delivery end to end: incident events on the real {@code siam.incidents.v1} become
 * deliveries in PostgreSQL, sent to loopback receivers that verify the signature independently;
 * retries on a driven clock with Retry-After, permanent failure to the DLQ and replay, 410 Gone,
 * order per incident, isolation from a dead subscriber, and a crashed sender's lease running out.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
class WebhookDeliveryTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Inject
    DrivenClock clock;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Inject
    DeliveryQueue queue;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        clock.reset();
        List<String> ids = admin().get("/api/subscriptions").then().statusCode(200).extract().path("id");
        ids.forEach(id -> admin().delete("/api/subscriptions/" + id).then().statusCode(204));
        for (AutoCloseable resource : closing) {
            resource.close();
        }
    }

    @Test
    void anIncidentEventIsDeliveredSignedInBothFormats() throws Exception {
        LoopbackReceiver cloudevents = receiver();
        LoopbackReceiver snapshot = receiver();
        String ce = subscribe(cloudevents.url(), "cloudevents", "[\"io.siamhub.incident.*\"]", "[\"P1\"]");
        subscribe(snapshot.url(), "snapshot", "[\"io.siamhub.incident.*\"]", "[]");
        double delivered = counter("delivered");

        String incident = UUID.randomUUID().toString();
        String eventId = publish(incident, 1, "P1");
        String p3 = publish(UUID.randomUUID().toString(), 1, "P3");

        LoopbackReceiver.Received structured = awaitOne(cloudevents, eventId);
        assertThat(structured.header("content-type")).isEqualTo("application/cloudevents+json");
        assertThat(structured.header("user-agent")).startsWith("siam-hub-webhooks/");
        assertThat(ReceiverVerifier.verify(SECRET, eventId, structured.header("webhook-timestamp"), structured.header("webhook-signature"),
                structured.body())).isTrue();
        JsonPath event = new JsonPath(structured.text());
        assertThat(event.getString("id")).isEqualTo(eventId);
        assertThat(event.getString("type")).isEqualTo("io.siamhub.incident.opened.v1");
        assertThat(event.getString("data.incident.id")).isEqualTo(incident);
        assertThat(event.getString("data.kind")).isEqualTo("OPENED");

        LoopbackReceiver.Received plain = awaitOne(snapshot, eventId);
        assertThat(plain.header("content-type")).isEqualTo("application/json");
        assertThat(plain.header("ce-type")).isEqualTo("io.siamhub.incident.opened.v1");
        assertThat(new JsonPath(plain.text()).getString("id")).isEqualTo(incident);
        assertThat(ReceiverVerifier.verify(SECRET, eventId, plain.header("webhook-timestamp"), plain.header("webhook-signature"),
                plain.body())).isTrue();

        // the P3 incident passes the snapshot subscription's empty filter, not the P1 one
        awaitOne(snapshot, p3);
        assertThat(cloudevents.received()).noneMatch(r -> p3.equals(r.header("webhook-id")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().get("/api/subscriptions/" + ce + "/deliveries?status=DELIVERED")
                .then().statusCode(200).body("[0].eventId", equalTo(eventId)).body("[0].attempts", equalTo(1))
                .body("[0].lastStatus", equalTo(204)));
        assertThat(counter("delivered") - delivered).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aFailureIsRetriedWithBackoffAndRetryAfterOnTheDrivenClock() throws Exception {
        LoopbackReceiver receiver = receiver();
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(request -> switch (calls.incrementAndGet()) {
            case 1 -> LoopbackReceiver.Answer.of(503);
            case 2 -> new LoopbackReceiver.Answer(429, Map.of("Retry-After", "3600"), "slow down");
            default -> LoopbackReceiver.Answer.of(200);
        });
        String id = subscribe(receiver.url(), "cloudevents", "[\"io.siamhub.incident.*\"]", "[]");
        String eventId = publish(UUID.randomUUID().toString(), 1, "P2");

        // 503: again after the first delay (1 s ± 20 % in tests), by itself
        await().atMost(Duration.ofSeconds(15)).until(() -> calls.get() >= 2);
        JsonPath pending = new JsonPath(admin().get("/api/subscriptions/" + id + "/deliveries?status=pending").then().statusCode(200)
                .extract().asString());
        assertThat(pending.getInt("[0].attempts")).isEqualTo(2);
        assertThat(pending.getInt("[0].lastStatus")).isEqualTo(429);
        assertThat(pending.getString("[0].lastError")).contains("slow down");
        Instant next = Instant.parse(pending.getString("[0].nextAttemptAt"));
        assertThat(Duration.between(clock.instant(), next)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));

        // Retry-After: 3600 is honoured: nothing for a while, then the driven hour passes and it goes out
        Thread.sleep(1500);
        assertThat(calls.get()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3);
        List<LoopbackReceiver.Received> all = receiver.received();
        assertThat(all).extracting(r -> r.header("webhook-id")).containsOnly(eventId);
        assertThat(all).allSatisfy(r -> assertThat(ReceiverVerifier.verify(SECRET, eventId, r.header("webhook-timestamp"),
                r.header("webhook-signature"), r.body())).isTrue());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().get("/api/subscriptions/" + id + "/deliveries?status=DELIVERED")
                .then().body("[0].attempts", equalTo(3)));
    }

    @Test
    void retriesEndAfterTheirPeriodInTheDlqAndAReplayDelivers() throws Exception {
        LoopbackReceiver receiver = receiver();
        receiver.answer(request -> LoopbackReceiver.Answer.of(500));
        String id = subscribe(receiver.url(), "cloudevents", "[\"io.siamhub.incident.*\"]", "[]");
        String eventId = publish(UUID.randomUUID().toString(), 1, "P2");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 1);

        clock.advance(Duration.ofHours(25));
        String delivery = await().atMost(Duration.ofSeconds(15)).until(() -> deadId(id), value -> value != null);
        given(Roles.VIEWER).get("/api/dlq/outbound?subscription=" + id).then().statusCode(200).body("[0].eventId", equalTo(eventId))
                .body("[0].status", equalTo("DEAD"));
        String lastError = given(Roles.VIEWER).get("/api/dlq/outbound").then().extract().path("[0].lastError");
        assertThat(lastError).contains("without success").contains("HTTP 500");

        receiver.answer(request -> LoopbackReceiver.Answer.of(200));
        int before = receiver.received().size();
        admin().post("/api/dlq/outbound/" + delivery + "/replay").then().statusCode(200).body("status", equalTo("PENDING"));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() > before);
        assertThat(receiver.received().get(receiver.received().size() - 1).header("webhook-id")).isEqualTo(eventId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().get("/api/subscriptions/" + id + "/deliveries?status=DELIVERED")
                .then().body("[0].eventId", equalTo(eventId)));
        admin().post("/api/dlq/outbound/" + delivery + "/replay").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aClientErrorIsPermanentAndGoneDisablesTheSubscription() throws Exception {
        LoopbackReceiver receiver = receiver();
        receiver.answer(request -> new LoopbackReceiver.Answer(400, Map.of(), "{\"error\": \"unknown field\"}"));
        String id = subscribe(receiver.url(), "cloudevents", "[\"io.siamhub.incident.*\"]", "[]");
        publish(UUID.randomUUID().toString(), 1, "P2");
        await().atMost(Duration.ofSeconds(10)).until(() -> deadId(id) != null);
        assertThat(receiver.received()).hasSize(1);
        String error = admin().get("/api/subscriptions/" + id + "/deliveries?status=DEAD").then().extract().path("[0].lastError");
        assertThat(error).contains("HTTP 400").contains("unknown field");

        receiver.answer(request -> LoopbackReceiver.Answer.of(410));
        double gone = counter("gone");
        publish(UUID.randomUUID().toString(), 1, "P2");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().get("/api/subscriptions/" + id).then()
                .body("enabled", equalTo(false)).body("disabledReason", org.hamcrest.Matchers.containsString("410 Gone")));
        assertThat(counter("gone") - gone).isEqualTo(1);
        int seen = receiver.received().size();
        publish(UUID.randomUUID().toString(), 1, "P2");
        Thread.sleep(1500);
        assertThat(receiver.received()).hasSize(seen);
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        LoopbackReceiver target = receiver();
        LoopbackReceiver redirecting = receiver();
        redirecting.answer(request -> new LoopbackReceiver.Answer(307, Map.of("Location", target.url()), ""));
        String id = subscribe(redirecting.url(), "cloudevents", "[\"io.siamhub.incident.*\"]", "[]");
        publish(UUID.randomUUID().toString(), 1, "P2");
        await().atMost(Duration.ofSeconds(10)).until(() -> deadId(id) != null);
        assertThat(target.received()).isEmpty();
        String error = admin().get("/api/subscriptions/" + id + "/deliveries?status=DEAD").then().extract().path("[0].lastError");
        assertThat(error).contains("redirects are not followed");
    }

    @Test
    void oneIncidentsEventsArriveInOrderEvenAcrossARetry() throws Exception {
        LoopbackReceiver receiver = receiver();
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(request -> calls.incrementAndGet() == 1 ? LoopbackReceiver.Answer.of(502) : LoopbackReceiver.Answer.of(204));
        subscribe(receiver.url(), "cloudevents", "[\"io.siamhub.incident.*\"]", "[]");
        String incident = UUID.randomUUID().toString();
        for (int version = 1; version <= 6; version++) {
            publish(incident, version, "P2");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> versions(receiver, incident).size() >= 7);
        List<Integer> versions = versions(receiver, incident);
        assertThat(versions).containsExactly(1, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void aDeadSubscriberDoesNotDelayTheOthers() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!blackHole.isClosed()) {
                    try {
                        held.add(blackHole.accept()); // accepts, never answers
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.start();
            String dead = subscribe("http://127.0.0.1:" + blackHole.getLocalPort() + "/hooks", "cloudevents", "[\"io.siamhub.incident.*\"]", "[]");
            LoopbackReceiver healthy = receiver();
            subscribe(healthy.url(), "cloudevents", "[\"io.siamhub.incident.*\"]", "[]");

            Map<String, Long> sent = new ConcurrentHashMap<>();
            for (int i = 0; i < 20; i++) {
                long at = System.nanoTime();
                sent.put(publish(UUID.randomUUID().toString(), 1, "P2"), at);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> healthy.received().size() >= 20);
            List<Long> latenciesMs = new ArrayList<>();
            healthy.received().forEach(r -> latenciesMs.add((r.arrivedNanos() - sent.get(r.header("webhook-id"))) / 1_000_000));
            latenciesMs.sort(Long::compare);
            // each within 2 s of its publication while the dead subscriber's attempts hang for their 3 s timeout
            assertThat(latenciesMs.get(latenciesMs.size() - 1)).isLessThan(2_000);
            JsonPath deadQueue = new JsonPath(admin().get("/api/subscriptions/" + dead + "/deliveries?status=PENDING&limit=1000").then()
                    .statusCode(200).extract().asString());
            assertThat(deadQueue.getList("$")).hasSize(20);
            System.out.printf("isolation: healthy subscriber p50 %d ms, max %d ms with a dead subscriber hanging%n",
                    latenciesMs.get(latenciesMs.size() / 2), latenciesMs.get(latenciesMs.size() - 1));
            blackHole.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aDeliveryLeftByACrashedSenderGoesOutOnceItsLeaseRunsOut() throws Exception {
        int port;
        try (ServerSocket reserve = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = reserve.getLocalPort();
        }
        // nothing listens yet: connection refused, retried
        String id = subscribe("http://127.0.0.1:" + port + "/hooks/siam", "cloudevents", "[\"io.siamhub.incident.*\"]", "[]");
        String eventId = publish(UUID.randomUUID().toString(), 1, "P2");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> admin().get("/api/subscriptions/" + id + "/deliveries?status=PENDING")
                .then().body("[0].attempts", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("[0].lastError", org.hamcrest.Matchers.containsString("connection")));

        // as if a sender had claimed it and died: leased for an hour
        pool.preparedQuery("update outbound_delivery set lease_until = $2 where subscription_id = $1")
                .execute(Tuple.of(UUID.fromString(id), clock.instant().plus(Duration.ofHours(1)).atOffset(java.time.ZoneOffset.UTC)))
                .await().indefinitely();
        LoopbackReceiver receiver = LoopbackReceiver.start(port);
        closing.add(receiver);
        Thread.sleep(2000);
        assertThat(receiver.received()).isEmpty();

        clock.advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        assertThat(receiver.received().get(0).header("webhook-id")).isEqualTo(eventId);
        Thread.sleep(1000);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void dispatchersOfSeveralInstancesClaimEachDeliveryOnce() {
        // as two provider-adapters instances on one database: 8 claims at once, each on its own connection, over 300 due
        // deliveries (each of its own incident); due a day ahead of the driven clock, so this instance's own dispatcher
        // leaves them alone
        String id = subscribe("http://127.0.0.1:9/hooks/siam", "cloudevents", "[\"io.siamhub.subscription.ping.v1\"]", "[]");
        Instant due = clock.instant().plus(Duration.ofDays(1));
        List<DeliveryQueue.NewDelivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            deliveries.add(new DeliveryQueue.NewDelivery(UUID.fromString(id), "event-" + i, "io.siamhub.never.v1", "/test", null, due,
                    "incident-" + i, "application/json", "{}"));
        }
        assertThat(queue.enqueue(deliveries, due).await().indefinitely()).isEqualTo(300);

        List<Uni<List<DeliveryQueue.Claimed>>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(queue.claim(due, due.plus(Duration.ofMinutes(1)), 1000, 100));
        }
        List<String> claimed = Uni.join().all(claims).andFailFast().await().atMost(Duration.ofSeconds(30)).stream()
                .flatMap(List::stream).map(delivery -> delivery.eventId()).toList();
        assertThat(claimed).as("no delivery claimed by two dispatchers").doesNotHaveDuplicates();
        assertThat(claimed).as("up to 8 x 100 claimed, the 300 at most").hasSizeLessThanOrEqualTo(300);

        List<String> rest = new ArrayList<>(claimed);
        for (int round = 0; round < 5 && rest.size() < 300; round++) {
            queue.claim(due, due.plus(Duration.ofMinutes(1)), 1000, 100).await().indefinitely().forEach(delivery -> rest.add(delivery.eventId()));
        }
        assertThat(rest).as("every delivery claimed once while the leases last").doesNotHaveDuplicates().hasSize(300);
        assertThat(queue.claim(due, due.plus(Duration.ofMinutes(1)), 1000, 100).await().indefinitely()).as("all leased").isEmpty();
        // a lease that ran out (its sender died) is claimed again, once
        Instant expired = due.plus(Duration.ofMinutes(2));
        List<Uni<List<DeliveryQueue.Claimed>>> again = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            again.add(queue.claim(expired, expired.plus(Duration.ofMinutes(1)), 1000, 300));
        }
        List<String> reclaimed = Uni.join().all(again).andFailFast().await().atMost(Duration.ofSeconds(30)).stream()
                .flatMap(List::stream).map(delivery -> delivery.eventId()).toList();
        assertThat(reclaimed).as("after the leases ran out, each delivery claimed again by one dispatcher").doesNotHaveDuplicates()
                .hasSize(300);
    }

    private static List<Integer> versions(LoopbackReceiver receiver, String incident) {
        List<Integer> versions = new ArrayList<>();
        receiver.received().stream().map(r -> new JsonPath(r.text())).filter(event -> incident.equals(event.getString("data.incident.id")))
                .forEach(event -> versions.add(event.getInt("data.incident.version")));
        return versions;
    }

    private String deadId(String subscription) {
        List<String> ids = admin().get("/api/subscriptions/" + subscription + "/deliveries?status=DEAD").then().statusCode(200).extract()
                .path("id");
        return ids.isEmpty() ? null : ids.get(0);
    }

    private LoopbackReceiver receiver() throws IOException {
        LoopbackReceiver receiver = LoopbackReceiver.start();
        closing.add(receiver);
        return receiver;
    }

    private LoopbackReceiver.Received awaitOne(LoopbackReceiver receiver, String eventId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().stream()
                .filter(r -> eventId.equals(r.header("webhook-id"))).findFirst().orElse(null), r -> r != null);
    }

    private String subscribe(String url, String format, String events, String priorities) {
        return admin().contentType("application/json").body("{\"url\": \"" + url + "\", \"events\": " + events + ", \"filters\": {\"priorities\": "
                + priorities + "}, \"format\": \"" + format + "\", \"secrets\": [\"" + SECRET + "\"]}")
                .post("/api/subscriptions").then().statusCode(201).extract().path("id");
    }

    private String publish(String incident, int version, String priority) {
        String kind = version == 1 ? "OPENED" : "UPDATED";
        String json = """
                {"kind": "%s", "incident": {"id": "%s", "number": "INC0000001", "title": "Disk full", "status": "NEW",
                 "priority": "%s", "service": "payments", "owner": "aws", "signals": {"count": 1, "fingerprints": ["aws:arn:x"]},
                 "externalTickets": [], "relatedChanges": [], "maintenance": false, "pagingHeld": false, "providerResolved": false,
                 "unmapped": false, "createdAt": "2026-11-30T10:00:00Z", "version": %d},
                 "changes": [], "reason": "test", "occurredAt": "2026-11-30T10:00:00Z"}""".formatted(kind, incident, priority, version);
        return kafka.sendEvent(Topics.INCIDENTS, incident, version == 1 ? "io.siamhub.incident.opened.v1" : "io.siamhub.incident.updated.v1",
                json);
    }

    private double counter(String outcome) {
        return registry.get("siam_outbound_deliveries_total").tags("target", "webhook", "outcome", outcome).counter().count();
    }

    private static io.restassured.specification.RequestSpecification given(String role) {
        return io.restassured.RestAssured.given().auth().oauth2(DevJwt.forTests(role));
    }
}
