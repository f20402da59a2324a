package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.siamhub.localstack.HubService;
import io.siamhub.localstack.ServiceProcess;
import io.siamhub.model.SiamJson;

/**
 * Signed outbound webhooks through the whole stack: a subscriber on loopback (the JDK's HTTP server,
 * verifying the Standard Webhooks signature itself) is down while an incident is opened, acknowledged
 * and resolved; provider-adapters is killed with {@code kill -9} while the deliveries wait, started
 * again, and once the subscriber answers every version of the incident arrives, in order, signed,
 * with no gap.
 */
@ExtendWith(Hub.class)
class OutboundWebhooksIT {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("e2e-outbound-webhooks-key-000001".getBytes(StandardCharsets.UTF_8));

    @Test
    void pendingDeliveriesSurviveAKillAndArriveInOrder() throws Exception {
        String service = Catalog.unique("outbound");
        Catalog.service(service, "HIGH");
        List<JsonNode> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        boolean[] up = {false};
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            int status;
            if (!verifies(id, timestamp, signature, body)) {
                status = 401;
            } else if (!up[0]) {
                refused.incrementAndGet();
                status = 503;
            } else {
                JsonNode event = SiamJson.mapper().readTree(body);
                assertThat(event.path("id").asText()).isEqualTo(id);
                delivered.add(event);
                status = 204;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
            HttpResponse<String> created = SlaApi.send("POST", HubService.PROVIDER_ADAPTERS, "/api/subscriptions", """
                    {"url": "%s", "events": ["io.siamhub.incident.*"], "filters": {"services": ["%s"]}, "secrets": ["%s"]}"""
                    .formatted(url, service, SECRET));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String subscription = SlaApi.json(created).path("id").asText();

            String incident = SlaApi.openIncident("outbound " + service, service, "HIGH", "HIGH");
            SlaApi.act(incident, "acknowledge");
            SlaApi.act(incident, "resolve");
            long version = await().atMost(IncidentApi.WAIT).until(() -> IncidentApi.detail(incident).path("incident").path("version").asLong(),
                    v -> v >= 3);
            await().atMost(IncidentApi.WAIT).until(() -> refused.get() >= 1);

            ServiceProcess adapters = Hub.stack().service(HubService.PROVIDER_ADAPTERS);
            adapters.kill();
            adapters.start();
            adapters.awaitReady(Duration.ofMinutes(2));
            up[0] = true;

            await().atMost(Duration.ofSeconds(90)).until(() -> versions(delivered, incident).contains(version));
            List<Long> versions = versions(delivered, incident);
            List<Long> distinct = versions.stream().distinct().toList();
            // later versions (SLA annotations) may follow; from 1 up, none is missing
            assertThat(distinct).as("every version, in order, no gap")
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, distinct.get(distinct.size() - 1)).boxed().toList());
            assertThat(versions).as("in order (a retry repeats a version, never goes back)").isSorted();
            System.out.printf("outbound webhooks: %d refused while down, %d delivered after the kill -9 (versions %s)%n", refused.get(),
                    versions.size(), versions);
            SlaApi.send("DELETE", HubService.PROVIDER_ADAPTERS, "/api/subscriptions/" + subscription, null);
        } finally {
            receiver.stop(0);
        }
    }

    private static List<Long> versions(List<JsonNode> delivered, String incident) {
        List<Long> versions = new ArrayList<>();
        for (JsonNode event : delivered) {
            if (incident.equals(event.path("data").path("incident").path("id").asText())) {
                versions.add(event.path("data").path("incident").path("version").asLong());
            }
        }
        return versions;
    }

    /** The receiver's own check, from the Standard Webhooks specification. */
    private static boolean verifies(String id, String timestamp, String header, byte[] body) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String signature : header.split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
