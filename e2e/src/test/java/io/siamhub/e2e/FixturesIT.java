package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.model.Priority;
import io.siamhub.model.SiamJson;
import io.siamhub.model.incident.Incident;

/**
 * Every provider fixture of the adapters' suite, posted over HTTP with each provider's own
 * authentication to the running adapters, becomes the expected incidents in the running broker,
 * placed by the demo catalog that {@code ./hub up} seeds. A fixture whose mapping must fail is
 * accepted (it is stored) and dead-lettered, never lost.
 */
@ExtendWith(Hub.class)
class FixturesIT {

    static final Path FIXTURES = Hub.ROOT.resolve("services/provider-adapters/src/test/resources/fixtures");

    private static final List<String> ANSWERS = new ArrayList<>();

    @BeforeAll
    static void postEveryFixture() throws IOException {
        List<Path> bodies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            files.filter(FixturesIT::isBody).sorted().forEach(bodies::add);
        }
        // as providers send them: what fires before what resolves
        bodies.sort((a, b) -> Boolean.compare(isResolution(a), isResolution(b)));
        for (Path body : bodies) {
            HttpResponse<String> response = Webhooks.post(endpoint(body), Files.readAllBytes(body), headers(body));
            ANSWERS.add(FIXTURES.relativize(body) + " " + response.statusCode());
        }
    }

    @Test
    void everyFixtureIsAcceptedOnlyAfterItIsStored() {
        assertThat(ANSWERS).as("every fixture of the adapters suite").hasSizeGreaterThan(50).allSatisfy(answer -> assertThat(answer).endsWith(" 202"));
    }

    @Test
    void alertsBecomePlacedPrioritisedOwnedIncidents() {
        expect("payments-api", Priority.P1, "k8s-partner", 1);
        expect("payments-db", Priority.P1, "dba-oncall", 1);
        expect("payments-vm", Priority.P1, "azure", 1);
        expect("payments-gke", Priority.P1, "gcp", 1);
        expect("reporting-ec2", Priority.P3, "aws", 1);
        expect("checkout-page", Priority.P2, "webshop-sre", 1);
        expect("k8s-prod-eu", Priority.P3, "k8s-partner", 1);
        Incident fleet = expect("payments-ec2-fleet", Priority.P1, "aws", 3);
        assertThat(IncidentApi.detail(fleet.id()).path("signals")).extracting(signal -> signal.path("joinedBy").asText())
                .containsExactlyInAnyOrder("correlation.new-incident", "correlation.same-ci", "correlation.same-ci");
        Incident webshop = expect("webshop-vms", Priority.P4, "webshop-sre", 2);
        assertThat(webshop.signals().count()).isEqualTo(3);
        assertThat(IncidentApi.ofCi("payments-worker")).as("only resolved signals: nothing to open").isEmpty();
    }

    @Test
    void signalsTheCatalogDoesNotPlaceAreUnmappedAndOwnedByTheServiceDesk() {
        List<Incident> unmapped = await().atMost(IncidentApi.WAIT)
                .until(() -> IncidentApi.list(Map.of("unmapped", "true", "limit", "500")).items(),
                        list -> list.stream().anyMatch(incident -> incident.signals().fingerprints().stream()
                                .anyMatch(fingerprint -> fingerprint.startsWith("gcp:") && fingerprint.contains("xxxxxxxxxxxxxxxxxxxxxxxx"))));
        assertThat(unmapped).allSatisfy(incident -> assertThat(incident.owner()).isEqualTo("service-desk"));
    }

    @Test
    void providerTicketsAreKeptAndMaintenanceOpensNothing() {
        List<String> keys = await().atMost(IncidentApi.WAIT).until(() -> {
            JsonNode tickets = IncidentApi.read(IncidentApi.get("/api/incidents/tickets?limit=1000"), JsonNode.class);
            List<String> found = new ArrayList<>();
            tickets.forEach(ticket -> found.add(ticket.path("system").asText() + ":" + ticket.path("key").asText()));
            return found;
        }, list -> list.containsAll(List.of("servicenow:INC0010042", "servicenow:INC0010044", "servicenow:INC0010045",
                "pagerduty:PFQZPSY", "jira:TEST-1", "cloudevents:ACME-1042")));
        // the two records of one ServiceNow result array are two signals with their own keys, on their own partitions:
        // each is applied in its own time, so the wait names every ticket it expects
        assertThat(keys).contains("servicenow:INC0010044", "servicenow:INC0010045", "cloudevents:ACME-1042");
        assertThat(IncidentApi.list(Map.of("q", "CloudShell")).total()).isZero();
    }

    private static Incident expect(String ci, Priority priority, String owner, int fingerprints) {
        Incident incident = IncidentApi.awaitOne(ci, found -> found.signals().fingerprints().size() == fingerprints);
        assertThat(incident.priority()).as("priority of %s", ci).isEqualTo(priority);
        assertThat(incident.owner()).as("owner of %s", ci).isEqualTo(owner);
        assertThat(incident.unmapped()).isFalse();
        return incident;
    }

    static boolean isBody(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && !name.endsWith(".expected.json") && !name.endsWith(".headers.json");
    }

    /** The endpoint a fixture comes in on: {@code aws/eventbridge_*} on EventBridge, other AWS ones on SNS. */
    static String endpoint(Path body) {
        String provider = body.getParent().getFileName().toString();
        return switch (provider) {
            case "aws" -> body.getFileName().toString().startsWith("eventbridge") ? "aws/eventbridge" : "aws/sns";
            case "azure" -> "azure/monitor";
            case "gcp" -> "gcp/monitoring";
            default -> provider;
        };
    }

    static Map<String, String> headers(Path body) throws IOException {
        Path file = body.resolveSibling(body.getFileName().toString().replace(".json", ".headers.json"));
        Map<String, String> headers = new LinkedHashMap<>();
        if (Files.exists(file)) {
            headers.putAll(SiamJson.mapper().readValue(file.toFile(), new TypeReference<Map<String, String>>() {
            }));
        }
        return headers;
    }

    private static boolean isResolution(Path body) {
        String name = body.getFileName().toString();
        return name.contains("resolved") || name.contains("closed") || name.contains("_OK");
    }
}
