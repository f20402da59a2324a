package io.siamhub.change;

import static io.restassured.RestAssured.given;
import static io.siamhub.change.Api.act;
import static io.siamhub.change.Api.admin;
import static io.siamhub.change.Api.agent;
import static io.siamhub.change.Api.create;
import static io.siamhub.change.Api.manager;
import static io.siamhub.change.Api.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.siamhub.change.api.CalendarResource;
import io.siamhub.change.api.ChangeChecks;
import io.siamhub.change.calendar.CalendarWindow;
import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.security.Roles;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.Topics;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ConflictKind;

/** Freeze windows, lockdowns, maintenance windows, the check, the calendar and reports, against the real stack. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class CalendarRulesTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    CatalogCopy catalog;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String items(Criticality criticality, String... names) {
        String suffix = Api.catalog(criticality, names);
        String last = names[names.length - 1] + "-" + suffix;
        await().atMost(Api.WAIT).until(() -> catalog.current().item(last) != null);
        return suffix;
    }

    private static Instant day(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.DAYS);
    }

    private static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static CalendarWindow freeze(String body) {
        Response response = admin().body(body).post("/api/freeze-windows");
        response.then().statusCode(201);
        return Api.read(response, CalendarWindow.class);
    }

    @Test
    void aHardFreezeBlocksApprovalUnlessAnEmergencyChangeHasAnApprovedException() {
        String s = items(Criticality.LOW, "host");
        Instant start = day(40).plus(Duration.ofHours(10));
        CalendarWindow hard = freeze("{\"name\":\"Audit freeze " + s + "\",\"timeZone\":\"UTC\",\"start\":\"" + local(start.minus(HOUR))
                + "\",\"end\":\"" + local(start.plus(Duration.ofHours(5))) + "\",\"hard\":true,\"scope\":{\"configurationItems\":[\"host-" + s + "\"]}}");
        ChangeRequest normal = create("alice", "Patch", start, HOUR, List.of("host-" + s), Map.of());
        assertThat(normal.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo(ConflictKind.FREEZE_WINDOW);
            assertThat(conflict.with()).isEqualTo(hard.id());
            assertThat(conflict.blocking()).isTrue();
        });
        act(agent("alice"), normal.id(), "submit");
        manager("bob").post("/api/changes/" + normal.id() + "/approve").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("Audit freeze " + s));

        ChangeRequest emergency = create("alice", "Hotfix", start, HOUR, List.of("host-" + s), Map.of("type", "EMERGENCY"));
        act(agent("alice"), emergency.id(), "submit");
        manager("bob").post("/api/changes/" + emergency.id() + "/approve").then().statusCode(409).body("detail", containsString("freeze-exception"));
        manager("bob").body("{\"reason\":\"card network mandate\"}").post("/api/changes/" + normal.id() + "/freeze-exception").then()
                .statusCode(409).body("detail", containsString("only EMERGENCY"));
        manager("alice").body("{\"reason\":\"mine\"}").post("/api/changes/" + emergency.id() + "/freeze-exception").then().statusCode(403);
        manager("bob").body("{\"reason\":\"card network mandate\"}").post("/api/changes/" + emergency.id() + "/freeze-exception").then()
                .statusCode(200).body("freezeException.approvedBy", equalTo("bob"));
        act(manager("bob"), emergency.id(), "approve");
        // LOW, EMERGENCY +1, inside a hard freeze: HIGH, so two approvals, one from cab-senior
        ChangeRequest approved = act(Api.senior("frank"), emergency.id(), "approve");
        assertThat(approved.status()).isEqualTo(ChangeStatus.APPROVED);

        CalendarWindow soft = freeze("{\"name\":\"Soft " + s + "\",\"timeZone\":\"UTC\",\"start\":\"" + local(start.plus(Duration.ofDays(1)))
                + "\",\"end\":\"" + local(start.plus(Duration.ofDays(2))) + "\",\"hard\":false,\"scope\":{\"configurationItems\":[\"host-" + s + "\"]}}");
        ChangeRequest warned = create("alice", "Later", start.plus(Duration.ofDays(1)), HOUR, List.of("host-" + s), Map.of());
        assertThat(warned.conflicts()).singleElement().satisfies(conflict -> assertThat(conflict.blocking()).isFalse());
        act(agent("alice"), warned.id(), "submit");
        act(manager("bob"), warned.id(), "approve");
        // LOW +1 for the (non-blocking) conflict: MEDIUM, two approvals
        assertThat(act(manager("erin"), warned.id(), "approve").status()).as("a soft freeze only warns").isEqualTo(ChangeStatus.APPROVED);
        assertThat(soft.hard()).isFalse();
    }

    @Test
    void thereIsNoWayAroundAHardFreezeThroughPreApprovalOrAReschedule() {
        String s = items(Criticality.LOW, "host");
        Instant start = day(42).plus(Duration.ofHours(10));
        freeze("{\"name\":\"Audit freeze " + s + "\",\"timeZone\":\"UTC\",\"start\":\"" + local(start) + "\",\"end\":\""
                + local(start.plus(Duration.ofHours(5))) + "\",\"hard\":true,\"scope\":{\"configurationItems\":[\"host-" + s + "\"]}}");
        String inside = "{\"window\":{\"start\":\"" + start.plus(HOUR) + "\",\"end\":\"" + start.plus(Duration.ofHours(2)) + "\"}}";

        ChangeRequest standard = create("alice", "Rotate certs", start.plus(HOUR), HOUR, List.of("host-" + s), Map.of("type", "STANDARD"));
        agent("alice").post("/api/changes/" + standard.id() + "/submit").then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("frozen")).body("detail", containsString("cannot pre-approve " + standard.number()))
                .body("detail", containsString("Audit freeze " + s));
        assertThat(Api.get(standard.id()).status()).isEqualTo(ChangeStatus.DRAFT);

        ChangeRequest approvedStandard = create("alice", "Rotate keys", start.minus(Duration.ofHours(3)), HOUR, List.of("host-" + s),
                Map.of("type", "STANDARD"));
        act(agent("alice"), approvedStandard.id(), "submit");
        agent("alice").body(inside).patch("/api/changes/" + approvedStandard.id()).then().statusCode(409)
                .body("detail", containsString("cannot keep the approval of " + approvedStandard.number()));
        assertThat(Api.get(approvedStandard.id()).window().start()).as("nothing stored").isEqualTo(start.minus(Duration.ofHours(3)));

        ChangeRequest normal = create("alice", "Patch", start.minus(Duration.ofHours(6)), HOUR, List.of("host-" + s), Map.of());
        act(agent("alice"), normal.id(), "submit");
        assertThat(act(manager("bob"), normal.id(), "approve").status()).isEqualTo(ChangeStatus.APPROVED);
        ChangeRequest moved = Api.read(agent("alice").body(inside).patch("/api/changes/" + normal.id()), ChangeRequest.class);
        assertThat(moved.status()).isEqualTo(ChangeStatus.SUBMITTED);
        manager("bob").post("/api/changes/" + normal.id() + "/approve").then().statusCode(409).body("type", containsString("frozen"));
    }

    @Test
    void aFreezeCreatedAfterApprovalStillFindsTheChangeAndPublishesTheConflict() {
        String s = items(Criticality.LOW, "host");
        Instant start = day(45).plus(Duration.ofHours(9));
        ChangeRequest change = create("alice", "Approved first", start, HOUR, List.of("host-" + s), Map.of());
        act(agent("alice"), change.id(), "submit");
        act(manager("bob"), change.id(), "approve");
        assertThat(Api.get(change.id()).conflicts()).isEmpty();

        // month-end style: a recurring rule in Berlin whose occurrence covers the change
        CalendarWindow recurring = freeze("{\"name\":\"Daily freeze " + s + "\",\"timeZone\":\"Europe/Berlin\",\"rrule\":\"FREQ=DAILY\","
                + "\"startTime\":\"00:00\",\"duration\":\"PT23H\",\"startDate\":\"" + LocalDateTime.ofInstant(start, ZoneOffset.UTC).toLocalDate()
                + "\",\"scope\":{\"services\":[\"svc-" + s + "\"]}}");

        ChangeRequest found = Api.get(change.id());
        assertThat(found.conflicts()).extracting(conflict -> conflict.with()).containsExactly(recurring.id());
        assertThat(found.status()).isEqualTo(ChangeStatus.APPROVED);
        List<ConsumerRecord<String, String>> records = KafkaTestClient.shared().readUntil(Topics.CHANGES, record -> change.id().equals(record.key())
                && CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE).equals("io.siamhub.change.conflict-detected.v1"), Api.WAIT);
        assertThat(ChangeApiTest.read(records.get(records.size() - 1)).change().conflicts()).hasSize(1);

        admin().delete("/api/freeze-windows/" + recurring.id()).then().statusCode(204);
        assertThat(Api.get(change.id()).conflicts()).as("gone with the freeze").isEmpty();
        admin().delete("/api/freeze-windows/" + recurring.id()).then().statusCode(404);
    }

    @Test
    void aRecurringMonthEndFreezeInBerlinFindsChangesAt18LocalAcrossBothDstChanges() {
        String s = items(Criticality.LOW, "ledger");
        String ci = "ledger-" + s;
        CalendarWindow monthEnd = freeze("{\"name\":\"Month-end close " + s + "\",\"timeZone\":\"Europe/Berlin\","
                + "\"rrule\":\"FREQ=MONTHLY;BYMONTHDAY=-1\",\"startTime\":\"18:00\",\"duration\":\"PT12H\",\"startDate\":\"2027-01-01\","
                + "\"hard\":true,\"scope\":{\"services\":[\"svc-" + s + "\"]}}");
        // 2027-02-28: CET, 18:00 local = 17:00Z. 2027-03-31: after the spring change (28 March), CEST, 18:00 = 16:00Z.
        // 2027-10-31: the day of the autumn change itself (03:00 CEST -> 02:00 CET), so 18:00 is CET again = 17:00Z.
        Map<String, Instant> occurrences = Map.of("2027-02-28", Instant.parse("2027-02-28T17:00:00Z"), "2027-03-31",
                Instant.parse("2027-03-31T16:00:00Z"), "2027-10-31", Instant.parse("2027-10-31T17:00:00Z"));
        occurrences.forEach((day, freezeStart) -> {
            ChangeRequest touching = create("alice", "Before the close " + day, freezeStart.minus(HOUR), HOUR, List.of(ci), Map.of());
            assertThat(touching.conflicts()).as("ends at 18:00 Berlin on %s, as the freeze starts", day).isEmpty();
            ChangeRequest inside = create("alice", "At the close " + day, freezeStart, HOUR, List.of(ci), Map.of());
            assertThat(inside.conflicts()).as("starts at 18:00 Berlin on %s", day).singleElement().satisfies(conflict -> {
                assertThat(conflict.kind()).isEqualTo(ConflictKind.FREEZE_WINDOW);
                assertThat(conflict.with()).isEqualTo(monthEnd.id());
                assertThat(conflict.blocking()).isTrue();
                assertThat(conflict.window()).isEqualTo(new io.siamhub.model.TimeWindow(freezeStart, freezeStart.plus(Duration.ofHours(12))));
            });
            ChangeRequest lastHour = create("alice", "End of the close " + day, freezeStart.plus(Duration.ofHours(11)), HOUR, List.of(ci), Map.of());
            assertThat(lastHour.conflicts()).as("the freeze's last hour on %s", day).hasSize(1);
            ChangeRequest after = create("alice", "After the close " + day, freezeStart.plus(Duration.ofHours(12)), HOUR, List.of(ci), Map.of());
            assertThat(after.conflicts()).as("starts as the twelve hours end on %s", day).isEmpty();
        });
    }

    @Test
    void closedChangesAreNoCandidatesAndTheirConflictsLeaveTheOthers() {
        String s = items(Criticality.LOW, "host");
        String ci = "host-" + s;
        Instant start = day(50).plus(Duration.ofHours(14));
        ChangeRequest first = create("alice", "First", start, HOUR, List.of(ci), Map.of());
        act(agent("alice"), first.id(), "submit");
        ChangeRequest cancelled = create("alice", "Cancelled", start, HOUR, List.of(ci), Map.of());
        act(agent("alice"), cancelled.id(), "submit");
        ChangeRequest rejected = create("alice", "Rejected", start, HOUR, List.of(ci), Map.of());
        act(agent("alice"), rejected.id(), "submit");
        ChangeRequest draft = create("alice", "Still a draft", start, HOUR, List.of(ci), Map.of());
        assertThat(Api.get(first.id()).conflicts()).as("a draft is not on the calendar yet")
                .extracting(conflict -> conflict.with()).containsExactlyInAnyOrder(cancelled.id(), rejected.id());
        assertThat(draft.conflicts()).as("but its own conflicts are shown").hasSize(3);

        act(agent("alice"), cancelled.id(), "cancel");
        act(manager("bob").body("{\"comment\":\"not now\"}"), rejected.id(), "reject");
        assertThat(Api.get(first.id()).conflicts()).isEmpty();
        assertThat(Api.get(cancelled.id()).conflicts()).isEmpty();
        ChangeRequest later = create("alice", "Later", start, HOUR, List.of(ci), Map.of());
        assertThat(later.conflicts()).extracting(conflict -> conflict.with()).containsExactly(first.id());
    }

    @Test
    void aLockdownHoldsTheChangesInsideItAndReleasesThemWhenCancelledOrEnded() {
        String s = items(Criticality.LOW, "host", "other");
        Instant soon = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        ChangeRequest approved = create("alice", "Inside", soon, HOUR, List.of("host-" + s), Map.of());
        act(agent("alice"), approved.id(), "submit");
        act(manager("bob"), approved.id(), "approve");
        ChangeRequest submitted = create("alice", "Also inside", soon, HOUR, List.of("host-" + s), Map.of());
        act(agent("alice"), submitted.id(), "submit");
        ChangeRequest elsewhere = create("alice", "Out of scope", soon, HOUR, List.of("other-" + s), Map.of());
        act(agent("alice"), elsewhere.id(), "submit");

        CalendarWindow lockdown = freeze("{\"name\":\"Major incident " + s + "\",\"timeZone\":\"UTC\",\"lockdown\":true,\"reason\":\"INC0000001\","
                + "\"scope\":{\"configurationItems\":[\"host-" + s + "\"]}}");
        ChangeRequest held = Api.get(approved.id());
        assertThat(held.status()).isEqualTo(ChangeStatus.ON_HOLD);
        assertThat(held.heldFrom()).isEqualTo(ChangeStatus.APPROVED);
        assertThat(held.heldBy()).isEqualTo(lockdown.id());
        assertThat(held.conflicts()).anySatisfy(conflict -> assertThat(conflict.kind()).isEqualTo(ConflictKind.LOCKDOWN));
        assertThat(Api.get(submitted.id()).status()).isEqualTo(ChangeStatus.ON_HOLD);
        assertThat(Api.get(elsewhere.id()).status()).isEqualTo(ChangeStatus.SUBMITTED);

        admin().delete("/api/freeze-windows/" + lockdown.id()).then().statusCode(204);
        assertThat(Api.get(approved.id()).status()).isEqualTo(ChangeStatus.APPROVED);
        assertThat(Api.get(submitted.id()).status()).isEqualTo(ChangeStatus.SUBMITTED);
        assertThat(Api.get(approved.id()).timeline()).extracting(entry -> entry.what()).contains("held by lockdown", "released");

        // a lockdown with an end releases by itself once the clock passes it
        CalendarWindow timed = freeze("{\"name\":\"Timed " + s + "\",\"timeZone\":\"UTC\",\"lockdown\":true,\"end\":\""
                + local(Instant.now().plus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MINUTES)) + "\",\"scope\":{\"configurationItems\":[\"host-" + s + "\"]}}");
        assertThat(Api.get(approved.id()).status()).isEqualTo(ChangeStatus.ON_HOLD);
        clock.shift(Duration.ofHours(5));
        await().atMost(Api.WAIT).until(() -> Api.get(approved.id()).status() == ChangeStatus.APPROVED);
        assertThat(Api.get(approved.id()).timeline().get(Api.get(approved.id()).timeline().size() - 1).reason()).contains("ended");
        assertThat(timed.kind().name()).isEqualTo("LOCKDOWN");
        manager("bob").post("/api/changes/" + approved.id() + "/hold").then().statusCode(200).body("status", equalTo("ON_HOLD"));
        manager("bob").post("/api/changes/" + approved.id() + "/release").then().statusCode(200).body("status", equalTo("APPROVED"));
    }

    @Test
    void maintenanceWindowsCheckAndFreeSlotsAnswerWhenToDoIt() {
        String s = items(Criticality.LOW, "db");
        Instant monday = day(60);
        Response created = admin().body("{\"name\":\"Nightly " + s + "\",\"timeZone\":\"UTC\",\"rrule\":\"FREQ=DAILY\",\"startTime\":\"22:00\","
                + "\"duration\":\"PT4H\",\"startDate\":\"" + LocalDateTime.ofInstant(monday, ZoneOffset.UTC).toLocalDate() + "\","
                + "\"scope\":{\"configurationItems\":[\"db-" + s + "\"]}}").post("/api/maintenance-windows");
        created.then().statusCode(201);
        CalendarWindow nightly = Api.read(created, CalendarWindow.class);
        viewer().get("/api/maintenance-windows").then().statusCode(200).body("id", hasItem(nightly.id()));
        viewer().get("/api/freeze-windows/" + nightly.id()).then().statusCode(404);

        ChangeRequest midday = create("alice", "Midday", monday.plus(Duration.ofHours(12)), HOUR, List.of("db-" + s), Map.of());
        assertThat(midday.conflicts()).singleElement().satisfies(conflict -> assertThat(conflict.kind())
                .isEqualTo(ConflictKind.OUTSIDE_MAINTENANCE_WINDOW));
        ChangeRequest night = create("alice", "Night", monday.plus(Duration.ofHours(22)), Duration.ofHours(2), List.of("db-" + s), Map.of());
        assertThat(night.conflicts()).isEmpty();
        act(agent("alice"), night.id(), "submit");

        Response check = viewer().body("{\"configurationItems\":[\"db-" + s + "\"],\"window\":{\"start\":\"" + monday.plus(Duration.ofHours(22))
                + "\",\"end\":\"" + monday.plus(Duration.ofHours(24)) + "\"},\"slots\":3}").post("/api/changes/check");
        check.then().statusCode(200);
        ChangeChecks.CheckResult result = Api.read(check, ChangeChecks.CheckResult.class);
        assertThat(result.conflicts()).extracting(conflict -> conflict.withName()).containsExactly(night.number());
        assertThat(result.freeSlots()).extracting(slot -> slot.start()).containsExactly(monday.plus(Duration.ofHours(24)),
                monday.plus(Duration.ofHours(46)), monday.plus(Duration.ofHours(48)));
        viewer().body("{\"configurationItems\":[\"nope\"],\"window\":{\"start\":\"" + monday + "\",\"end\":\"" + monday + "\"}}")
                .post("/api/changes/check").then().statusCode(400).body("errors.field", hasItem("configurationItems[0]"))
                .body("errors.field", hasItem("window.end"));
    }

    @Test
    void badWindowsAreRefusedNamingTheField() {
        admin().body("{\"name\":\"x\",\"timeZone\":\"CET+1\",\"rrule\":\"FREQ=MONTHLY\",\"startTime\":\"18:00\",\"duration\":\"PT2H\"}")
                .post("/api/freeze-windows").then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("timeZone"));
        admin().body("{\"name\":\"x\",\"timeZone\":\"Europe/Berlin\",\"rrule\":\"BYMONTHDAY=-1\",\"startTime\":\"25:00\",\"duration\":\"two hours\"}")
                .post("/api/freeze-windows").then().statusCode(400).body("errors.field", hasItem("rrule")).body("errors.field", hasItem("startTime"))
                .body("errors.field", hasItem("duration"));
        admin().body("{\"name\":\"x\",\"timeZone\":\"UTC\"}").post("/api/freeze-windows").then().statusCode(400)
                .body("detail", containsString("not neither"));
        admin().body("{\"name\":\"x\",\"timeZone\":\"UTC\",\"start\":\"2026-12-24T00:00\",\"end\":\"2026-12-23T00:00\"}")
                .post("/api/freeze-windows").then().statusCode(400).body("errors.field", hasItem("end"));
        admin().body("{\"name\":\"x\",\"timeZone\":\"UTC\",\"start\":\"2026-12-24T00:00\",\"end\":\"2026-12-25T00:00\",\"scope\":{\"services\":[\"ghost\"]}}")
                .post("/api/freeze-windows").then().statusCode(400).body("errors.field", hasItem("scope.services[0]"));
        admin().body("{\"name\":\"x\",\"timeZone\":\"UTC\",\"start\":\"2026-12-24T00:00\",\"end\":\"2026-12-25T00:00\"}")
                .post("/api/maintenance-windows").then().statusCode(400).body("errors.field", hasItem("scope"));
        manager("bob").body("{\"name\":\"x\",\"timeZone\":\"UTC\",\"start\":\"2026-12-24T00:00\",\"end\":\"2026-12-25T00:00\"}")
                .post("/api/freeze-windows").then().statusCode(403);
        given().get("/api/freeze-windows").then().statusCode(401);
        CalendarWindow window = freeze("{\"name\":\"Versioned\",\"timeZone\":\"UTC\",\"start\":\"2030-12-24T00:00\",\"end\":\"2030-12-25T00:00\"}");
        admin().header("If-Match", "\"7\"").body("{\"name\":\"Versioned\",\"timeZone\":\"UTC\",\"start\":\"2030-12-24T00:00\",\"end\":\"2030-12-26T00:00\"}")
                .put("/api/freeze-windows/" + window.id()).then().statusCode(412);
        admin().header("If-Match", "\"1\"").body("{\"name\":\"Versioned\",\"timeZone\":\"UTC\",\"start\":\"2030-12-24T00:00\",\"end\":\"2030-12-26T00:00\"}")
                .put("/api/freeze-windows/" + window.id()).then().statusCode(200).header("ETag", "\"2\"").body("end", equalTo("2030-12-26T00:00:00"));
        admin().delete("/api/freeze-windows/" + window.id()).then().statusCode(204);
    }

    @Test
    void aWindowRecursAtMostDailyAndTakesOnlyTheFieldsOfItsKind() {
        String s = items(Criticality.LOW, "db");
        // finer than daily: refused naming rrule and what it takes (it once was accepted, and free slots then lay inside the freeze)
        for (String rule : List.of("FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=HOURLY", "FREQ=DAILY;BYHOUR=1,13")) {
            admin().body("{\"name\":\"x\",\"timeZone\":\"Europe/Berlin\",\"rrule\":\"" + rule + "\",\"startTime\":\"18:00\","
                    + "\"duration\":\"PT1S\"}").post("/api/freeze-windows").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("rrule")).body("detail", containsString("at most daily"));
        }
        admin().body("{\"name\":\"x\",\"timeZone\":\"Europe/Berlin\",\"rrule\":\"FREQ=SOMETIMES\",\"startTime\":\"18:00\","
                + "\"duration\":\"PT1H\"}").post("/api/freeze-windows").then().statusCode(400).body("errors.field", hasItem("rrule"))
                .body("detail", containsString("DAILY, WEEKLY, MONTHLY, YEARLY")).body("detail", org.hamcrest.Matchers.not(containsString("net.fortuna")));
        // a maintenance window is never hard, never a lockdown, and is agreed for CIs or services (not providers)
        String night = "\"name\":\"Night " + s + "\",\"timeZone\":\"Europe/Berlin\",\"rrule\":\"FREQ=DAILY\",\"startTime\":\"01:00\","
                + "\"duration\":\"PT1H\",\"scope\":{\"configurationItems\":[\"db-" + s + "\"]";
        admin().body("{" + night + "},\"hard\":true}").post("/api/maintenance-windows").then().statusCode(400).body("errors.field", hasItem("hard"))
                .body("detail", containsString("freeze window"));
        admin().body("{" + night + ",\"providers\":[\"aws\"]}}").post("/api/maintenance-windows").then().statusCode(400)
                .body("errors.field", hasItem("scope.providers"));
        Response created = admin().body("{" + night + "},\"hard\":false}").post("/api/maintenance-windows");
        created.then().statusCode(201).body("hard", equalTo(false));
        String id = Api.read(created, CalendarWindow.class).id();
        // a PUT cannot turn it into a lockdown either (it was silently ignored); there is no kind to change, so no 409
        admin().header("If-Match", "\"1\"").body("{" + night + "},\"lockdown\":true}").put("/api/maintenance-windows/" + id).then()
                .statusCode(400).body("errors.field", hasItem("lockdown"));
        admin().header("If-Match", "\"1\"").body("{" + night + "},\"hard\":true}").put("/api/maintenance-windows/" + id).then()
                .statusCode(400).body("errors.field", hasItem("hard"));
        io.restassured.path.json.JsonPath openapi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        java.util.Map<String, Object> put = openapi.getMap("paths.'/api/maintenance-windows/{id}'.put.responses");
        assertThat(put.keySet()).as("the statuses the maintenance-window PUT answers").contains("200", "400", "404", "412").doesNotContain("409");
        assertThat(openapi.getMap("paths.'/api/freeze-windows/{id}'.put.responses").keySet()).contains("409");
        admin().delete("/api/maintenance-windows/" + id).then().statusCode(204);
        // a lockdown always blocks; a freeze's providers must be known ones
        admin().body("{\"name\":\"x\",\"timeZone\":\"UTC\",\"lockdown\":true,\"hard\":false}").post("/api/freeze-windows").then()
                .statusCode(400).body("errors.field", hasItem("hard"));
        admin().body("{\"name\":\"x\",\"timeZone\":\"UTC\",\"start\":\"2030-12-24T00:00\",\"end\":\"2030-12-25T00:00\","
                + "\"scope\":{\"providers\":[\"awz\"]}}").post("/api/freeze-windows").then().statusCode(400)
                .body("errors.field", hasItem("scope.providers[0]")).body("detail", containsString("aws"));
    }

    @Test
    void theCalendarIsJsonAndICalendarAndTheFeedTakesATokenInTheUrl() throws Exception {
        String s = items(Criticality.LOW, "host");
        Instant start = day(70).plus(Duration.ofHours(8));
        ChangeRequest change = create("alice", "On the calendar", start, HOUR, List.of("host-" + s), Map.of());
        CalendarWindow monthly = freeze("{\"name\":\"Month end " + s + "\",\"timeZone\":\"Europe/Berlin\",\"rrule\":\"FREQ=MONTHLY;BYMONTHDAY=-1\","
                + "\"startTime\":\"18:00\",\"duration\":\"PT12H\",\"startDate\":\"2026-01-01\",\"scope\":{\"services\":[\"svc-" + s + "\"]}}");
        String from = start.minus(Duration.ofDays(40)).toString();
        String to = start.plus(Duration.ofDays(40)).toString();

        Response json = viewer().queryParam("from", from).queryParam("to", to).queryParam("ci", "host-" + s).get("/api/changes/calendar");
        json.then().statusCode(200).contentType("application/json");
        CalendarResource.CalendarView view = Api.read(json, CalendarResource.CalendarView.class);
        assertThat(view.entries()).filteredOn(entry -> entry.id().equals(change.id())).singleElement()
                .satisfies(entry -> assertThat(entry.uid()).isEqualTo(change.id() + "@siam-hub"));
        assertThat(view.entries()).filteredOn(entry -> entry.id().equals(monthly.id())).hasSizeBetween(2, 3);

        String ics = viewer().accept("text/calendar").queryParam("from", from).queryParam("to", to).queryParam("ci", "host-" + s)
                .get("/api/changes/calendar").then().statusCode(200).contentType(containsString("text/calendar")).extract().asString();
        Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = parsed.getComponents("VEVENT");
        assertThat(events).extracting(event -> event.getProperty("UID").orElseThrow().getValue()).contains(change.id() + "@siam-hub",
                monthly.id() + "@siam-hub");
        assertThat(parsed.getComponents("VTIMEZONE")).isNotEmpty();

        given().get("/api/changes/calendar.ics").then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("?token="));
        given().queryParam("token", "garbage").get("/api/changes/calendar.ics").then().statusCode(401);
        given().queryParam("token", DevJwt.forTests("nobody")).get("/api/changes/calendar.ics").then().statusCode(403);
        String feed = given().queryParam("token", DevJwt.forTests(Roles.VIEWER)).queryParam("from", from).queryParam("to", to)
                .get("/api/changes/calendar.ics").then().statusCode(200).contentType(containsString("text/calendar")).extract().asString();
        assertThat(feed).contains("UID:" + change.id() + "@siam-hub");
        given().auth().oauth2(DevJwt.forTests(Roles.VIEWER)).queryParam("from", from).queryParam("to", to).get("/api/changes/calendar.ics")
                .then().statusCode(200);
        viewer().queryParam("from", to).queryParam("to", from).get("/api/changes/calendar").then().statusCode(400)
                .body("errors.field", hasItem("to"));
    }

    @Test
    void reportsGiveOutcomesAsJsonAndCsv() {
        String s = items(Criticality.LOW, "host");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Api.ownership("team-" + s, "svc-" + s);
        await().atMost(Api.WAIT).until(() -> catalog.current().implementers().contains("team-" + s));
        ChangeRequest change = create("alice", "Reported", start, HOUR, List.of("host-" + s), Map.of("implementer", "team-" + s));
        act(agent("alice"), change.id(), "submit");
        act(manager("bob"), change.id(), "approve");
        act(manager("bob"), change.id(), "schedule");
        act(agent("alice"), change.id(), "start");
        act(agent("alice"), change.id(), "fail");
        String from = start.minus(HOUR).toString();
        String to = start.plus(HOUR).toString();
        viewer().queryParam("from", from).queryParam("to", to).get("/api/changes/reports").then().statusCode(200)
                .body("groups.find { it.key == 'team-" + s + "' }.total", equalTo(1))
                .body("groups.find { it.key == 'team-" + s + "' }.successRate", equalTo(0.0f))
                .body("groups.find { it.key == 'team-" + s + "' }.byOutcome.FAILED", equalTo(1));
        String csv = viewer().accept("text/csv").queryParam("from", from).queryParam("to", to).get("/api/changes/reports").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertThat(csv).startsWith("group,total,").contains("\r\nteam-" + s + ",1,");
        viewer().queryParam("groupBy", "colour").get("/api/changes/reports").then().statusCode(400).body("errors.field", hasItem("groupBy"));
        viewer().queryParam("format", "csv").queryParam("groupBy", "type").get("/api/changes/reports").then().statusCode(200)
                .contentType(containsString("text/csv"));
    }
}
