package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.localstack.DebianPeer;
import io.siamhub.localstack.HubService;
import io.siamhub.localstack.LoopbackPorts;
import io.siamhub.model.SiamJson;

/**
 * Debian's real Prometheus scrapes every service's {@code /q/metrics}; what it stores agrees with
 * what the test sent: the adapters' accepted-requests counter rises by exactly the requests sent.
 */
@ExtendWith(Hub.class)
class PrometheusIT {

    private static final String ACCEPTED = "sum(siam_adapters_requests_total{provider=\"gcp\",outcome=\"accepted\"}) or vector(0)";

    private static DebianPeer prometheus;

    @BeforeAll
    static void startPrometheus() throws IOException {
        int port = LoopbackPorts.free();
        Path dir = Files.createDirectories(Path.of("target", "peers", "prometheus-" + port).toAbsolutePath());
        String targets = Arrays.stream(HubService.values())
                .map(service -> "'" + URI.create(Hub.url(service)).getAuthority() + "'").collect(Collectors.joining(", "));
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: siam-hub
                    metrics_path: /q/metrics
                    static_configs:
                      - targets: [%s]
                """.formatted(targets));
        prometheus = DebianPeer.start("prometheus", "prometheus", "prometheus", port, "/-/ready", List.of(
                "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port), dir.resolve("prometheus.log"));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void prometheusScrapesEveryServiceAndCountsEveryAcceptedRequest() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> query("sum(up{job=\"siam-hub\"})"), up -> up == HubService.values().length);
        // settle: two scrapes in a row with the same value
        double before = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1500)).until(new Stable(), value -> value >= 0);

        int sent = 37;
        for (int i = 0; i < sent; i++) {
            String body = """
                    {"version":"1.2","incident":{"incident_id":"0.prom-%d-%s","scoping_project_id":"e2e-project",
                     "state":"open","started_at":%d,"summary":"metrics check %d","policy_name":"e2e",
                     "resource":{"type":"gce_instance","labels":{"instance_id":"prom-%d"}}}}"""
                    .formatted(i, Instant.now().toEpochMilli(), Instant.now().getEpochSecond(), i, i);
            assertThat(Webhooks.post("gcp/monitoring", body.getBytes(StandardCharsets.UTF_8), Map.of()).statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(query(ACCEPTED)).isEqualTo(before + sent));
    }

    /** The counter once two queries a scrape apart agree. */
    private static final class Stable implements java.util.concurrent.Callable<Double> {
        private double last = -1;

        @Override
        public Double call() {
            double now = query(ACCEPTED);
            double settled = now == last ? now : -1;
            last = now;
            return settled;
        }
    }

    /** The one value of an instant query. */
    static double query(String promql) {
        var response = Webhooks.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(5)).GET().build());
        try {
            JsonNode result = SiamJson.mapper().readTree(response.body()).path("data").path("result");
            return result.isEmpty() ? -1 : result.get(0).path("value").get(1).asDouble();
        } catch (IOException e) {
            throw new IllegalStateException(response.body(), e);
        }
    }
}
