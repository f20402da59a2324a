package io.siamhub.change;

import static io.restassured.RestAssured.given;
import static io.siamhub.change.Api.act;
import static io.siamhub.change.Api.agent;
import static io.siamhub.change.Api.create;
import static io.siamhub.change.Api.manager;
import static io.siamhub.change.Api.senior;
import static io.siamhub.change.Api.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.siamhub.change.api.ChangeQueries;
import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.security.Roles;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.change.ApprovalDecision;
import io.siamhub.model.change.ChangeEvent;
import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.Risk;

/** {@code /api/changes} against the real broker and database: lifecycle, CAB, ETags, paging, refusals, events. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ChangeApiTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    CatalogCopy catalog;

    private String items(Criticality criticality, String... names) {
        String suffix = Api.catalog(criticality, names);
        String last = names[names.length - 1] + "-" + suffix;
        await().atMost(Api.WAIT).until(() -> catalog.current().item(last) != null);
        return suffix;
    }

    private static Instant later(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
    }

    @Test
    void aNormalChangeGoesThroughItsLifecycleWithItsEventsOnTheTopic() {
        String s = items(Criticality.LOW, "host");
        String ci = "host-" + s;
        ChangeRequest draft = create("alice", "Patch host", later(3), HOUR, List.of(ci), Map.of("backoutPlan", "restore snapshot"));
        assertThat(draft.number()).matches("CHG\\d{7}");
        assertThat(draft.status()).isEqualTo(ChangeStatus.DRAFT);
        assertThat(draft.risk()).isEqualTo(Risk.LOW);
        assertThat(draft.riskReason()).contains("LOW (" + ci + ")");
        assertThat(draft.requiredApprovals()).isEqualTo(1);
        assertThat(draft.services()).isEmpty();
        assertThat(draft.requestedBy()).isEqualTo("alice");

        ChangeRequest submitted = act(agent("alice"), draft.id(), "submit");
        assertThat(submitted.status()).isEqualTo(ChangeStatus.SUBMITTED);
        assertThat(submitted.approvalRound()).isEqualTo(1);
        ChangeRequest approved = act(manager("bob").body("{\"comment\":\"fine\"}"), draft.id(), "approve");
        assertThat(approved.status()).isEqualTo(ChangeStatus.APPROVED);
        assertThat(approved.approvals()).singleElement().satisfies(approval -> {
            assertThat(approval.approver()).isEqualTo("bob");
            assertThat(approval.decision()).isEqualTo(ApprovalDecision.APPROVED);
            assertThat(approval.comment()).isEqualTo("fine");
        });
        act(manager("bob"), draft.id(), "schedule");
        ChangeRequest started = act(agent("alice"), draft.id(), "start");
        assertThat(started.actual().start()).isNotNull();
        ChangeRequest done = act(agent("alice").body("{\"reason\":\"all good\"}"), draft.id(), "complete");
        assertThat(done.status()).isEqualTo(ChangeStatus.COMPLETED);
        assertThat(done.actual().end()).isNotNull();
        assertThat(done.version()).isEqualTo(6);
        assertThat(done.timeline()).extracting(entry -> entry.what())
                .containsExactly("created", "submit", "approved", "schedule", "start", "complete");
        assertThat(done.timeline().get(5).reason()).isEqualTo("all good");

        List<ConsumerRecord<String, String>> records = KafkaTestClient.shared().readUntil(Topics.CHANGES,
                record -> draft.id().equals(record.key()) && header(record, CloudEventHeaders.TYPE).endsWith(".completed.v1"), Api.WAIT);
        List<String> types = records.stream().filter(record -> draft.id().equals(record.key()))
                .map(record -> header(record, CloudEventHeaders.TYPE)).toList();
        assertThat(types).containsExactly("io.siamhub.change.created.v1", "io.siamhub.change.submitted.v1", "io.siamhub.change.approved.v1",
                "io.siamhub.change.scheduled.v1", "io.siamhub.change.started.v1", "io.siamhub.change.completed.v1");
        ChangeEvent last = read(records.get(records.size() - 1));
        assertThat(last.kind()).isEqualTo(ChangeEventKind.COMPLETED);
        assertThat(last.change().version()).isEqualTo(6);
        assertThat(last.changes()).anySatisfy(change -> assertThat(change.field()).isEqualTo("status"));
        assertThat(header(records.get(records.size() - 1), CloudEventHeaders.SUBJECT)).isEqualTo(draft.number());
    }

    @Test
    void anIllegalTransitionIs409NamingTheAllowedOnes() {
        String s = items(Criticality.LOW, "host");
        ChangeRequest draft = create("alice", "x", later(4), HOUR, List.of("host-" + s), Map.of());
        agent("alice").post("/api/changes/" + draft.id() + "/start").then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("cannot start " + draft.number() + ": it is DRAFT; allowed now: submit, cancel"));
        act(agent("alice"), draft.id(), "cancel");
        manager("bob").post("/api/changes/" + draft.id() + "/approve").then().statusCode(409)
                .body("detail", containsString("CANCELLED is final"));
        agent("alice").post("/api/changes/" + draft.id() + "/explode").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void approvalsCountPerRiskNeedTheGroupForHighAndNobodyApprovesTheirOwn() {
        String s = items(Criticality.HIGH, "db");
        ChangeRequest change = create("carol", "Upgrade db", later(5), HOUR, List.of("db-" + s), Map.of());
        assertThat(change.risk()).isEqualTo(Risk.HIGH);
        assertThat(change.requiredApprovals()).isEqualTo(2);
        act(agent("carol"), change.id(), "submit");

        Response own = as("carol", Roles.CHANGE_MANAGER).post("/api/changes/" + change.id() + "/approve");
        own.then().statusCode(403).contentType("application/problem+json").body("type", containsString("self-approval"));
        agent("dave").post("/api/changes/" + change.id() + "/approve").then().statusCode(403);

        ChangeRequest one = act(manager("bob"), change.id(), "approve");
        assertThat(one.status()).isEqualTo(ChangeStatus.SUBMITTED);
        manager("bob").post("/api/changes/" + change.id() + "/approve").then().statusCode(409).body("detail", containsString("already decided"));
        ChangeRequest two = act(manager("erin"), change.id(), "approve");
        assertThat(two.status()).as("two approvals, none from cab-senior").isEqualTo(ChangeStatus.SUBMITTED);
        assertThat(two.timeline().get(two.timeline().size() - 1).what()).contains("one must come from cab-senior");
        ChangeRequest three = act(senior("frank"), change.id(), "approve");
        assertThat(three.status()).isEqualTo(ChangeStatus.APPROVED);
        assertThat(three.approvals()).extracting(approval -> approval.group()).containsExactly(null, null, "cab-senior");
    }

    @Test
    void aRejectionEndsTheRoundAndAResubmissionStartsTheNext() {
        String s = items(Criticality.MEDIUM, "app");
        ChangeRequest change = create("alice", "Deploy app", later(6), HOUR, List.of("app-" + s), Map.of());
        act(agent("alice"), change.id(), "submit");
        act(manager("bob"), change.id(), "approve");
        manager("erin").post("/api/changes/" + change.id() + "/reject").then().statusCode(400).body("errors.field", hasItem("comment"));
        ChangeRequest rejected = act(manager("erin").body("{\"comment\":\"no backout plan\"}"), change.id(), "reject");
        assertThat(rejected.status()).isEqualTo(ChangeStatus.REJECTED);
        ChangeRequest again = act(agent("alice"), change.id(), "submit");
        assertThat(again.approvalRound()).isEqualTo(2);
        ChangeRequest one = act(manager("bob"), change.id(), "approve");
        assertThat(one.status()).as("earlier rounds do not count").isEqualTo(ChangeStatus.SUBMITTED);
    }

    @Test
    void aStandardChangeIsPreApprovedAndAnEmergencyOneStartsBeforeApproval() {
        String s = items(Criticality.LOW, "host");
        ChangeRequest standard = create("alice", "Rotate certs", later(7), HOUR, List.of("host-" + s), Map.of("type", "STANDARD"));
        assertThat(act(agent("alice"), standard.id(), "submit").status()).isEqualTo(ChangeStatus.APPROVED);

        ChangeRequest emergency = create("alice", "Hotfix", later(7).plus(Duration.ofHours(3)), HOUR, List.of("host-" + s),
                Map.of("type", "EMERGENCY"));
        act(agent("alice"), emergency.id(), "submit");
        assertThat(act(agent("alice"), emergency.id(), "start").status()).isEqualTo(ChangeStatus.IN_PROGRESS);
        assertThat(emergency.risk()).as("LOW, EMERGENCY +1").isEqualTo(Risk.MEDIUM);
        ChangeRequest half = act(manager("bob").body("{\"comment\":\"retro CAB\"}"), emergency.id(), "approve");
        assertThat(half.timeline().get(half.timeline().size() - 1).what()).isEqualTo("approval recorded (1 of 2 approvals for MEDIUM risk)");
        ChangeRequest afterTheFact = act(manager("erin"), emergency.id(), "approve");
        assertThat(afterTheFact.status()).isEqualTo(ChangeStatus.IN_PROGRESS);
        assertThat(afterTheFact.timeline().get(afterTheFact.timeline().size() - 1).what()).isEqualTo("approved after the fact");
    }

    @Test
    void cancellingARunningChangeEndsItsActualWindow() {
        String s = items(Criticality.LOW, "host");
        ChangeRequest change = create("alice", "Failover drill", later(19), HOUR, List.of("host-" + s), Map.of("type", "EMERGENCY"));
        act(agent("alice"), change.id(), "submit");
        ChangeRequest running = act(agent("alice"), change.id(), "start");
        assertThat(running.actual().end()).isNull();

        ChangeRequest cancelled = act(agent("alice").body("{\"reason\":\"vendor pulled the fix\"}"), change.id(), "cancel");
        assertThat(cancelled.status()).isEqualTo(ChangeStatus.CANCELLED);
        assertThat(cancelled.actual().start()).isEqualTo(running.actual().start());
        assertThat(cancelled.actual().end()).as("it stopped when cancelled").isNotNull().isAfterOrEqualTo(running.actual().start());
        assertThat(cancelled.sequence()).isEqualTo(running.sequence() + 1);
        assertThat(cancelled.timeline().get(cancelled.timeline().size() - 1).reason()).isEqualTo("vendor pulled the fix");

        ChangeRequest notStarted = create("alice", "Never ran", later(19).plus(Duration.ofHours(3)), HOUR, List.of("host-" + s), Map.of());
        act(agent("alice"), notStarted.id(), "submit");
        assertThat(act(agent("alice"), notStarted.id(), "cancel").actual()).as("a change that never ran has no actual window").isNull();
    }

    @Test
    void aStaleIfMatchIs412AndEveryAnswerCarriesTheVersion() {
        String s = items(Criticality.LOW, "host");
        ChangeRequest change = create("alice", "Tune", later(8), HOUR, List.of("host-" + s), Map.of());
        viewer().get("/api/changes/" + change.id()).then().statusCode(200).header("ETag", "\"1\"");
        agent("alice").header("If-Match", "\"1\"").body("{\"title\":\"Tune kernel\"}").patch("/api/changes/" + change.id())
                .then().statusCode(200).header("ETag", "\"2\"").body("title", equalTo("Tune kernel"));
        agent("alice").header("If-Match", "\"1\"").body("{\"title\":\"again\"}").patch("/api/changes/" + change.id())
                .then().statusCode(412).contentType("application/problem+json").body("detail", containsString("version 2"));
        agent("alice").header("If-Match", "\"1\"").post("/api/changes/" + change.id() + "/submit").then().statusCode(412);
        assertThat(Api.get(change.id()).version()).isEqualTo(2);
    }

    @Test
    void aRescheduleRaisesTheSequenceAndAnOverrideSticks() {
        String s = items(Criticality.HIGH, "db");
        ChangeRequest change = create("alice", "Move", later(9), HOUR, List.of("db-" + s), Map.of());
        Instant moved = later(10);
        Response response = agent("alice").body("{\"window\":{\"start\":\"" + moved + "\",\"end\":\"" + moved.plus(HOUR) + "\"},"
                + "\"risk\":\"LOW\",\"riskReason\":\"read-only replica\",\"reason\":\"team away\"}").patch("/api/changes/" + change.id());
        response.then().statusCode(200);
        ChangeRequest rescheduled = Api.read(response, ChangeRequest.class);
        assertThat(rescheduled.sequence()).isEqualTo(1);
        assertThat(rescheduled.window().start()).isEqualTo(moved);
        assertThat(rescheduled.risk()).isEqualTo(Risk.LOW);
        assertThat(rescheduled.riskOverridden()).isTrue();
        assertThat(rescheduled.riskReason()).isEqualTo("read-only replica");
        assertThat(rescheduled.requiredApprovals()).isEqualTo(1);
        assertThat(rescheduled.timeline().get(1).what()).isEqualTo("rescheduled");
        agent("alice").body("{\"risk\":\"HIGH\"}").patch("/api/changes/" + change.id()).then().statusCode(400)
                .body("errors.field", hasItem("riskReason"));
        agent("mallory").body("{\"title\":\"mine now\"}").patch("/api/changes/" + change.id()).then().statusCode(403)
                .body("detail", containsString("only its requester (alice)"));
        manager("bob").body("{\"title\":\"managers may\"}").patch("/api/changes/" + change.id()).then().statusCode(200);
    }

    @Test
    void anApprovedChangeThatMovesOrChangesScopeGoesBackToTheCabInANewRound() {
        String s = items(Criticality.LOW, "host", "peer");
        ChangeRequest change = create("alice", "Patch", later(14), HOUR, List.of("host-" + s), Map.of());
        act(agent("alice"), change.id(), "submit");
        act(manager("bob"), change.id(), "approve");
        act(manager("bob"), change.id(), "schedule");
        ChangeRequest retitled = Api.read(agent("alice").body("{\"title\":\"Patch host\",\"backoutPlan\":\"snapshot\"}")
                .patch("/api/changes/" + change.id()), ChangeRequest.class);
        assertThat(retitled.status()).as("words are no new decision").isEqualTo(ChangeStatus.SCHEDULED);

        Instant moved = later(15);
        ChangeRequest again = Api.read(agent("alice").body("{\"window\":{\"start\":\"" + moved + "\",\"end\":\"" + moved.plus(HOUR)
                + "\"},\"reason\":\"vendor late\"}").patch("/api/changes/" + change.id()), ChangeRequest.class);
        assertThat(again.status()).isEqualTo(ChangeStatus.SUBMITTED);
        assertThat(again.approvalRound()).isEqualTo(2);
        assertThat(again.timeline().get(again.timeline().size() - 1).what()).isEqualTo("rescheduled; approval withdrawn, submitted again for round 2");
        List<ConsumerRecord<String, String>> records = KafkaTestClient.shared().readUntil(Topics.CHANGES, record -> change.id().equals(record.key())
                && header(record, CloudEventHeaders.TYPE).endsWith(".submitted.v1") && read(record).change().approvalRound() == 2, Api.WAIT);
        assertThat(records.stream().filter(record -> change.id().equals(record.key())).map(record -> header(record, CloudEventHeaders.TYPE))
                .toList()).endsWith("io.siamhub.change.scheduled.v1", "io.siamhub.change.updated.v1", "io.siamhub.change.updated.v1",
                        "io.siamhub.change.submitted.v1");
        ChangeRequest reapproved = act(manager("bob"), change.id(), "approve");
        assertThat(reapproved.status()).as("the new round counts afresh").isEqualTo(ChangeStatus.APPROVED);

        // half-way through a round, a new scope starts the round again
        ChangeRequest medium = create("alice", "Two CIs", later(16), HOUR, List.of("host-" + s), Map.of("risk", "MEDIUM", "riskReason", "shared"));
        act(agent("alice"), medium.id(), "submit");
        act(manager("bob"), medium.id(), "approve");
        ChangeRequest widened = Api.read(agent("alice").body("{\"configurationItems\":[\"host-" + s + "\",\"peer-" + s + "\"]}")
                .patch("/api/changes/" + medium.id()), ChangeRequest.class);
        assertThat(widened.approvalRound()).isEqualTo(2);
        assertThat(act(manager("erin"), medium.id(), "approve").status()).as("bob's approval was for one CI").isEqualTo(ChangeStatus.SUBMITTED);

        // a STANDARD change is pre-approved, and stays so when it moves
        ChangeRequest standard = create("alice", "Rotate", later(17), HOUR, List.of("peer-" + s), Map.of("type", "STANDARD"));
        act(agent("alice"), standard.id(), "submit");
        Instant next = later(18);
        assertThat(Api.read(agent("alice").body("{\"window\":{\"start\":\"" + next + "\",\"end\":\"" + next.plus(HOUR) + "\"}}")
                .patch("/api/changes/" + standard.id()), ChangeRequest.class).status()).isEqualTo(ChangeStatus.APPROVED);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        String s = items(Criticality.LOW, "host");
        Instant start = later(11);
        agent("alice").body(Api.rfc("x", start, HOUR, List.of("host-" + s, "no-such-ci"), Map.of())).post("/api/changes").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("configurationItems[1]"))
                .body("detail", containsString("no configuration item no-such-ci"));
        agent("alice").body(Api.rfc("x", start, HOUR, List.of(), Map.of("services", List.of("nope")))).post("/api/changes").then()
                .statusCode(400).body("errors.field", hasItem("services[0]"));
        agent("alice").body("{\"title\":\"x\",\"window\":{\"start\":\"" + start + "\",\"end\":\"" + start + "\"}}").post("/api/changes")
                .then().statusCode(400).body("errors.field", hasItem("window.end"));
        agent("alice").body("{\"title\":\"x\",\"window\":{\"start\":\"" + start + "\"}}").post("/api/changes").then().statusCode(400)
                .body("errors.field", hasItem("window.end"));
        agent("alice").body("{\"window\":{\"start\":\"" + start + "\",\"end\":\"" + start.plus(HOUR) + "\"}}").post("/api/changes").then()
                .statusCode(400).body("errors.field", hasItem("title"));
        agent("alice").body("{\"title\":\"x\",\"type\":\"URGENT\",\"window\":{\"start\":\"" + start + "\",\"end\":\"" + start.plus(HOUR)
                + "\"}}").post("/api/changes").then().statusCode(400).contentType("application/problem+json");
        agent("alice").body("{not json").post("/api/changes").then().statusCode(400).contentType("application/problem+json");
        viewer().get("/api/changes?status=WAITING").then().statusCode(400).body("errors.field", hasItem("status"));
        viewer().get("/api/changes?from=yesterday").then().statusCode(400).body("errors.field", hasItem("from"));
        viewer().get("/api/changes?cursor=garbage").then().statusCode(400);
        viewer().get("/api/changes/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        viewer().get("/api/changes/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void mistypedNamesAreRefusedWithTheNearestKnownOnes() {
        String s = items(Criticality.LOW, "host");
        Api.ownership("dba-" + s, "svc-" + s);
        await().atMost(Api.WAIT).until(() -> catalog.current().implementers().contains("dba-" + s));
        Instant start = later(14);
        // implementer: a provider or resolver group the catalog knows (issue 11)
        agent("alice").body(Api.rfc("x", start, HOUR, List.of("host-" + s), Map.of("implementer", "dba-" + s + "x"))).post("/api/changes")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("implementer"))
                .body("detail", containsString("the nearest: dba-" + s));
        assertThat(create("alice", "by the DBAs", start, HOUR, List.of("host-" + s), Map.of("implementer", "dba-" + s)).implementer())
                .isEqualTo("dba-" + s);
        ChangeRequest byAws = create("alice", "by AWS", start, HOUR, List.of("host-" + s), Map.of("implementer", "aws"));
        agent("alice").body("{\"implementer\":\"acmee\"}").patch("/api/changes/" + byAws.id()).then().statusCode(400)
                .body("errors.field", hasItem("implementer"));
        viewer().body("{\"configurationItems\":[\"host-" + s + "\"],\"implementer\":\"acmee\",\"window\":{\"start\":\"" + start
                + "\",\"end\":\"" + start.plus(HOUR) + "\"}}").post("/api/changes/check").then().statusCode(400)
                .body("errors.field", hasItem("implementer"));
        // unknown CIs and services name the nearest known ids, in bodies and in filters
        agent("alice").body(Api.rfc("x", start, HOUR, List.of("hots-" + s), Map.of())).post("/api/changes").then().statusCode(400)
                .body("detail", containsString("the nearest: host-" + s));
        viewer().queryParam("service", "svc-" + s + "x").get("/api/changes").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("service")).body("detail", containsString("the nearest: svc-" + s));
        viewer().queryParam("ci", "hots-" + s).get("/api/changes").then().statusCode(400).body("errors.field", hasItem("ci"))
                .body("detail", containsString("host-" + s));
        viewer().queryParam("service", "paymnets-" + s).get("/api/changes/calendar").then().statusCode(400).body("errors.field", hasItem("service"));
        viewer().queryParam("ci", "hots-" + s).get("/api/changes/calendar").then().statusCode(400).body("errors.field", hasItem("ci"));
        given().queryParam("token", DevJwt.forTests(Roles.VIEWER)).queryParam("service", "paymnets-" + s).get("/api/changes/calendar.ics")
                .then().statusCode(400).body("errors.field", hasItem("service"));
        viewer().queryParam("service", "svc-" + s).get("/api/changes/calendar").then().statusCode(200);
        // an RFC touches something: no services and no CIs is a 400 naming both, also when a PATCH would empty them
        agent("alice").body("{\"title\":\"x\",\"window\":{\"start\":\"" + start + "\",\"end\":\"" + start.plus(HOUR) + "\"}}")
                .post("/api/changes").then().statusCode(400).body("errors.field", hasItem("services")).body("errors.field", hasItem("configurationItems"));
        agent("alice").body("{\"configurationItems\":[]}").patch("/api/changes/" + byAws.id()).then().statusCode(400)
                .body("errors.field", hasItem("configurationItems"));
        // an incident is linked by its id; a number is refused with where to read the id
        agent("bob").body("{\"number\":\"INC0000001\",\"relation\":\"RELATED\",\"reason\":\"x\"}")
                .post("/api/changes/" + byAws.id() + "/incidents").then().statusCode(400).body("errors.field", hasItem("incidentId"))
                .body("detail", containsString("GET /api/incidents/INC0000001"));
        agent("bob").body("{\"incidentId\":\"INC0000001\",\"relation\":\"RELATED\"}").post("/api/changes/" + byAws.id() + "/incidents")
                .then().statusCode(400).body("errors.field", hasItem("incidentId")).body("detail", containsString("not an incident id"));
    }

    @Test
    void readsNeedAViewerWritesAnAgentAndApprovalsAChangeManager() {
        given().get("/api/changes").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not.a.jwt").get("/api/changes").then().statusCode(401);
        given().auth().oauth2(DevJwt.forTests("nobody")).get("/api/changes").then().statusCode(403).contentType("application/problem+json");
        viewer().body(Api.rfc("x", later(12), HOUR, List.of(), Map.of())).post("/api/changes").then().statusCode(403);
        String s = items(Criticality.LOW, "host");
        ChangeRequest change = create("alice", "x", later(12), HOUR, List.of("host-" + s), Map.of());
        act(agent("alice"), change.id(), "submit");
        agent("bob").post("/api/changes/" + change.id() + "/approve").then().statusCode(403);
        agent("alice").post("/api/changes/" + change.id() + "/hold").then().statusCode(403).body("detail", containsString("siam-change-manager"));
        Api.admin().body(Api.rfc("x", later(12), HOUR, List.of(), Map.of())).post("/api/changes").then().statusCode(403);
    }

    @Test
    void theListFiltersAndPagesWithACursor() {
        String s = items(Criticality.LOW, "a", "b");
        Instant start = later(20);
        for (int i = 0; i < 5; i++) {
            create("alice", "paged " + i, start.plus(Duration.ofHours(i * 2L)), HOUR, List.of((i % 2 == 0 ? "a-" : "b-") + s), Map.of());
        }
        ChangeQueries.Page first = Api.read(viewer().queryParam("ci", "a-" + s).queryParam("limit", 2).get("/api/changes"), ChangeQueries.Page.class);
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.items()).hasSize(2);
        assertThat(first.nextCursor()).isNotNull();
        ChangeQueries.Page second = Api.read(viewer().queryParam("ci", "a-" + s).queryParam("limit", 2).queryParam("cursor", first.nextCursor())
                .get("/api/changes"), ChangeQueries.Page.class);
        assertThat(second.items()).hasSize(1);
        assertThat(second.nextCursor()).isNull();
        assertThat(first.items().get(0).title()).isEqualTo("paged 4");
        ChangeQueries.Page window = Api.read(viewer().queryParam("ci", "b-" + s).queryParam("status", "DRAFT")
                .queryParam("from", start.plus(Duration.ofMinutes(150)).toString()).queryParam("to", start.plus(Duration.ofHours(4)).toString())
                .get("/api/changes"), ChangeQueries.Page.class);
        assertThat(window.items()).extracting(ChangeRequest::title).containsExactly("paged 1");
        assertThat(Api.read(viewer().queryParam("ci", "b-" + s).queryParam("origin", "PROVIDER_MAINTENANCE").get("/api/changes"),
                ChangeQueries.Page.class).total()).isZero();
        ChangeQueries.Page ofService = Api.read(viewer().queryParam("service", "svc-" + s).get("/api/changes"), ChangeQueries.Page.class);
        assertThat(ofService.total()).as("a change on a CI of the service is a change of the service").isEqualTo(5);
        viewer().queryParam("stauts", "DRAFT").get("/api/changes").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("unknown query parameter stauts")).body("detail", containsString("status"));
    }

    @Test
    void aChangeIsNamedByItsIdOrItsNumberAndAnUnknownActionSaysWhichExist() {
        String s = items(Criticality.LOW, "host");
        ChangeRequest change = create("alice", "Named", later(21), HOUR, List.of("host-" + s), Map.of());
        viewer().get("/api/changes/" + change.number()).then().statusCode(200).header("ETag", "\"1\"").body("id", equalTo(change.id()));
        viewer().get("/api/changes/" + change.number().toLowerCase()).then().statusCode(200).body("id", equalTo(change.id()));
        assertThat(act(agent("alice"), change.number(), "submit").status()).isEqualTo(ChangeStatus.SUBMITTED);
        viewer().get("/api/changes/" + change.number() + "/conflicts").then().statusCode(200);
        viewer().get("/api/changes/CHG9999999").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no change CHG9999999"));

        agent("alice").post("/api/changes/" + change.number() + "/approve-it").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no action approve-it on changes")).body("detail", containsString("back-out"));
        agent("alice").body("{\"comment\":\"x\"}").post("/api/changes/" + change.id() + "/cancel").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("comment"));
        assertThat(Api.get(change.id()).status()).as("nothing done").isEqualTo(ChangeStatus.SUBMITTED);
    }

    @Test
    void commentsEscalationsAndIncidentLinksGoOnTheTimeline() {
        String s = items(Criticality.LOW, "host");
        ChangeRequest change = create("alice", "x", later(13), HOUR, List.of("host-" + s), Map.of());
        agent("bob").body("{\"text\":\"looks risky\"}").post("/api/changes/" + change.id() + "/comments").then().statusCode(200);
        agent("bob").body("{\"reason\":\"vendor unreachable\"}").post("/api/changes/" + change.id() + "/escalate").then().statusCode(200)
                .body("escalated", equalTo(true));
        ChangeRequest linked = Api.read(agent("bob").body("{\"incidentId\":\"6a1f3a52-51f4-4d43-8f7e-2a1c5a0c9d21\",\"number\":\"INC0000042\","
                + "\"relation\":\"CAUSED\",\"reason\":\"post-incident review\"}").post("/api/changes/" + change.id() + "/incidents"), ChangeRequest.class);
        assertThat(linked.relatedIncidents()).singleElement().satisfies(link -> assertThat(link.number()).isEqualTo("INC0000042"));
        assertThat(linked.timeline()).extracting(entry -> entry.what()).containsExactly("created", "commented", "escalated",
                "incident linked (CAUSED)");
        List<ConsumerRecord<String, String>> records = KafkaTestClient.shared().readUntil(Topics.CHANGES,
                record -> change.id().equals(record.key()) && header(record, CloudEventHeaders.TYPE).endsWith(".incident-linked.v1"), Api.WAIT);
        assertThat(records).isNotEmpty();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        return CloudEventHeaders.get(record.headers(), name);
    }

    static ChangeEvent read(ConsumerRecord<String, String> record) {
        try {
            return SiamJson.mapper().readValue(record.value(), ChangeEvent.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static io.restassured.specification.RequestSpecification as(String user, String... roles) {
        return Api.as(user, roles);
    }
}
