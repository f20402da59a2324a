package io.siamhub.kit.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.security.Roles;
import io.siamhub.localstack.DevJwt;
import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;

/**
 * The service-kit mechanisms, proven inside a real service against the real broker and database.
 * Every service runs it:
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;QuarkusTestResource(LocalStackResource.class)
 * class ServiceKitContractTest extends ServiceKitContract {
 * }
 * </pre>
 */
public abstract class ServiceKitContract {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBE_PATH = "/api/kit-probe";

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void aRecordConsumedTwiceHasOneEffect() {
        String probe = UUID.randomUUID().toString();
        String repeated = UUID.randomUUID().toString();

        kafka.sendEvent(KitProbeConsumer.TOPIC, probe, repeated, "io.siamhub.kit-probe.applied.v1", "{\"value\":\"first\"}");
        kafka.sendEvent(KitProbeConsumer.TOPIC, probe, repeated, "io.siamhub.kit-probe.applied.v1", "{\"value\":\"first\"}");
        kafka.sendEvent(KitProbeConsumer.TOPIC, probe, "io.siamhub.kit-probe.applied.v1", "{\"value\":\"last\"}");

        // same key, same partition: once "last" is applied, both copies of the first event were handled
        await().atMost(WAIT).until(() -> "last".equals(probeValue(probe)));
        as(Roles.VIEWER).get(PROBE_PATH + "/" + probe).then().statusCode(200).body("applied", equalTo(2));
    }

    @Test
    void aStateChangeAndItsOutboxEventCommitTogether() throws Exception {
        String probe = UUID.randomUUID().toString();

        as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("id", probe, "value", "written"))
                .post(PROBE_PATH).then().statusCode(201).body("value", equalTo("written"));

        List<ConsumerRecord<String, String>> records = kafka.readUntil(KitProbeResource.EVENTS_TOPIC,
                record -> probe.equals(record.key()), WAIT);
        ConsumerRecord<String, String> event = records.get(records.size() - 1);
        String outboxId = await().atMost(WAIT).until(() -> sentOutboxRow(probe), id -> id != null);

        assertThat(header(event, CloudEventHeaders.ID)).isEqualTo(outboxId);
        assertThat(header(event, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(event, CloudEventHeaders.TYPE)).isEqualTo(KitProbeResource.EVENT_TYPE);
        assertThat(header(event, CloudEventHeaders.SOURCE)).isEqualTo("/siam-hub/" + serviceName());
        assertThat(header(event, CloudEventHeaders.SUBJECT)).isEqualTo(probe);
        assertThat(header(event, CloudEventHeaders.TIME)).isNotBlank();
        assertThat(header(event, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(SiamJson.mapper().readTree(event.value()).get("value").asText()).isEqualTo("written");
    }

    @Test
    void anEventAlreadyOnKafkaIsNotPublishedAgainAfterACrash() {
        String probe = UUID.randomUUID().toString();
        as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("id", probe, "value", "once"))
                .post(PROBE_PATH).then().statusCode(201);
        await().atMost(WAIT).until(() -> sentOutboxRow(probe), id -> id != null);

        // the relay "crashed" after the broker acknowledged, before it marked the row sent
        as(Roles.ADMIN).post(PROBE_PATH + "/" + probe + "/outbox/unconfirm").then().statusCode(204);
        await().atMost(WAIT).until(() -> sentOutboxRow(probe), id -> id != null);
        // a later event of the same aggregate: once it is read, anything sent again before it is too
        as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("id", probe, "value", "after"))
                .post(PROBE_PATH).then().statusCode(201);

        List<ConsumerRecord<String, String>> records = kafka.readUntil(KitProbeResource.EVENTS_TOPIC,
                record -> probe.equals(record.key()) && record.value().contains("\"after\""), WAIT);
        assertThat(records).filteredOn(record -> probe.equals(record.key())).extracting(ConsumerRecord::value)
                .as("each event published once").hasSize(2);
        given().get("/q/metrics").then().body(containsString("siam_outbox_reconciled_total"));
    }

    @Test
    void aRelayTakingTheLockOverFromAnotherInstanceDoesNotPublishItsSentRowsAgain() {
        String probe = UUID.randomUUID().toString();
        as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("id", probe, "value", "once"))
                .post(PROBE_PATH).then().statusCode(201);
        await().atMost(WAIT).until(() -> sentOutboxRow(probe), id -> id != null);

        // another instance's relay held the lock, sent the row and was killed before it marked it sent
        as(Roles.ADMIN).post(PROBE_PATH + "/" + probe + "/outbox/unconfirm-as-another-instance").then().statusCode(204);
        await().atMost(WAIT).until(() -> sentOutboxRow(probe), id -> id != null);
        as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("id", probe, "value", "after"))
                .post(PROBE_PATH).then().statusCode(201);

        List<ConsumerRecord<String, String>> records = kafka.readUntil(KitProbeResource.EVENTS_TOPIC,
                record -> probe.equals(record.key()) && record.value().contains("\"after\""), WAIT);
        assertThat(records).filteredOn(record -> probe.equals(record.key())).extracting(ConsumerRecord::value)
                .as("each event published once").hasSize(2);
    }

    @Test
    void aTextPostgreSqlCannotStoreIsA400NotA500() {
        String probe = UUID.randomUUID().toString();
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"id\":\"" + probe + "\",\"value\":\"before\\u0000after\"}")
                .post(PROBE_PATH).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("\\u0000"));
        as(Roles.VIEWER).get(PROBE_PATH + "/" + probe).then().statusCode(404);
    }

    @Test
    void neitherCommitsWhenTheTransactionFails() {
        String failed = UUID.randomUUID().toString();
        String later = UUID.randomUUID().toString();

        as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("id", failed, "value", "doomed", "failAfterOutbox", true))
                .post(PROBE_PATH).then().statusCode(409).contentType("application/problem+json");
        as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("id", later, "value", "fine"))
                .post(PROBE_PATH).then().statusCode(201);

        as(Roles.VIEWER).get(PROBE_PATH + "/" + failed).then().statusCode(404);
        as(Roles.VIEWER).get(PROBE_PATH + "/" + failed + "/outbox").then().statusCode(200).body("size()", equalTo(0));
        List<ConsumerRecord<String, String>> records = kafka.readUntil(KitProbeResource.EVENTS_TOPIC,
                record -> later.equals(record.key()), WAIT);
        assertThat(records).noneMatch(record -> failed.equals(record.key()));
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheNextRecordIsProcessed() {
        String probe = UUID.randomUUID().toString();
        String dlq = Topics.deadLetter(KitProbeConsumer.TOPIC, serviceName());

        kafka.send(KitProbeConsumer.TOPIC, probe, "no CloudEvent headers at all", Map.of());
        kafka.sendEvent(KitProbeConsumer.TOPIC, probe, "io.siamhub.kit-probe.applied.v1", "{not json");
        kafka.sendEvent(KitProbeConsumer.TOPIC, probe, "io.siamhub.kit-probe.applied.v1", "{\"value\":\"after poison\"}");

        await().atMost(WAIT).until(() -> "after poison".equals(probeValue(probe)));
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(dlq,
                record -> probe.equals(record.key()) && "{not json".equals(record.value()), WAIT);
        assertThat(dead).filteredOn(record -> probe.equals(record.key()))
                .extracting(record -> header(record, "dead-letter-reason"))
                .anySatisfy(reason -> assertThat(reason).contains("not a CloudEvent"))
                .anySatisfy(reason -> assertThat(reason).contains("not a valid ProbeApplied"));
        as(Roles.VIEWER).get(PROBE_PATH + "/" + probe).then().body("applied", equalTo(1));
    }

    @Test
    void anApiCallWithoutATokenIs401ProblemJson() {
        given().get(PROBE_PATH + "/any").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("type", equalTo("https://siamhub.io/problems/unauthorized"));
    }

    @Test
    void anApiCallWithAForgedTokenIs401ProblemJson() {
        Path otherKey = DevJwt.writeKeyPair(Path.of("target", "forged-" + UUID.randomUUID())).resolveSibling("private.pem");
        String forged = DevJwt.token(otherKey, "mallory", List.of(Roles.ADMIN), Duration.ofMinutes(5));

        given().auth().oauth2(forged).get(PROBE_PATH + "/any").then()
                .statusCode(401)
                .contentType("application/problem+json");
        deleteQuietly(otherKey.getParent());
    }

    @Test
    void anApiCallWithTheWrongRoleIs403ProblemJsonNamingTheRoleNeeded() {
        as(Roles.VIEWER).contentType(ContentType.JSON).body(Map.of("id", "x", "value", "y"))
                .post(PROBE_PATH).then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("detail", containsString("needs the role siam-admin"))
                .body("detail", containsString("the token has only siam-viewer"));
        given().auth().oauth2(DevJwt.forTests("some-other-group")).get(PROBE_PATH + "/any").then()
                .statusCode(403)
                .body("detail", containsString("needs the role siam-viewer"))
                .body("detail", containsString("siam-agent, siam-change-manager and siam-admin include it"));
    }

    @Test
    void a401SaysWhetherTheTokenIsMissingOrRefused() {
        given().get(PROBE_PATH + "/any").then().statusCode(401)
                .body("detail", containsString("send Authorization: Bearer <JWT>"));
        given().header("Authorization", "Bearer not-a-jwt").get(PROBE_PATH + "/any").then().statusCode(401)
                .body("detail", containsString("expired, malformed, or not signed"));
        given().auth().preemptive().basic("user", "password").get(PROBE_PATH + "/any").then().statusCode(401)
                .body("detail", containsString("must be Bearer <JWT>, not Basic"));
    }

    @Test
    void anActionSentWithoutBodyOrContentTypeRuns() {
        HttpResponse<String> answer = raw("POST", PROBE_PATH + "/p-1/touch", null, null, Roles.AGENT);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"id\":\"p-1\"");
        as(Roles.AGENT).contentType(ContentType.JSON).body(Map.of("reason", "checked")).post(PROBE_PATH + "/p-1/touch").then()
                .statusCode(200).body("reason", equalTo("checked"));
    }

    @Test
    void aRequiredBodyThatIsMissingIs400SayingSo() {
        HttpResponse<String> answer = raw("POST", PROBE_PATH, null, null, Roles.ADMIN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"field\":\"(body)\"", "a JSON body is required");
    }

    @Test
    void jsonSentAsCurlsDefaultFormContentTypeIs415NamingTheTypeToUse() {
        HttpResponse<String> answer = raw("POST", PROBE_PATH + "/p-1/touch", "application/x-www-form-urlencoded",
                "{\"reason\":\"x\"}", Roles.AGENT);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(415);
        assertThat(answer.body()).contains("it takes application/json", "Content-Type: application/json", "curl -d");
        as(Roles.ADMIN).contentType("application/xml").body("<probe/>").post(PROBE_PATH).then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("Content-Type application/xml is not accepted by POST /api/kit-probe; it takes application/json"));
    }

    @Test
    void anUnknownFieldIs400NamingItAndTheFieldsTheBodyTakes() {
        as(Roles.AGENT).contentType(ContentType.JSON).body("{\"comment\": \"x\"}").post(PROBE_PATH + "/p-1/touch").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("comment"))
                .body("errors[0].message", equalTo("is not a field of this body; it takes reason"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"id\": \"x\", \"value\": \"y\", \"value\": \"z\"}").post(PROBE_PATH)
                .then().statusCode(400).body("detail", containsString("the field \"value\" appears twice"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"id\": \"x\", \"value\": \"y\"} {}").post(PROBE_PATH)
                .then().statusCode(400).body("detail", containsString("more after the end of the JSON document"));
    }

    @Test
    void anUnknownQueryParameterIs400NamingItAndTheOnesTheOperationTakes() {
        as(Roles.VIEWER).queryParam("valeu", "x").get(PROBE_PATH).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("unknown query parameter valeu on GET /api/kit-probe; it takes limit, value"))
                .body("errors[0].field", equalTo("valeu"));
        as(Roles.VIEWER).queryParam("value", "x").get(PROBE_PATH).then().statusCode(200);
    }

    @Test
    void aQueryParameterOutOfRangeOrOfTheWrongTypeIs400NamingIt() {
        as(Roles.VIEWER).queryParam("limit", "0").get(PROBE_PATH).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"))
                .body("detail", containsString("limit: must be greater than or equal to 1"));
        as(Roles.VIEWER).queryParam("limit", "abc").get(PROBE_PATH).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"))
                .body("detail", equalTo("limit: abc is not a whole number"));
        as(Roles.VIEWER).queryParam("limit", "2").get(PROBE_PATH).then().statusCode(200);
    }

    @Test
    void aWrongMethodAcceptOrPathSaysWhatExists() {
        as(Roles.ADMIN).delete(PROBE_PATH).then().statusCode(405).contentType("application/problem+json")
                .body("detail", containsString("it takes GET, POST"));
        as(Roles.VIEWER).accept("text/csv").get(PROBE_PATH).then().statusCode(406).contentType("application/problem+json")
                .body("detail", containsString("it answers in application/json"));
        as(Roles.VIEWER).get(PROBE_PATH + "/any/no/such").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no endpoint at GET /api/kit-probe/any/no/such; the nearest are"))
                .body("detail", containsString("GET /api/kit-probe/{id}"));
    }

    @Test
    void theOpenApiDocumentGivesEveryOperationItsProblemsAndRoles() {
        Map<String, Object> document = given().get("/q/openapi?format=json").then().statusCode(200).extract().path("$");
        assertThat(document).extractingByKey("components").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .extractingByKey("schemas").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("Problem", "FieldError");
        Map<String, Object> touch = given().get("/q/openapi?format=json").then().extract()
                .path("paths.'/api/kit-probe/{id}/touch'.post");
        assertThat(touch.get("description").toString()).contains("Needs the role `siam-agent`");
        for (String status : List.of("400", "401", "403", "404", "406", "415", "503")) {
            String ref = given().get("/q/openapi?format=json").then().extract()
                    .path("paths.'/api/kit-probe/{id}/touch'.post.responses.'" + status + "'.content.'application/problem+json'.schema.$ref");
            assertThat(ref).as("problem schema of %s", status).isEqualTo("#/components/schemas/Problem");
        }
    }

    @Test
    void everyHigherRoleMayRead() {
        for (String role : List.of(Roles.AGENT, Roles.CHANGE_MANAGER, Roles.ADMIN)) {
            as(role).get(PROBE_PATH + "/missing").then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void anInvalidBodyIs400WithTheFieldsAtFault() {
        as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("id", "", "value", "x".repeat(65)))
                .post(PROBE_PATH).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://siamhub.io/problems/validation"))
                .body("errors.field", hasItem("id"))
                .body("errors.field", hasItem("value"));
    }

    @Test
    void malformedJsonIs400NamingThePositionAndWhatWasExpected() {
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"id\": \"x\", \"value\": ")
                .post(PROBE_PATH).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("line 1"));
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"id\": \"x\",}")
                .post(PROBE_PATH).then()
                .statusCode(400)
                .body("type", equalTo("https://siamhub.io/problems/malformed-json"))
                .body("detail", equalTo("the body is not valid JSON: line 1, column 12: found `}` where a field name in double quotes was expected"));
    }

    @Test
    void aWronglyTypedFieldIs400ProblemJsonNamingTheField() {
        as(Roles.ADMIN).contentType(ContentType.JSON).body("{\"id\": \"x\", \"value\": \"y\", \"failAfterOutbox\": \"maybe\"}")
                .post(PROBE_PATH).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("failAfterOutbox"));
    }

    @Test
    void anUnknownPathIs404ProblemJson() {
        given().get("/no/such/path").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("siam_outbox_published_total"));
    }

    /** A request exactly as given: no content type or body unless named (rest-assured adds its own). */
    protected static HttpResponse<String> raw(String method, String path, String contentType, String body, String role) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(io.restassured.RestAssured.baseURI + ":"
                + io.restassured.RestAssured.port + path))
                .header("Authorization", "Bearer " + DevJwt.forTests(role))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static RequestSpecification as(String role) {
        return given().auth().oauth2(DevJwt.forTests(role));
    }

    protected static String serviceName() {
        return ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
    }

    private static String probeValue(String probe) {
        return as(Roles.VIEWER).get(PROBE_PATH + "/" + probe).then().extract().path("value");
    }

    private static String sentOutboxRow(String probe) {
        List<Map<String, Object>> rows = as(Roles.VIEWER).get(PROBE_PATH + "/" + probe + "/outbox").then()
                .statusCode(200).extract().path("$");
        return rows.size() == 1 && Boolean.TRUE.equals(rows.get(0).get("sent")) ? (String) rows.get(0).get("id") : null;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return CloudEventHeaders.get(record.headers(), name);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (Exception ignored) {
            // target/ is cleaned by the build anyway
        }
    }
}
