package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.localstack.DebianPeer;
import io.siamhub.localstack.HubService;
import io.siamhub.localstack.LoopbackPorts;
import io.siamhub.model.Priority;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentStatus;

/**
 * Debian's real Alertmanager, its receiver our {@code /webhooks/alertmanager} with a bearer token:
 * alerts pushed to its own API become placed, prioritised, owned incidents, and resolve when the
 * alerts end. Its grouping, timers and retries are part of the test.
 */
@ExtendWith(Hub.class)
class AlertmanagerIT {

    private static DebianPeer alertmanager;
    private static String namespace;
    private static String paymentsCi;
    private static String batchCi;

    @BeforeAll
    static void startAlertmanagerAndPlaceItsAlerts() throws IOException {
        namespace = Catalog.unique("am");
        Catalog.service("svc-" + namespace + "-pay", "HIGH");
        Catalog.service("svc-" + namespace + "-batch", "LOW");
        Catalog.serviceOwner("svc-" + namespace + "-batch", "batch-team");
        paymentsCi = namespace + "-api";
        batchCi = namespace + "-batch";
        Catalog.kubernetesCi(paymentsCi, "svc-" + namespace + "-pay", "k8s-partner", namespace + "/api-.*");
        Catalog.kubernetesCi(batchCi, "svc-" + namespace + "-batch", "k8s-partner", namespace + "/batch-.*");
        alertmanager = startAlertmanager();
    }

    @AfterAll
    static void stopAlertmanager() {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void alertsPushedToAlertmanagerBecomeIncidentsAndResolveWhenTheyEnd() {
        Instant start = Instant.now();
        push(alert("PaymentsLatencyHigh", "critical", "api-7c9f", "p99 latency above 2 s", start, null),
                alert("BatchJobSlow", "warning", "batch-0", "nightly batch 40 min late", start, null));
        IncidentApi.awaitOne(paymentsCi, incident -> true);
        // a second alert of the same CI, in its own Alertmanager group, joins the open incident
        push(alert("PaymentsErrorsRising", "warning", "api-55d1", "5xx ratio above 1 %", start, null));

        Incident payments = IncidentApi.awaitOne(paymentsCi, incident -> incident.signals().fingerprints().size() == 2);
        assertThat(payments.title()).isEqualTo("PaymentsLatencyHigh: p99 latency above 2 s");
        assertThat(payments.priority()).as("HIGH impact x HIGH urgency").isEqualTo(Priority.P1);
        assertThat(payments.owner()).as("the provider that runs the CI").isEqualTo("k8s-partner");
        assertThat(payments.status()).isEqualTo(IncidentStatus.NEW);
        JsonNode detail = IncidentApi.detail(payments.id());
        assertThat(detail.path("signals")).extracting(signal -> signal.path("severity").asText())
                .containsExactlyInAnyOrder("CRITICAL", "WARNING");
        assertThat(detail.path("signals")).extracting(signal -> signal.path("joinedBy").asText())
                .containsExactlyInAnyOrder("correlation.new-incident", "correlation.same-ci");

        Incident batch = IncidentApi.awaitOne(batchCi, incident -> true);
        assertThat(batch.title()).isEqualTo("BatchJobSlow: nightly batch 40 min late");
        assertThat(batch.priority()).as("LOW impact x LOW urgency").isEqualTo(Priority.P5);
        assertThat(batch.owner()).as("the service's resolver group").isEqualTo("batch-team");

        // the alerts end: Alertmanager sends them resolved (send_resolved), the incidents resolve after the quiet period
        Instant end = Instant.now();
        push(alert("PaymentsLatencyHigh", "critical", "api-7c9f", "p99 latency above 2 s", start, end),
                alert("PaymentsErrorsRising", "warning", "api-55d1", "5xx ratio above 1 %", start, end),
                alert("BatchJobSlow", "warning", "batch-0", "nightly batch 40 min late", start, end));
        Incident resolved = IncidentApi.awaitOne(paymentsCi, incident -> incident.status() == IncidentStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).isAfterOrEqualTo(end.minusSeconds(1));
        assertThat(IncidentApi.detail(resolved.id()).path("timeline")).extracting(JsonNode::toString)
                .anyMatch(line -> line.contains("every signal resolved"));
        IncidentApi.awaitOne(batchCi, incident -> incident.status() == IncidentStatus.RESOLVED);
    }

    private String alert(String name, String severity, String pod, String summary, Instant startsAt, Instant endsAt) {
        return "{\"labels\":{\"alertname\":\"" + name + "\",\"severity\":\"" + severity + "\",\"namespace\":\"" + namespace
                + "\",\"pod\":\"" + pod + "\"},\"annotations\":{\"summary\":\"" + summary + "\"},\"startsAt\":\"" + startsAt + "\""
                + (endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"") + "}";
    }

    private static void push(String... alerts) {
        HttpResponse<String> response = Webhooks.send(HttpRequest.newBuilder(URI.create(alertmanager.url() + "/api/v2/alerts"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", alerts) + "]")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The {@code receivers:} block of the provider setup guide (services/provider-adapters/SETUP.md). */
    static String guideReceiver() throws IOException {
        String guide = Files.readString(Hub.ROOT.resolve("services/provider-adapters/SETUP.md"));
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("(?s)```yaml\n(receivers:.*?webhook_configs:.*?)```").matcher(guide);
        assertThat(block.find()).as("SETUP.md shows Alertmanager's receiver as a yaml block").isTrue();
        return block.group(1);
    }

    /** Alertmanager on a free loopback port, no cluster, short group timers, the setup guide's receiver. */
    static DebianPeer startAlertmanager() throws IOException {
        int port = LoopbackPorts.free();
        Path dir = Files.createDirectories(Path.of("target", "peers", "alertmanager-" + port).toAbsolutePath());
        Path config = dir.resolve("alertmanager.yml");
        // the receiver exactly as the setup guide shows it, with this run's URL and token
        Files.writeString(config, """
                route:
                  receiver: siam-hub
                  group_by: [alertname, namespace]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 4h
                """ + guideReceiver().replace("http://127.0.0.1:8081", Hub.url(HubService.PROVIDER_ADAPTERS))
                .replace("<SIAM_WEBHOOK_TOKEN>", Hub.stack().webhookSecrets().token()));
        return DebianPeer.start("alertmanager", "prometheus-alertmanager", "prometheus-alertmanager", port, "/-/ready", List.of(
                "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=info"), dir.resolve("alertmanager.log"));
    }
}
