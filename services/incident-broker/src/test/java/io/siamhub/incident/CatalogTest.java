package io.siamhub.incident;

import static io.restassured.RestAssured.given;
import static io.siamhub.incident.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.siamhub.incident.api.IncidentQueries;
import io.siamhub.kit.security.Roles;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.incident.Incident;

/** {@code /api/catalog}: CRUD, YAML import, what is refused, and the compacted {@code siam.catalog.v1} feed. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class CatalogTest {

    @Test
    void entriesAreCreatedReadReplacedAndDeletedWithTheirEventsAndTombstones() {
        String id = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        as(Roles.ADMIN).body("{\"name\":\"Checkout\",\"criticality\":\"HIGH\",\"businessOwner\":\"ecommerce\"}")
                .put("/api/catalog/services/" + id).then().statusCode(200).body("id", equalTo(id));
        as(Roles.VIEWER).get("/api/catalog/services/" + id).then().statusCode(200).body("criticality", equalTo("HIGH"));
        as(Roles.ADMIN).body("{\"id\":\"" + id + "\",\"name\":\"Checkout\",\"criticality\":\"LOW\"}")
                .put("/api/catalog/services/" + id).then().statusCode(200);
        as(Roles.VIEWER).get("/api/catalog/services").then().statusCode(200).body("id", hasItem(id));
        String dependent = id + "-web";
        as(Roles.ADMIN).body("{\"name\":\"Web\",\"criticality\":\"LOW\",\"dependsOn\":[\"" + id + "\"]}")
                .put("/api/catalog/services/" + dependent).then().statusCode(200).body("dependsOn", equalTo(List.of(id)));
        as(Roles.ADMIN).delete("/api/catalog/services/" + id).then().statusCode(400).body("errors.field", hasItem("services." + dependent + ".dependsOn"));
        as(Roles.ADMIN).delete("/api/catalog/services/" + dependent).then().statusCode(204);
        as(Roles.ADMIN).delete("/api/catalog/services/" + id).then().statusCode(204);
        as(Roles.VIEWER).get("/api/catalog/services/" + id).then().statusCode(404).contentType("application/problem+json");
        as(Roles.ADMIN).delete("/api/catalog/services/" + id).then().statusCode(404);

        List<ConsumerRecord<String, String>> records = KafkaTestClient.shared().readUntil("siam.catalog.v1",
                record -> ("service:" + id).equals(record.key()) && record.value() == null, Api.WAIT);
        List<ConsumerRecord<String, String>> mine = records.stream().filter(record -> ("service:" + id).equals(record.key())).toList();
        assertThat(mine).hasSize(3);
        assertThat(mine.get(0).value()).contains("\"criticality\":\"HIGH\"");
        assertThat(mine.get(1).value()).contains("\"criticality\":\"LOW\"");
        assertThat(SignalRulesTest.header(mine.get(2), "ce_type")).isEqualTo("io.siamhub.service.deleted.v1");
    }

    @Test
    void aWholeCatalogImportsFromYamlAndPlacesSignals() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String yaml = """
                providers:
                  - id: acme-cloud-%1$s
                    name: ACME Cloud
                    contractReference: UC-2026-17
                services:
                  - id: payments-%1$s
                    name: Payments %1$s
                    criticality: HIGH
                    businessOwner: finance
                configurationItems:
                  - id: payments-db-%1$s
                    name: payments database
                    type: database
                    service: payments-%1$s
                    provider: acme-cloud-%1$s
                    match:
                      - resourceIdPattern: "db-%1$s-[0-9]+"
                        region: eu-west-1
                ownerships:
                  - id: payments-db-owner-%1$s
                    scope: CONFIGURATION_ITEM
                    target: payments-db-%1$s
                    ownerType: RESOLVER_GROUP
                    owner: dba-oncall
                """.formatted(suffix);
        yaml(Roles.ADMIN).body(yaml)
                .post("/api/catalog/import").then().statusCode(200)
                .body("providers", equalTo(1)).body("services", equalTo(1)).body("configurationItems", equalTo(1))
                .body("ownerships", equalTo(1));
        as(Roles.VIEWER).get("/api/catalog/configuration-items/payments-db-" + suffix).then().statusCode(200)
                .body("match[0].resourceIdPattern", equalTo("db-" + suffix + "-[0-9]+"));

        Feed.send(Feed.alert("fp-" + UUID.randomUUID(), "db-" + suffix + "-7"));
        Incident incident = Api.awaitIncident("payments-db-" + suffix, found -> true);
        assertThat(incident.owner()).isEqualTo("dba-oncall");
        assertThat(incident.service()).isEqualTo("payments-" + suffix);
        assertThat(incident.impact()).isEqualTo(io.siamhub.model.Impact.HIGH);
        assertThat(incident.unmapped()).isFalse();
    }

    @Test
    void badCatalogInputIsRefusedWithTheFieldAtFault() {
        String ci = Api.newCi("refuse", Criticality.LOW);
        as(Roles.ADMIN).body("{\"name\":\"x\"}").put("/api/catalog/services/bad-svc").then().statusCode(400)
                .body("errors.field", hasItem("criticality"));
        as(Roles.ADMIN).body("{\"name\":\"x\",\"criticality\":\"HIGH\"}").put("/api/catalog/services/has space").then().statusCode(400)
                .body("errors.field", hasItem("id"));
        as(Roles.ADMIN).body("{\"id\":\"other\",\"name\":\"x\",\"criticality\":\"HIGH\"}").put("/api/catalog/services/this")
                .then().statusCode(400).body("detail", containsString("differs"));
        as(Roles.ADMIN).body("{\"name\":\"x\",\"criticality\":\"SEVERE\"}").put("/api/catalog/services/x").then().statusCode(400)
                .contentType("application/problem+json");
        as(Roles.ADMIN).body("{\"name\":\"x\",\"match\":[{\"resourceIdPattern\":\"([\"}]}").put("/api/catalog/configuration-items/bad-re")
                .then().statusCode(400).body("errors.field", hasItem("match[0].resourceIdPattern"));
        as(Roles.ADMIN).body("{\"name\":\"x\",\"match\":[{}]}").put("/api/catalog/configuration-items/empty-rule")
                .then().statusCode(400).body("errors.field", hasItem("match[0]"));
        as(Roles.ADMIN).body("{\"name\":\"x\",\"service\":\"no-such-service\",\"match\":[]}").put("/api/catalog/configuration-items/dangling")
                .then().statusCode(400).body("errors[0].message", containsString("no-such-service"));
        as(Roles.VIEWER).get("/api/catalog/configuration-items/dangling").then().statusCode(404);
        as(Roles.ADMIN).body("{\"name\":\"x\",\"criticality\":\"HIGH\",\"dependsOn\":[\"no-such-service\"]}")
                .put("/api/catalog/services/needs-ghost").then().statusCode(400)
                .body("errors.field", hasItem("services.needs-ghost.dependsOn"));
        as(Roles.ADMIN).body("{\"name\":\"x\",\"criticality\":\"HIGH\",\"dependsOn\":[\"a,b\"]}")
                .put("/api/catalog/services/needs-comma").then().statusCode(400).body("errors.field", hasItem("dependsOn[0]"));
        as(Roles.ADMIN).delete("/api/catalog/services/svc-" + ci).then().statusCode(409).body("detail", containsString("1 configuration item"));

        yaml(Roles.ADMIN)
                .body("services:\n  - id: s1\n    name: S\n    criticality: HIGH\n    critcality: LOW\n").post("/api/catalog/import")
                .then().statusCode(400).body("detail", containsString("line ")).body("detail", containsString("services[0].critcality"));
        yaml(Roles.ADMIN)
                .body("services: [unclosed").post("/api/catalog/import").then().statusCode(400);
        yaml(Roles.ADMIN).body("")
                .post("/api/catalog/import").then().statusCode(400);
        as(Roles.VIEWER).get("/api/catalog/services/s1").then().statusCode(404);
    }

    @Test
    void anUnknownFieldIsRefusedNamingIt() {
        as(Roles.ADMIN).body("{\"name\":\"x\",\"criticality\":\"HIGH\",\"owner\":\"y\"}").put("/api/catalog/services/unknown-field")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("owner"))
                .body("errors[0].message", containsString("is not a field of this body; it takes businessOwner, criticality, dependsOn, description"));
        as(Roles.VIEWER).get("/api/catalog/services/unknown-field").then().statusCode(404);
    }

    @Test
    void openUnmappedIncidentsArePlacedWhenTheCatalogLearnsTheirCi() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String host = "lonely-" + suffix;
        io.siamhub.model.signal.Signal first = Feed.alert("fp-lonely-" + suffix, host);
        io.siamhub.model.signal.Signal resolvedFirst = Feed.alert("fp-gone-" + suffix, host);
        Feed.send(first);
        Feed.send(resolvedFirst);
        Incident open = awaitUnmapped(first.fingerprint());
        Incident gone = awaitUnmapped(resolvedFirst.fingerprint());
        assertThat(open.owner()).isEqualTo("service-desk");
        as(Roles.AGENT).post("/api/incidents/" + gone.id() + "/resolve").then().statusCode(200);

        as(Roles.ADMIN).body("{\"name\":\"Lonely cloud\"}").put("/api/catalog/providers/cloud-" + suffix).then().statusCode(200);
        as(Roles.ADMIN).body("{\"name\":\"Lonely\",\"criticality\":\"HIGH\"}").put("/api/catalog/services/svc-" + suffix).then().statusCode(200);
        as(Roles.ADMIN).body("{\"name\":\"lonely host\",\"type\":\"host\",\"service\":\"svc-" + suffix + "\",\"provider\":\"cloud-" + suffix
                + "\",\"match\":[{\"resourceId\":\"" + host + "\"}]}").put("/api/catalog/configuration-items/ci-" + suffix).then().statusCode(200);

        IncidentQueries.Detail placed = Api.detail(open.id());
        assertThat(placed.incident().unmapped()).isFalse();
        assertThat(placed.incident().configurationItem()).isEqualTo("ci-" + suffix);
        assertThat(placed.incident().service()).isEqualTo("svc-" + suffix);
        assertThat(placed.incident().owner()).isEqualTo("cloud-" + suffix);
        assertThat(placed.incident().impact()).isEqualTo(io.siamhub.model.Impact.HIGH);
        assertThat(placed.incident().priority()).isEqualTo(io.siamhub.model.Priority.P1);
        assertThat(placed.timeline()).anySatisfy(line -> {
            assertThat(line.actor().id()).isEqualTo("catalog.place-unmapped");
            assertThat(line.reason()).contains("fingerprint " + first.fingerprint(), "CI ci-" + suffix,
                    "configuration item ci-" + suffix + " was put by tester");
        });
        assertThat(Api.detail(gone.id()).incident().unmapped()).as("a resolved incident keeps its history").isTrue();

        // from now on the CI's signals correlate into it
        Feed.send(Feed.alert("fp-next-" + suffix, host));
        Api.awaitIncident("ci-" + suffix, incident -> incident.signals().fingerprints().size() == 2);

        String other = "other-" + suffix;
        io.siamhub.model.signal.Signal third = Feed.alert("fp-other-" + suffix, other);
        Feed.send(third);
        awaitUnmapped(third.fingerprint());
        yaml(Roles.ADMIN).body("""
                configurationItems:
                  - id: other-%1$s
                    name: other host
                    type: host
                    service: svc-%1$s
                    match:
                      - resourceId: %2$s
                """.formatted(suffix, other)).post("/api/catalog/import").then().statusCode(200).body("placedIncidents", equalTo(1));
        Api.awaitIncident("other-" + suffix, incident -> !incident.unmapped());
    }

    private static Incident awaitUnmapped(String fingerprint) {
        return org.awaitility.Awaitility.await().atMost(Api.WAIT).until(() -> Api.read(as(Roles.VIEWER).queryParam("unmapped", "true")
                .queryParam("limit", 500).get("/api/incidents"), IncidentQueries.Page.class).items().stream()
                .filter(incident -> incident.signals().fingerprints().contains(fingerprint)).findFirst(), java.util.Optional::isPresent).get();
    }

    @Test
    void readsNeedAViewerAndWritesAnAdmin() {
        for (String path : List.of("services", "configuration-items", "providers", "ownerships")) {
            given().get("/api/catalog/" + path).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(io.siamhub.localstack.DevJwt.forTests("nobody")).get("/api/catalog/" + path).then().statusCode(403);
            as(Roles.VIEWER).get("/api/catalog/" + path).then().statusCode(200);
            given().contentType(ContentType.JSON).body("{}").put("/api/catalog/" + path + "/x").then().statusCode(401);
            as(Roles.AGENT).body("{}").put("/api/catalog/" + path + "/x").then().statusCode(403);
            as(Roles.VIEWER).delete("/api/catalog/" + path + "/x").then().statusCode(403);
        }
        yaml().body("services: []").post("/api/catalog/import").then().statusCode(401);
        yaml(Roles.AGENT).body("services: []")
                .post("/api/catalog/import").then().statusCode(403);
    }

    /** A request sending YAML as text, with a token for these roles (none: no token). */
    private static io.restassured.specification.RequestSpecification yaml(String... roles) {
        var spec = given().config(io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().encodeContentTypeAs("application/yaml", ContentType.TEXT)))
                .contentType("application/yaml");
        return roles.length == 0 ? spec : spec.auth().oauth2(io.siamhub.localstack.DevJwt.forTests(roles));
    }
}
