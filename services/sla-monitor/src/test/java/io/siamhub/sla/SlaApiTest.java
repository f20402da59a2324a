package io.siamhub.sla;

import static io.restassured.RestAssured.given;
import static io.siamhub.sla.Sla.admin;
import static io.siamhub.sla.Sla.awaitClocks;
import static io.siamhub.sla.Sla.awaitEvents;
import static io.siamhub.sla.Sla.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.siamhub.kit.security.Roles;
import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.Priority;
import io.siamhub.model.SiamJson;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.model.sla.SlaEventKind;
import io.siamhub.sla.Sla.IncidentFeed;
import io.siamhub.sla.api.ClockResource;

/** The ops API against the real database: calendars, definitions, recompute, status, reports; every refusal problem+json. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SlaApiTest {

    static final String BERLIN = """
            { "name": "Berlin business hours", "timeZone": "Europe/Berlin",
              "hours": { "MONDAY": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
                         "TUESDAY": [{"start": "09:00", "end": "17:00"}] },
              "holidays": [ {"date": "2026-12-25"}, {"from": "2026-12-24", "to": "2026-12-31", "name": "year end"} ] }
            """;

    @Test
    void aCalendarIsWrittenReadAndDeleted() {
        String id = "cal-" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(BERLIN).put("/api/sla/calendars/" + id).then().statusCode(201).body("id", equalTo(id));
        admin().body(BERLIN).put("/api/sla/calendars/" + id).then().statusCode(200);
        viewer().get("/api/sla/calendars/" + id).then().statusCode(200).body("timeZone", equalTo("Europe/Berlin"))
                .body("hours.MONDAY[1].start", equalTo("13:00")).body("holidays[1].name", equalTo("year end"));
        viewer().get("/api/sla/calendars").then().statusCode(200).body("id", hasItem(id));
        admin().delete("/api/sla/calendars/" + id).then().statusCode(204);
        viewer().get("/api/sla/calendars/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a fixed offset        | {"name":"x","timeZone":"+01:00","alwaysOpen":true}                                                       | timeZone
            a UTC offset id       | {"name":"x","timeZone":"UTC+01:00","alwaysOpen":true}                                                    | timeZone
            an unknown zone       | {"name":"x","timeZone":"Mars/Olympus","alwaysOpen":true}                                                 | timeZone
            overlapping segments  | {"name":"x","timeZone":"Europe/Berlin","hours":{"MONDAY":[{"start":"09:00","end":"12:00"},{"start":"11:00","end":"13:00"}]}} | hours.MONDAY
            a reversed segment    | {"name":"x","timeZone":"Europe/Berlin","hours":{"TUESDAY":[{"start":"17:00","end":"09:00"}]}}           | hours.TUESDAY[0].end
            an unknown day        | {"name":"x","timeZone":"Europe/Berlin","hours":{"MONTAG":[{"start":"09:00","end":"17:00"}]}}            | hours.MONTAG
            no hours              | {"name":"x","timeZone":"Europe/Berlin"}                                                                  | hours
            a bad time            | {"name":"x","timeZone":"Europe/Berlin","hours":{"MONDAY":[{"start":"9am","end":"17:00"}]}}              | hours.MONDAY[0].start
            a reversed holiday    | {"name":"x","timeZone":"UTC","alwaysOpen":true,"holidays":[{"from":"2026-12-31","to":"2026-12-24"}]}   | holidays[0].to
            no name               | {"timeZone":"UTC","alwaysOpen":true}                                                                     | name
            a misspelt field      | {"name":"x","timeZone":"UTC","alwaysOpen":true,"holiday":[]}                                            | holiday
            """)
    void anInvalidCalendarIsRefusedNamingTheField(String why, String body, String field) {
        admin().body(body).put("/api/sla/calendars/bad").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void dueAndElapsedAnswerTheCalendarArithmetic() {
        admin().body(BERLIN).put("/api/sla/calendars/berlin-api");
        viewer().queryParam("start", "2026-11-23T15:00:00Z").queryParam("duration", "PT1H").get("/api/sla/calendars/berlin-api/due")
                .then().statusCode(200).body("dueAt", equalTo("2026-11-23T16:00:00Z")).body("duration", equalTo("PT1H"));
        viewer().queryParam("from", "2026-11-23T08:00:00Z").queryParam("to", "2026-11-24T16:00:00Z")
                .get("/api/sla/calendars/berlin-api/elapsed").then().statusCode(200).body("elapsed", equalTo("PT15H"));
        viewer().queryParam("start", "2026-11-23T15:00:00Z").queryParam("duration", "PT1H").get("/api/sla/calendars/nope/due")
                .then().statusCode(404).contentType("application/problem+json");
        viewer().queryParam("start", "yesterday").queryParam("duration", "PT1H").get("/api/sla/calendars/berlin-api/due")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("start"));
        viewer().queryParam("start", "2026-11-23T15:00:00Z").queryParam("duration", "P1M").get("/api/sla/calendars/berlin-api/due")
                .then().statusCode(400).body("errors.field", hasItem("duration"));
        viewer().queryParam("from", "2026-11-24T08:00:00Z").queryParam("to", "2026-11-23T16:00:00Z")
                .get("/api/sla/calendars/berlin-api/elapsed").then().statusCode(400).body("errors.field", hasItem("to"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown calendar   | "calendar":"nowhere"                         | calendar
            an unknown party      | "party":"acme-nobody"                        | party
            a UC of the integrator | "type":"UC"                                 | party
            an OLA of the integrator | "type":"OLA"                              | party
            a zero target         | "target":"PT0S"                              | target
            a negative target     | "target":"-PT1H"                             | target
            a month target        | "target":"P1M"                               | target
            a stage of 100        | "stages":[50,100]                            | stages[1]
            a stage of 0          | "stages":[0]                                 | stages[0]
            an unknown type       | "type":"XLA"                                 | type
            an unknown metric     | "metric":"FIX"                               | metric
            an unknown priority   | "appliesTo":{"priorities":["P9"]}            | appliesTo.priorities[0]
            a service not in the catalog | "appliesTo":{"services":["paymnets"]} | appliesTo.services[0]
            pausing on resolved   | "pauseWhile":["RESOLVED"]                    | pauseWhile[0]
            a misspelt field      | "appliesTo":{"priority":["P1"]}              | appliesTo.priority
            """)
    void anInvalidDefinitionIsRefusedNamingTheField(String why, String override, String field) throws Exception {
        Sla.alwaysOpen();
        // the override replaces the valid value (a repeated field would be refused as such)
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) SiamJson.mapper().readTree("{\"name\":\"d\",\"type\":\"SLA\","
                + "\"party\":\"integrator\",\"metric\":\"RESOLUTION\",\"target\":\"PT4H\",\"calendar\":\"always\"}");
        body.setAll((com.fasterxml.jackson.databind.node.ObjectNode) SiamJson.mapper().readTree("{" + override + "}"));
        admin().body(body.toString()).put("/api/sla/definitions/bad").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    @Test
    void aCalendarInUseCannotBeDeletedAndUnknownOnesAre404() {
        String service = IncidentClocksTest.service();
        Sla.define(IncidentClocksTest.resolution(service, "PT4H", ""));
        admin().delete("/api/sla/calendars/always").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("used by definition"));
        admin().delete("/api/sla/definitions/nope").then().statusCode(404).contentType("application/problem+json");
        admin().post("/api/sla/recompute?definition=nope").then().statusCode(404).contentType("application/problem+json");
        viewer().get("/api/sla/clocks/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        viewer().get("/api/sla/clocks/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        viewer().queryParam("state", "SLEEPING").get("/api/sla/clocks").then().statusCode(400).body("errors.field", hasItem("state"));
        viewer().queryParam("groupBy", "colour").get("/api/sla/reports").then().statusCode(400).body("errors.field", hasItem("groupBy"));
        viewer().queryParam("cursor", "garbage!").get("/api/sla/clocks").then().statusCode(400).body("errors.field", hasItem("cursor"));
        admin().body("{\"name\":").put("/api/sla/calendars/broken").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aDefinitionChangedMidIncidentIsRecomputedWithOldAndNewDueAndNothingIsLost() {
        String service = IncidentClocksTest.service();
        String definition = Sla.define(IncidentClocksTest.resolution(service, "PT4H", ""));
        Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        IncidentFeed incident = IncidentFeed.open(t0, Priority.P2, "service-desk", service)
                .hold(t0.plus(Duration.ofMinutes(30))).resume(t0.plus(Duration.ofMinutes(90)));
        awaitEvents(incident.id(), events -> events.size() == 3);
        Instant before = t0.plus(Duration.ofHours(5));
        assertThat(Sla.clocks(incident.id()).get(0).dueAt()).isEqualTo(before);

        admin().body(IncidentClocksTest.resolution(service, "PT8H", "")).put("/api/sla/definitions/" + definition).then().statusCode(200)
                .body("recomputed", equalTo(1));

        SlaEvent recomputed = awaitEvents(incident.id(), events -> events.size() == 4).get(3);
        assertThat(recomputed.kind()).isEqualTo(SlaEventKind.RECOMPUTED);
        assertThat(recomputed.previousDueAt()).isEqualTo(before);
        assertThat(recomputed.dueAt()).as("the hour on hold stays paused").isEqualTo(t0.plus(Duration.ofHours(9)));

        admin().post("/api/sla/recompute?definition=" + definition).then().statusCode(200).body("incidents", equalTo(1)).body("events",
                equalTo(0));
    }

    @Test
    void aCalendarEditedMidClockRecomputesRunningClocksAndFinishedOnesKeepTheirResult() {
        String calendar = "edit-" + UUID.randomUUID().toString().substring(0, 8);
        admin().body("{\"name\":\"before\",\"timeZone\":\"UTC\",\"alwaysOpen\":true}").put("/api/sla/calendars/" + calendar).then()
                .statusCode(201);
        String service = IncidentClocksTest.service();
        Sla.define(IncidentClocksTest.resolution(service, "PT4H", "").replace("\"always\"", "\"" + calendar + "\""));
        Instant t0 = Instant.parse("2026-11-23T08:00:00Z");
        IncidentFeed running = IncidentFeed.open(t0, Priority.P3, "service-desk", service);
        IncidentFeed finished = IncidentFeed.open(t0, Priority.P3, "service-desk", service).resolve(t0.plus(Duration.ofHours(6)));
        ClockResource.ClockView finishedBefore = awaitClocks(finished.id(), clocks -> clocks.size() == 1 && clocks.get(0).state() == ClockState.BREACHED)
                .get(0);
        awaitClocks(running.id(), clocks -> clocks.size() == 1);

        // Monday and Tuesday 08:00-10:00 UTC only: 4 h from Monday 08:00 is due Tuesday 10:00 (both long past: it breached)
        admin().body("{\"name\":\"after\",\"timeZone\":\"UTC\",\"hours\":{\"MONDAY\":[{\"start\":\"08:00\",\"end\":\"10:00\"}],"
                + "\"TUESDAY\":[{\"start\":\"08:00\",\"end\":\"10:00\"}]}}")
                .put("/api/sla/calendars/" + calendar).then().statusCode(200).body("recomputed", equalTo(1));

        SlaEvent recomputed = awaitEvents(running.id(), events -> events.stream().anyMatch(event -> event.kind() == SlaEventKind.RECOMPUTED))
                .stream().filter(event -> event.kind() == SlaEventKind.RECOMPUTED).findFirst().orElseThrow();
        assertThat(recomputed.previousDueAt()).isEqualTo(t0.plus(Duration.ofHours(4)));
        assertThat(recomputed.dueAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        ClockResource.ClockView finishedAfter = Sla.clocks(finished.id()).get(0);
        assertThat(finishedAfter.elapsed()).as("finished clocks keep their result").isEqualTo(finishedBefore.elapsed());
        assertThat(finishedAfter.state()).isEqualTo(ClockState.BREACHED);
    }

    @Test
    void statusAndReportsShowTheClocks() {
        String service = IncidentClocksTest.service();
        Sla.define(IncidentClocksTest.resolution(service, "PT1H", ",\"stages\":[10]"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IncidentFeed atRisk = IncidentFeed.open(now.minus(Duration.ofMinutes(20)), Priority.P2, "service-desk", service);
        IncidentFeed met = IncidentFeed.open(now.minus(Duration.ofMinutes(40)), Priority.P2, "service-desk", service)
                .acknowledge(now.minus(Duration.ofMinutes(30))).resolve(now.minus(Duration.ofMinutes(10)));
        IncidentFeed breached = IncidentFeed.open(now.minus(Duration.ofMinutes(200)), Priority.P1, "service-desk", service);
        awaitClocks(atRisk.id(), clocks -> clocks.size() == 1 && clocks.get(0).stage() == 10);
        awaitClocks(met.id(), clocks -> clocks.size() == 1 && clocks.get(0).state() == ClockState.MET);
        awaitClocks(breached.id(), clocks -> clocks.size() == 1 && clocks.get(0).breached());

        viewer().queryParam("service", service).get("/api/sla/status").then().statusCode(200)
                .body("running", equalTo(2)).body("atRiskCount", equalTo(1)).body("atRisk[0].incidentId", equalTo(atRisk.id()))
                .body("atRisk[0].title", equalTo("disk full on " + service)).body("atRisk[0].ticking", equalTo(true))
                .body("breachedOpenCount", equalTo(1)).body("breachedOpen[0].incidentId", equalTo(breached.id()))
                .body("services[0].service", equalTo(service)).body("services[0].state", equalTo("BREACHED"));

        String from = now.minus(Duration.ofHours(5)).toString();
        String to = now.plus(Duration.ofMinutes(1)).toString();
        viewer().queryParam("from", from).queryParam("to", to).queryParam("groupBy", "service").get("/api/sla/reports").then().statusCode(200)
                .body("rows.find { it.group == '" + service + "' }.met", equalTo(1))
                .body("rows.find { it.group == '" + service + "' }.breached", equalTo(1))
                .body("rows.find { it.group == '" + service + "' }.compliancePercent", equalTo(50.0f))
                .body("rows.find { it.group == '" + service + "' }.mttaWall", equalTo("PT10M"))
                .body("rows.find { it.group == '" + service + "' }.mttrWall", equalTo("PT30M"))
                .body("availability.find { it.service == '" + service + "' }.availabilityPercent", org.hamcrest.Matchers.notNullValue());
        io.restassured.response.Response response = viewer().accept("text/csv").queryParam("from", from).queryParam("to", to)
                .queryParam("groupBy", "service").get("/api/sla/reports");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        String csv = response.asString();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("group,met,breached,compliance_percent");
        assertThat(csv.lines().filter(line -> line.startsWith(service + ",")).findFirst().orElseThrow()).startsWith(service + ",1,1,50.0,");
    }

    @Test
    void everyEndpointWantsATokenAndTheRightRole() {
        Sla.alwaysOpen();
        List<String[]> reads = List.of(new String[] {"GET", "/api/sla/calendars"}, new String[] {"GET", "/api/sla/definitions"},
                new String[] {"GET", "/api/sla/clocks"}, new String[] {"GET", "/api/sla/status"}, new String[] {"GET", "/api/sla/reports"},
                new String[] {"GET", "/api/sla/calendars/always/due?start=2026-01-01T00:00:00Z&duration=PT1H"});
        List<String[]> writes = List.of(new String[] {"PUT", "/api/sla/calendars/x"}, new String[] {"DELETE", "/api/sla/calendars/x"},
                new String[] {"PUT", "/api/sla/definitions/x"}, new String[] {"DELETE", "/api/sla/definitions/x"},
                new String[] {"POST", "/api/sla/recompute"});
        for (String[] endpoint : concat(reads, writes)) {
            given().contentType(ContentType.JSON).body("{}").request(endpoint[0], endpoint[1]).then().statusCode(401)
                    .contentType("application/problem+json");
            given().auth().oauth2("not.a.jwt").contentType(ContentType.JSON).body("{}").request(endpoint[0], endpoint[1]).then().statusCode(401);
        }
        for (String[] endpoint : writes) {
            given().auth().oauth2(DevJwt.forTests(Roles.AGENT)).contentType(ContentType.JSON).body("{}").request(endpoint[0], endpoint[1])
                    .then().statusCode(403).contentType("application/problem+json");
        }
        for (String[] endpoint : reads) {
            given().auth().oauth2(DevJwt.forTests(Roles.VIEWER)).request(endpoint[0], endpoint[1]).then().statusCode(200);
        }
    }

    @Test
    void clocksAreFoundByTheIncidentsNumberAsWellAsItsId() {
        String service = IncidentClocksTest.service();
        Sla.define(IncidentClocksTest.resolution(service, "PT1H", ""));
        IncidentFeed incident = IncidentFeed.open(Instant.now().truncatedTo(ChronoUnit.MILLIS), Priority.P2, "service-desk", service);
        awaitClocks(incident.id(), clocks -> clocks.size() == 1);
        viewer().queryParam("incident", incident.incident().number()).get("/api/sla/clocks").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].incidentId", equalTo(incident.id()));
        viewer().queryParam("incident", "INC-1").get("/api/sla/clocks").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("incident"))
                .body("errors[0].message", containsString("is not an incident's id (a UUID) or number (INC0000001)"));
    }

    @Test
    void aMistypedQueryParameterOrFieldIsRefusedNamingWhatTheOperationTakes() {
        viewer().queryParam("stat", "RUNNING").get("/api/sla/clocks").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("stat")).body("detail", containsString("it takes"))
                .body("detail", containsString("state"));
        viewer().queryParam("groupby", "service").get("/api/sla/reports").then().statusCode(400)
                .body("errors[0].field", equalTo("groupby")).body("detail", containsString("groupBy"));
        admin().body("{\"name\":\"x\",\"type\":\"SLA\",\"party\":\"integrator\",\"metric\":\"RESOLUTION\",\"target\":\"PT1H\","
                + "\"calendar\":\"always\",\"stage\":[50]}").put("/api/sla/definitions/mistyped").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("stage"))
                .body("errors[0].message", containsString("stages"));
        viewer().get("/api/sla/definitions/mistyped").then().statusCode(404);
    }

    @Test
    void theOpenApiDocumentDescribesEveryOperationTheCsvReportAndTheStatusPage() {
        io.restassured.path.json.JsonPath document = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        java.util.Map<String, java.util.Map<String, java.util.Map<String, Object>>> paths = document.getMap("paths");
        List<String> ids = new java.util.ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> ids.add((String) operation.get("operationId"))));
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates()
                .contains("listCalendars", "getCalendar", "putCalendar", "deleteCalendar", "due", "elapsed", "listDefinitions",
                        "getDefinition", "putDefinition", "deleteDefinition", "recompute", "listClocks", "getClock", "status", "report",
                        "statusPage");
        assertThat(document.getString("paths.'/'.get.responses.'200'.content.'text/html'.schema.type")).isEqualTo("string");
        assertThat(document.getMap("paths.'/'.get")).doesNotContainKey("security");
        assertThat(document.getMap("paths.'/api/sla/reports'.get.responses.'200'.content")).containsKeys("application/json", "text/csv");
        assertThat(document.getString("paths.'/api/sla/reports'.get.responses.'200'.content.'text/csv'.example"))
                .startsWith("group,met,breached,compliance_percent");
        assertThat(document.getMap("paths.'/api/sla/calendars/{id}'.put.responses")).containsKeys("200", "201", "400", "401", "403", "415");
        assertThat(document.getMap("paths.'/api/sla/calendars/{id}'.delete.responses")).containsKeys("204", "404", "409");
        assertThat(document.getString("paths.'/api/sla/clocks/{id}'.get.description")).contains("Needs the role `siam-viewer`");
        assertThat(document.getString("paths.'/api/sla/definitions/{id}'.put.description")).contains("Needs the role `siam-admin`");
    }

    private static List<String[]> concat(List<String[]> a, List<String[]> b) {
        List<String[]> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
