package io.siamhub.incident;

import static io.siamhub.incident.Api.awaitIncident;
import static io.siamhub.incident.Api.incidentsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.siamhub.incident.api.IncidentQueries;
import io.siamhub.kit.security.Roles;
import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.Priority;
import io.siamhub.model.SiamJson;
import io.siamhub.model.incident.ExternalTicket;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalStatus;

/**
 * Real provider payloads, as the adapters map them, into incidents. Both services cannot share one
 * test JVM, so this reads the adapters' own mapping output (the {@code *.expected.json} files their
 * {@code ProviderMappingTest} proves they produce from the raw fixtures) and puts it on
 * {@code siam.signals.v1}, with the demo catalog {@code ./hub up} seeds.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class FixtureFlowTest {

    private static boolean sent;

    static final Path FIXTURES = Path.of("../provider-adapters/src/test/resources/fixtures");
    static final Path DEMO_CATALOG = Path.of("../../deploy/demo/catalog.yaml");

    @BeforeEach
    void importTheDemoCatalogAndSendEveryFixtureSignalOnce() throws IOException {
        if (sent) {
            return;
        }
        sent = true;
        io.restassured.RestAssured.given()
                .config(io.restassured.RestAssured.config().encoderConfig(
                        io.restassured.config.EncoderConfig.encoderConfig().encodeContentTypeAs("application/yaml", ContentType.TEXT)))
                .auth().oauth2(DevJwt.forTests(Roles.ADMIN)).contentType("application/yaml").body(Files.readString(DEMO_CATALOG))
                .post("/api/catalog/import").then().statusCode(200);
        List<Signal> signals = new ArrayList<>();
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".expected.json")).sorted().toList()) {
                signals.addAll(SiamJson.mapper().readValue(file.toFile(), new TypeReference<List<Signal>>() {
                }));
            }
        }
        // as they would arrive: alerts fire before they resolve; fresh ids, received now
        Instant now = Instant.now();
        List<Signal> ordered = signals.stream()
                .sorted(Comparator.comparing((Signal signal) -> signal.status() == SignalStatus.RESOLVED))
                .map(signal -> signal.toBuilder().id(UUID.randomUUID().toString()).receivedAt(now).build())
                .toList();
        Feed.send(ordered);
    }

    @Test
    void alertsBecomePlacedPrioritisedOwnedIncidents() {
        expect("payments-api", Priority.P1, "k8s-partner", 1);
        expect("payments-db", Priority.P1, "dba-oncall", 1);
        expect("payments-vm", Priority.P1, "azure", 1);
        expect("payments-gke", Priority.P1, "gcp", 1);
        expect("reporting-ec2", Priority.P3, "aws", 1);
        expect("checkout-page", Priority.P2, "webshop-sre", 1);
        // a warning about the whole cluster (no pod, no instance): placed by its alert name
        expect("k8s-prod-eu", Priority.P3, "k8s-partner", 1);
        // three AWS alarms of one account, correlated into one incident
        Incident fleet = expect("payments-ec2-fleet", Priority.P1, "aws", 3);
        assertThat(Api.detail(fleet.id()).signals()).extracting(IncidentQueries.SignalView::joinedBy)
                .containsExactlyInAnyOrder("correlation.new-incident", "correlation.same-ci", "correlation.same-ci");
        // three Azure signals of the webshop subscription (two share the alert id: one fingerprint, two repeats);
        // INFO and WARNING make a LOW urgency
        Incident webshop = expect("webshop-vms", Priority.P4, "webshop-sre", 2);
        assertThat(webshop.signals().count()).isEqualTo(3);
        assertThat(incidentsOf("payments-worker")).as("only resolved signals: nothing to open").isEmpty();
    }

    @Test
    void aRecoveredAlertSchedulesItsIncidentToResolve() {
        Incident web = awaitIncident("payments-web", incident -> SignalRulesTest.hasLine(incident, "auto-resolve scheduled"));
        assertThat(web.priority()).isEqualTo(Priority.P1);
        assertThat(Api.detail(web.id()).signals()).singleElement()
                .satisfies(signal -> assertThat(signal.status()).isEqualTo(SignalStatus.RESOLVED));
    }

    @Test
    void signalsTheCatalogDoesNotPlaceAreUnmappedNotLost() {
        // a GCP project the demo catalog does not know
        List<Incident> unmapped = await().atMost(Api.WAIT).until(() -> Api.read(Api.viewer().queryParam("unmapped", "true")
                .queryParam("limit", 500).get("/api/incidents"), IncidentQueries.Page.class).items(),
                list -> list.stream().anyMatch(incident -> incident.signals().fingerprints().stream()
                        .anyMatch(fingerprint -> fingerprint.startsWith("gcp:") && fingerprint.contains("xxxxxxxxxxxxxxxxxxxxxxxx"))));
        assertThat(unmapped).allSatisfy(incident -> assertThat(incident.owner()).isEqualTo("service-desk"));
        Incident refunds = await().atMost(Api.WAIT).until(() -> Api.read(Api.viewer().queryParam("service", "payments")
                .queryParam("limit", 500).get("/api/incidents"), IncidentQueries.Page.class).items().stream()
                .filter(incident -> incident.configurationItem() == null).findFirst(), java.util.Optional::isPresent).get();
        assertThat(refunds.unmapped()).as("placed on the service the provider named").isFalse();
        assertThat(refunds.priority()).isEqualTo(Priority.P3);
    }

    @Test
    void providerTicketsWaitToBeLinkedAndMaintenanceOpensNothing() {
        List<String> keys = await().atMost(Api.WAIT).until(() -> List.of(Api.read(Api.viewer().queryParam("limit", 1000)
                .get("/api/incidents/tickets"), ExternalTicket[].class)).stream().map(ticket -> ticket.system() + ":" + ticket.key())
                .toList(), list -> list.contains("servicenow:INC0010042") && list.contains("pagerduty:PFQZPSY"));
        assertThat(keys).contains("jira:TEST-1", "servicenow:INC0010045", "cloudevents:ACME-1042");
        assertThat(Api.read(Api.viewer().queryParam("q", "CloudShell").get("/api/incidents"), IncidentQueries.Page.class).total())
                .isZero();
    }

    private static Incident expect(String ci, Priority priority, String owner, int fingerprints) {
        Incident incident = awaitIncident(ci, found -> found.signals().fingerprints().size() == fingerprints);
        assertThat(incident.priority()).as("priority of %s", ci).isEqualTo(priority);
        assertThat(incident.owner()).as("owner of %s", ci).isEqualTo(owner);
        assertThat(incident.unmapped()).isFalse();
        return incident;
    }
}
