package io.siamhub.incident;

import static io.restassured.RestAssured.given;
import static io.siamhub.incident.Api.agent;
import static io.siamhub.incident.Api.read;
import static io.siamhub.incident.Api.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.siamhub.incident.api.IncidentQueries;
import io.siamhub.incident.rules.IncidentAction;
import io.siamhub.kit.security.Roles;
import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.ActorType;
import io.siamhub.model.Priority;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentStatus;

/** {@code /api/incidents}: the state machine, optimistic concurrency, filters, refusals and authorization. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class IncidentApiTest {

    /** How to bring a NEW incident to each status by legal steps. */
    private static final Map<IncidentStatus, List<IncidentAction>> PATH = Map.of(
            IncidentStatus.NEW, List.of(),
            IncidentStatus.ACKNOWLEDGED, List.of(IncidentAction.ACKNOWLEDGE),
            IncidentStatus.IN_PROGRESS, List.of(IncidentAction.ACKNOWLEDGE, IncidentAction.START),
            IncidentStatus.ON_HOLD, List.of(IncidentAction.ACKNOWLEDGE, IncidentAction.START, IncidentAction.HOLD),
            IncidentStatus.RESOLVED, List.of(IncidentAction.RESOLVE),
            IncidentStatus.CLOSED, List.of(IncidentAction.RESOLVE, IncidentAction.CLOSE));

    private static final Map<IncidentStatus, Set<IncidentAction>> LEGAL = Map.of(
            IncidentStatus.NEW, EnumSet.of(IncidentAction.ACKNOWLEDGE, IncidentAction.RESOLVE),
            IncidentStatus.ACKNOWLEDGED, EnumSet.of(IncidentAction.START, IncidentAction.RESOLVE),
            IncidentStatus.IN_PROGRESS, EnumSet.of(IncidentAction.HOLD, IncidentAction.RESOLVE),
            IncidentStatus.ON_HOLD, EnumSet.of(IncidentAction.RESUME, IncidentAction.RESOLVE),
            IncidentStatus.RESOLVED, EnumSet.of(IncidentAction.CLOSE, IncidentAction.REOPEN),
            IncidentStatus.CLOSED, EnumSet.noneOf(IncidentAction.class));

    private static final Map<IncidentAction, IncidentStatus> TARGET = Map.of(
            IncidentAction.ACKNOWLEDGE, IncidentStatus.ACKNOWLEDGED,
            IncidentAction.START, IncidentStatus.IN_PROGRESS,
            IncidentAction.HOLD, IncidentStatus.ON_HOLD,
            IncidentAction.RESUME, IncidentStatus.IN_PROGRESS,
            IncidentAction.RESOLVE, IncidentStatus.RESOLVED,
            IncidentAction.CLOSE, IncidentStatus.CLOSED);

    @Test
    void everyLegalTransitionWorksAndEveryIllegalOneIs409NamingTheAllowedOnes() {
        for (IncidentStatus status : IncidentStatus.values()) {
            for (IncidentAction action : IncidentAction.values()) {
                Incident incident = reach(status);
                Response response = agent("ana").post("/api/incidents/" + incident.id() + "/" + action.wireName());
                if (LEGAL.get(status).contains(action)) {
                    response.then().statusCode(200);
                    Incident after = read(response, Incident.class);
                    IncidentStatus expected = action == IncidentAction.REOPEN ? IncidentStatus.NEW : TARGET.get(action);
                    assertThat(after.status()).as("%s from %s", action, status).isEqualTo(expected);
                    assertThat(after.version()).isEqualTo(incident.version() + 1);
                } else {
                    response.then().statusCode(409).contentType("application/problem+json")
                            .body("detail", containsString("cannot " + action.wireName()))
                            .body("detail", containsString(allowed(status)));
                }
            }
        }
    }

    @Test
    void aReopenedIncidentThatWasAcknowledgedGoesBackToInProgress() {
        Incident incident = reach(IncidentStatus.IN_PROGRESS);
        Incident resolved = act(incident, IncidentAction.RESOLVE);
        assertThat(resolved.resolvedAt()).isNotNull();
        Incident reopened = act(resolved, IncidentAction.REOPEN);
        assertThat(reopened.status()).isEqualTo(IncidentStatus.IN_PROGRESS);
        Incident closed = act(act(reopened, IncidentAction.RESOLVE), IncidentAction.CLOSE);
        assertThat(closed.closedAt()).isNotNull();
        assertThat(closed.acknowledgedAt()).isNotNull();
    }

    /**
     * Puts the owners the assignments below name in the catalog: a resolver group (team-b) and a provider running a CI
     * (aws, as the demo catalog has it: the class must not depend on another having imported it). Called by each test
     * that assigns (the import is idempotent); a static {@code @BeforeAll} would run before the application is up.
     */
    static void ownersInTheCatalog() {
        String yaml = """
                providers:
                  - id: aws
                    name: Amazon Web Services
                    contractReference: UC-AWS-2026-01
                services:
                  - id: api-test
                    name: API test service
                    criticality: LOW
                configurationItems:
                  - id: api-test-host
                    name: API test host
                    type: host
                    service: api-test
                    provider: aws
                    match:
                      - resourceIdPattern: "api-test-host-never-[0-9]{30}"
                ownerships:
                  - id: api-test-team-b
                    scope: SERVICE
                    target: api-test
                    ownerType: RESOLVER_GROUP
                    owner: team-b
                """;
        given().auth().oauth2(DevJwt.forTests(Roles.ADMIN)).contentType("application/yaml").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/catalog/import").then().statusCode(200);
    }

    @Test
    void anOwnerTheCatalogDoesNotKnowIsRefusedNamingTheNearest() {
        ownersInTheCatalog();
        Incident incident = open("typo-owner");
        agent("bob").body("{\"owner\":\"team-c\"}").post("/api/incidents/" + incident.id() + "/assign")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("owner"))
                .body("detail", containsString("team-c is not an owner the catalog knows; the nearest are team-b"));
        viewer().get("/api/incidents/" + incident.id()).then().statusCode(200).body("incident.version", equalTo(1));
    }

    @Test
    void anIncidentOpenedForAnOwnerTheCatalogDoesNotKnowIsRefusedAndAKnownOneIsTaken() {
        ownersInTheCatalog();
        String token = "owner-typo-" + java.util.UUID.randomUUID();
        agent("ana").body("{\"title\":\"" + token + "\",\"owner\":\"team-c\"}").post("/api/incidents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("owner"))
                .body("detail", containsString("team-c is not an owner the catalog knows; the nearest are team-b"));
        viewer().queryParam("q", token).get("/api/incidents").then().statusCode(200).body("total", equalTo(0));
        agent("ana").body("{\"title\":\"" + token + "\",\"owner\":\"team-b\"}").post("/api/incidents")
                .then().statusCode(201).body("owner", equalTo("team-b"));
    }

    @Test
    void aTicketOfASystemSiamHubDoesNotLinkIsRefused() {
        Incident incident = open("typo-system");
        agent("bob").body("{\"ticket\":{\"system\":\"jiraa\",\"key\":\"OPS-1\"}}").post("/api/incidents/" + incident.id() + "/links")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("ticket.system"))
                .body("detail", containsString("jiraa is not a ticket system siam-hub links; it takes servicenow, jira"));
    }

    @Test
    void everyAnswerCarriesTheVersionAsETagAndAStaleIfMatchIs412() {
        ownersInTheCatalog();
        Incident incident = open("etag");
        viewer().get("/api/incidents/" + incident.id()).then().statusCode(200).header("ETag", "\"1\"");
        agent("ana").header("If-Match", "\"1\"").post("/api/incidents/" + incident.id() + "/acknowledge")
                .then().statusCode(200).header("ETag", "\"2\"");
        agent("bob").header("If-Match", "\"1\"").body("{\"owner\":\"team-b\"}").post("/api/incidents/" + incident.id() + "/assign")
                .then().statusCode(412).contentType("application/problem+json").body("detail", containsString("version 2"));
        agent("bob").header("If-Match", "W/\"2\"").body("{\"owner\":\"team-b\"}").post("/api/incidents/" + incident.id() + "/assign")
                .then().statusCode(200).header("ETag", "\"3\"").body("owner", equalTo("team-b"));
        agent("bob").header("If-Match", "nonsense").body("{\"text\":\"hi\"}").post("/api/incidents/" + incident.id() + "/comments")
                .then().statusCode(412);
    }

    @Test
    void aManualIncidentTakesImpactAndOwnerFromTheCatalog() {
        String ci = Api.newCi("manual", Criticality.HIGH);
        Response response = agent("ana").body("{\"title\":\"payments slow\",\"configurationItem\":\"" + ci + "\",\"urgency\":\"HIGH\"}")
                .post("/api/incidents");
        response.then().statusCode(201).header("Location", containsString("/api/incidents/")).header("ETag", "\"1\"");
        Incident incident = read(response, Incident.class);
        assertThat(incident.number()).matches("INC\\d{7}");
        assertThat(incident.priority()).isEqualTo(Priority.P1);
        assertThat(incident.service()).isEqualTo("svc-" + ci);
        assertThat(incident.owner()).isEqualTo("service-desk");
        IncidentQueries.Detail detail = Api.detail(incident.id());
        assertThat(detail.timeline()).singleElement().satisfies(line -> {
            assertThat(line.what()).isEqualTo("opened");
            assertThat(line.actor().type()).isEqualTo(ActorType.USER);
            assertThat(line.actor().id()).isEqualTo("ana");
        });
    }

    @Test
    void assignCommentAndLinksGoOnTheTimelineWithWhoAndWhy() {
        ownersInTheCatalog();
        Incident incident = open("timeline");
        agent("ana").body("{\"owner\":\"aws\",\"reason\":\"EC2 host failure\"}").post("/api/incidents/" + incident.id() + "/assign")
                .then().statusCode(200).body("owner", equalTo("aws"));
        agent("bob").body("{\"text\":\"AWS case 1234 opened\"}").post("/api/incidents/" + incident.id() + "/comments")
                .then().statusCode(200);
        String change = UUID.randomUUID().toString();
        agent("bob").body("{\"change\":\"" + change + "\"}").post("/api/incidents/" + incident.id() + "/links")
                .then().statusCode(200).body("relatedChanges", org.hamcrest.Matchers.contains(change));
        agent("bob").body("{\"change\":\"" + change + "\"}").post("/api/incidents/" + incident.id() + "/links").then().statusCode(409);
        String key = "INC" + System.nanoTime();
        agent("bob").body("{\"ticket\":{\"system\":\"servicenow\",\"key\":\"" + key + "\",\"url\":\"https://sn.example/" + key + "\"}}")
                .post("/api/incidents/" + incident.id() + "/links")
                .then().statusCode(200).body("externalTickets[0].key", equalTo(key));
        Incident other = open("other");
        agent("bob").body("{\"ticket\":{\"system\":\"servicenow\",\"key\":\"" + key + "\"}}").post("/api/incidents/" + other.id() + "/links")
                .then().statusCode(409).body("detail", containsString("already linked"));

        IncidentQueries.Detail detail = Api.detail(incident.id());
        assertThat(detail.timeline()).extracting(IncidentQueries.TimelineView::what)
                .containsExactly("opened", "assigned", "comment", "linked to change", "linked ticket servicenow:" + key);
        assertThat(detail.timeline().get(1).reason()).isEqualTo("EC2 host failure");
        assertThat(detail.timeline().get(1).changes()).anySatisfy(change1 -> assertThat(change1.to()).isEqualTo("aws"));
        assertThat(detail.timeline().get(2).actor().id()).isEqualTo("bob");
    }

    @Test
    void aCommentsEventCarriesItsTextForTheTicketSync() throws Exception {
        Incident incident = open("commented");
        agent("bob").body("{\"text\":\"AWS case 1234 opened; waiting on their EBS team\"}").post("/api/incidents/" + incident.id()
                + "/comments").then().statusCode(200);
        var records = io.siamhub.kit.testing.KafkaTestClient.shared().readUntil("siam.incidents.v1", record -> incident.id().equals(record.key())
                && record.value() != null && record.value().contains("EBS team"), Api.WAIT);
        String json = records.stream().filter(record -> incident.id().equals(record.key()) && record.value().contains("EBS team"))
                .findFirst().orElseThrow().value();
        var event = io.siamhub.model.SiamJson.mapper().readValue(json, io.siamhub.model.incident.IncidentEvent.class);
        assertThat(event.kind()).isEqualTo(io.siamhub.model.incident.IncidentEventKind.UPDATED);
        assertThat(event.actor()).isEqualTo(io.siamhub.model.Actor.user("bob"));
        assertThat(event.comment()).isEqualTo("AWS case 1234 opened; waiting on their EBS team");
        // other events leave it out of the JSON
        var opened = io.siamhub.kit.testing.KafkaTestClient.shared().readUntil("siam.incidents.v1", record -> incident.id().equals(record.key())
                && SignalRulesTest.header(record, "ce_type").endsWith("opened.v1"), Api.WAIT);
        assertThat(opened.stream().filter(record -> incident.id().equals(record.key())
                && SignalRulesTest.header(record, "ce_type").endsWith("opened.v1")).findFirst().orElseThrow().value())
                .doesNotContain("\"comment\"");
    }

    @Test
    void aTicketSignalUpdatesTheIncidentItIsLinkedTo() {
        Incident incident = open("ticketed");
        String key = "OPS-" + System.nanoTime();
        Feed.send(Feed.ticket("jira", key, io.siamhub.model.signal.SignalStatus.OPEN, "To Do"));
        org.awaitility.Awaitility.await().atMost(Api.WAIT).until(() -> read(viewer().get("/api/incidents/tickets"),
                io.siamhub.model.incident.ExternalTicket[].class), tickets -> java.util.Arrays.stream(tickets)
                        .anyMatch(ticket -> ticket.key().equals(key) && "To Do".equals(ticket.status())));
        link(incident.id(), key).statusCode(200).body("externalTickets[0].status", equalTo("To Do"));

        Feed.send(Feed.ticket("jira", key, io.siamhub.model.signal.SignalStatus.RESOLVED, "Done"));
        Incident updated = org.awaitility.Awaitility.await().atMost(Api.WAIT)
                .until(() -> Api.detail(incident.id()).incident(), Incident::providerResolved);
        assertThat(updated.externalTickets()).singleElement().satisfies(ticket -> assertThat(ticket.status()).isEqualTo("Done"));
        assertThat(updated.status()).isEqualTo(IncidentStatus.NEW);
        IncidentQueries.TimelineView line = Api.detail(incident.id()).timeline().stream()
                .filter(entry -> entry.what().equals("ticket jira:" + key + " is RESOLVED")).findFirst().orElseThrow();
        assertThat(line.actor().type()).isEqualTo(ActorType.PROVIDER);
        assertThat(line.actor().id()).isEqualTo("jira");
        assertThat(line.reason()).contains("'Done'");
    }

    @Test
    void aPriorityConflictWithALinkedTicketIsWrittenOncePerDifferenceAcrossItsWebhooks() {
        Incident incident = open("conflicting priority");
        String key = "OPS-" + System.nanoTime();
        io.siamhub.model.signal.SignalStatus working = io.siamhub.model.signal.SignalStatus.IN_PROGRESS;
        Feed.send(Feed.ticket("jira", key, working, "In Progress"));
        awaitTicket(key);
        link(incident.id(), key).statusCode(200);
        io.siamhub.model.Urgency other = incident.urgency() == io.siamhub.model.Urgency.LOW ? io.siamhub.model.Urgency.HIGH
                : io.siamhub.model.Urgency.LOW;
        String conflict = "conflict on priority with ticket jira:" + key;

        // the ticket's urgency differs: one line, however many webhooks of the ticket repeat it (each its own batch)
        Feed.send(Feed.ticket("jira", key, working, "In Progress").toBuilder().urgency(other).build());
        awaitLine(incident.id(), conflict);
        Feed.send(Feed.ticket("jira", key, working, "In Progress").toBuilder().urgency(other).build());
        Feed.send(Feed.note("jira", key, key, "still looking", "Dana Ops"));
        awaitLine(incident.id(), line -> "Dana Ops: still looking".equals(line.reason()));
        assertThat(Api.detail(incident.id()).timeline()).filteredOn(line -> line.what().equals(conflict)).hasSize(1);

        // the ticket agrees again, then differs again: a new line
        Feed.send(Feed.ticket("jira", key, working, "In Progress").toBuilder().urgency(incident.urgency()).build());
        Feed.send(Feed.ticket("jira", key, working, "In Progress").toBuilder().urgency(other).build());
        org.awaitility.Awaitility.await().atMost(Api.WAIT).until(() -> Api.detail(incident.id()).timeline().stream()
                .filter(line -> line.what().equals(conflict)).count() == 2);
        assertThat(Api.detail(incident.id()).incident().urgency()).as("the hub keeps its own").isEqualTo(incident.urgency());
    }

    @Test
    void aLinkedTicketAssignedElsewhereIsOneConflictLinePerDifferenceWhileTheHubOwnsAssignment() {
        Incident incident = open("assigned elsewhere");
        String issueId = Long.toString(System.nanoTime());
        String key = "OPS-" + issueId;
        Feed.send(keyed(issueId, key, io.siamhub.model.signal.SignalStatus.OPEN, "To Do"));
        awaitTicket(key);
        link(incident.id(), key).statusCode(200);

        // the same assignment three times, then another one: two conflict lines, the owner stays
        Feed.send(assignedTo(keyed(issueId, key, io.siamhub.model.signal.SignalStatus.IN_PROGRESS, "In Progress"), "acc-network"));
        awaitLine(incident.id(), "ticket jira:" + key + " is IN_PROGRESS");
        Feed.send(assignedTo(keyed(issueId, key, io.siamhub.model.signal.SignalStatus.IN_PROGRESS, "In Review"), "acc-network"));
        Feed.send(assignedTo(keyed(issueId, key, io.siamhub.model.signal.SignalStatus.IN_PROGRESS, "In Progress"), "acc-network"));
        Feed.send(assignedTo(keyed(issueId, key, io.siamhub.model.signal.SignalStatus.IN_PROGRESS, "In Review"), "acc-storage"));
        awaitLine(incident.id(), line -> line.what().equals("conflict on assignment with ticket jira:" + key)
                && line.reason().contains("acc-storage"));
        IncidentQueries.Detail detail = Api.detail(incident.id());
        assertThat(detail.timeline()).filteredOn(line -> line.what().equals("conflict on assignment with ticket jira:" + key))
                .extracting(IncidentQueries.TimelineView::reason).hasSize(2)
                .allSatisfy(reason -> assertThat(reason).contains("tickets.ownership.assignment is HUB")
                        .contains("the incident stays with " + incident.owner()));
        assertThat(detail.incident().owner()).isEqualTo(incident.owner());
    }

    /** The ticket signal with the assignment the tool shows (label {@code assignment}), as the adapters send it. */
    private static io.siamhub.model.signal.Signal assignedTo(io.siamhub.model.signal.Signal signal, String assignment) {
        Map<String, String> labels = new java.util.HashMap<>(signal.labels());
        labels.put("assignment", assignment);
        return signal.toBuilder().labels(labels).build();
    }

    @Test
    void aMovedIssueStaysOneTicketAndTheIncidentsLinkFollowsItsNewKey() {
        Incident incident = open("moved ticket");
        String id = Long.toString(System.nanoTime());
        String before = "OPS-" + id;
        String after = "SUP-" + id;
        Feed.send(keyed(id, before, io.siamhub.model.signal.SignalStatus.IN_PROGRESS, "In Progress"));
        awaitTicket(before);
        // people link it by the key they see; the ticket is filed under the provider's id
        link(incident.id(), before).statusCode(200).body("externalTickets[0].key", equalTo(before));

        Feed.send(keyed(id, after, io.siamhub.model.signal.SignalStatus.IN_PROGRESS, "In Progress"));
        Incident moved = org.awaitility.Awaitility.await().atMost(Api.WAIT).until(() -> Api.detail(incident.id()).incident(),
                found -> found.externalTickets().size() == 1 && found.externalTickets().get(0).key().equals(after));
        assertThat(moved.externalTickets().get(0).url()).isEqualTo("https://tickets.example/browse/" + after);
        assertThat(Api.detail(incident.id()).timeline()).extracting(IncidentQueries.TimelineView::what)
                .contains("ticket jira:" + after);
        assertThat(read(viewer().queryParam("limit", 1000).get("/api/incidents/tickets"), io.siamhub.model.incident.ExternalTicket[].class))
                .as("no second ticket for the new key").noneMatch(ticket -> ticket.key().equals(after));

        // its later states reach the incident under the new key
        Feed.send(keyed(id, after, io.siamhub.model.signal.SignalStatus.RESOLVED, "Done"));
        org.awaitility.Awaitility.await().atMost(Api.WAIT).until(() -> Api.detail(incident.id()).incident(), Incident::providerResolved);
        assertThat(Api.detail(incident.id()).timeline()).extracting(IncidentQueries.TimelineView::what)
                .contains("ticket jira:" + after + " is RESOLVED");
    }

    @Test
    void aTicketLinkedByItsKeyBeforeItsFirstSignalIsTheSameTicket() {
        Incident incident = open("linked first");
        String id = Long.toString(System.nanoTime());
        String key = "OPS-" + id;
        link(incident.id(), key).statusCode(200);
        Feed.send(keyed(id, key, io.siamhub.model.signal.SignalStatus.RESOLVED, "Done"));
        Incident updated = org.awaitility.Awaitility.await().atMost(Api.WAIT).until(() -> Api.detail(incident.id()).incident(),
                Incident::providerResolved);
        assertThat(updated.externalTickets()).singleElement().satisfies(ticket -> {
            assertThat(ticket.key()).isEqualTo(key);
            assertThat(ticket.status()).isEqualTo("Done");
        });
    }

    @Test
    void aNoteAboutALinkedTicketGoesOnTheTimelineAndChangesNothingElse() throws Exception {
        Incident incident = open("noted");
        String id = Long.toString(System.nanoTime());
        String key = "OPS-" + id;
        Feed.send(keyed(id, key, io.siamhub.model.signal.SignalStatus.IN_PROGRESS, "In Progress"));
        awaitTicket(key);
        Incident linked = read(link(incident.id(), key).statusCode(200).extract().response(), Incident.class);

        Feed.send(Feed.note("jira", id, key, "Rolled back the release; watching the error rate.", "Dana Ops"));
        IncidentQueries.TimelineView line = awaitLine(incident.id(), "comment added on jira:" + key);
        assertThat(line.actor().type()).isEqualTo(ActorType.PROVIDER);
        assertThat(line.actor().id()).isEqualTo("jira");
        assertThat(line.reason()).isEqualTo("Dana Ops: Rolled back the release; watching the error rate.");
        assertThat(line.changes()).isEmpty();
        Incident noted = Api.detail(incident.id()).incident();
        assertThat(noted.version()).as("one UPDATED event").isEqualTo(linked.version() + 1);
        assertThat(List.<Object> of(noted.status(), noted.priority(), noted.urgency(), noted.impact(), noted.providerResolved(),
                noted.externalTickets(), noted.signals()))
                .isEqualTo(List.<Object> of(linked.status(), linked.priority(), linked.urgency(), linked.impact(), linked.providerResolved(),
                        linked.externalTickets(), linked.signals()));
        var records = io.siamhub.kit.testing.KafkaTestClient.shared().readUntil("siam.incidents.v1", record -> incident.id().equals(record.key())
                && SignalRulesTest.header(record, "ce_type").endsWith("updated.v1") && record.value().contains("Dana Ops"), Api.WAIT);
        var event = io.siamhub.model.SiamJson.mapper().readValue(records.stream().filter(record -> incident.id().equals(record.key())
                && record.value().contains("Dana Ops")).findFirst().orElseThrow().value(), io.siamhub.model.incident.IncidentEvent.class);
        assertThat(event.kind()).isEqualTo(io.siamhub.model.incident.IncidentEventKind.UPDATED);
        assertThat(event.actor().id()).isEqualTo("jira");
        assertThat(event.changes()).isEmpty();
        assertThat(event.comment()).as("a provider's note is not a hub comment (the sync does not send it back)").isNull();

        // on a resolved incident too: a note never reopens
        agent("ana").post("/api/incidents/" + incident.id() + "/resolve").then().statusCode(200);
        Feed.send(Feed.note("jira", id, key, "Closing after the nightly run.", "Dana Ops"));
        awaitLine(incident.id(), line2 -> "Dana Ops: Closing after the nightly run.".equals(line2.reason()));
        assertThat(Api.detail(incident.id()).incident().status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void aNoteAboutAnUnknownOrUnlinkedTicketIsCountedAndDroppedAndOpensNothing() {
        String unknown = "GONE-" + System.nanoTime();
        String waiting = "WAIT-" + System.nanoTime();
        Feed.send(Feed.ticket("jira", waiting, io.siamhub.model.signal.SignalStatus.OPEN, "To Do"));
        awaitTicket(waiting);
        double unknownBefore = noteCount("unknown-ticket");
        double unlinkedBefore = noteCount("unlinked");

        Feed.send(Feed.note("jira", unknown, unknown, "anyone there?", "Dana Ops"), Feed.note("jira", waiting, waiting, "still waiting", "Dana Ops"));

        org.awaitility.Awaitility.await().atMost(Api.WAIT).until(() -> noteCount("unknown-ticket") > unknownBefore
                && noteCount("unlinked") > unlinkedBefore);
        assertThat(read(viewer().queryParam("limit", 1000).get("/api/incidents/tickets"), io.siamhub.model.incident.ExternalTicket[].class))
                .as("a note makes no ticket").noneMatch(ticket -> ticket.key().equals(unknown))
                .filteredOn(ticket -> ticket.key().equals(waiting)).singleElement()
                .satisfies(ticket -> assertThat(ticket.status()).isEqualTo("To Do"));
        assertThat(read(viewer().queryParam("q", "anyone there").get("/api/incidents"), IncidentQueries.Page.class).total())
                .as("no incident for a note").isZero();
    }

    @Test
    void aMovedTicketIsFoundByTheKeyItHadBefore() {
        Incident incident = open("linked by the old key");
        String id = Long.toString(System.nanoTime());
        String before = "OPS-" + id;
        String after = "SUP-" + id;
        Feed.send(keyed(id, before, io.siamhub.model.signal.SignalStatus.OPEN, "To Do"));
        awaitTicket(before);
        Feed.send(moved(id, before, after));
        awaitTicket(after);

        // someone still has the old key in a chat message: it is the same ticket, not a new one
        link(incident.id(), before).statusCode(200).body("externalTickets.size()", equalTo(1)).body("externalTickets[0].key", equalTo(after));
        assertThat(Api.detail(incident.id()).timeline()).extracting(IncidentQueries.TimelineView::what)
                .contains("linked ticket jira:" + after + " (by its former key jira:" + before + ")");
        Incident other = open("second link by the old key");
        link(other.id(), before).statusCode(409);

        Feed.send(keyed(id, after, io.siamhub.model.signal.SignalStatus.RESOLVED, "Done"));
        org.awaitility.Awaitility.await().atMost(Api.WAIT).until(() -> Api.detail(incident.id()).incident(), Incident::providerResolved);
        assertThat(read(viewer().queryParam("limit", 1000).get("/api/incidents/tickets"), io.siamhub.model.incident.ExternalTicket[].class))
                .noneMatch(ticket -> ticket.key().equals(before) || ticket.key().equals(after));
    }

    @Test
    void aTicketLinkedByAKeyItLostBeforeItsFirstSignalIsAdoptedByTheMove() {
        Incident incident = open("linked before the move was seen");
        String id = Long.toString(System.nanoTime());
        String before = "OPS-" + id;
        String after = "SUP-" + id;
        link(incident.id(), before).statusCode(200);

        Feed.send(moved(id, before, after));

        Incident moved = org.awaitility.Awaitility.await().atMost(Api.WAIT).until(() -> Api.detail(incident.id()).incident(),
                found -> found.externalTickets().size() == 1 && found.externalTickets().get(0).key().equals(after));
        assertThat(moved.externalTickets().get(0).status()).isEqualTo("In Progress");
    }

    /** Links the Jira ticket people know as {@code key} to the incident, as agent ana. */
    private static io.restassured.response.ValidatableResponse link(String incidentId, String key) {
        return agent("ana").body("{\"ticket\":{\"system\":\"jira\",\"key\":\"" + key + "\"}}").post("/api/incidents/" + incidentId + "/links")
                .then();
    }

    private static void awaitTicket(String key) {
        org.awaitility.Awaitility.await().atMost(Api.WAIT).until(() -> read(viewer().queryParam("limit", 1000).get("/api/incidents/tickets"),
                io.siamhub.model.incident.ExternalTicket[].class), tickets -> java.util.Arrays.stream(tickets)
                        .anyMatch(ticket -> ticket.key().equals(key)));
    }

    private static IncidentQueries.TimelineView awaitLine(String incidentId, String what) {
        return awaitLine(incidentId, line -> line.what().equals(what));
    }

    private static IncidentQueries.TimelineView awaitLine(String incidentId, java.util.function.Predicate<IncidentQueries.TimelineView> which) {
        return org.awaitility.Awaitility.await().atMost(Api.WAIT).until(() -> Api.detail(incidentId).timeline().stream().filter(which)
                .findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    /** {@code siam_incident_signals_total{kind="note",outcome}}. */
    private static double noteCount(String outcome) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("siam_incident_signals_total\\{kind=\"note\",outcome=\"" + outcome
                + "\"\\} ([0-9.E]+)").matcher(io.restassured.RestAssured.get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }

    /** The signal of a Jira issue's move, as the adapters send it: the new key, the old one as {@code previousKey}. */
    private static io.siamhub.model.signal.Signal moved(String issueId, String before, String after) {
        io.siamhub.model.signal.Signal signal = keyed(issueId, after, io.siamhub.model.signal.SignalStatus.IN_PROGRESS, "In Progress");
        return signal.toBuilder().labels(Map.of("ticketKey", after, "previousKey", before)).build();
    }

    /** A Jira ticket signal as the adapters send it: the issue id as providerRef, the key as a label. */
    private static io.siamhub.model.signal.Signal keyed(String issueId, String key, io.siamhub.model.signal.SignalStatus status,
            String providerStatus) {
        io.siamhub.model.signal.Signal signal = Feed.ticket("jira", issueId, status, providerStatus);
        return signal.toBuilder().labels(Map.of("ticketKey", key)).link("https://tickets.example/browse/" + key).build();
    }

    @Test
    void listsFilterAndPageWithACursorAndATotal() {
        String token = "page" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(open(token + " number " + i).id());
        }
        act(Api.detail(created.iterator().next()).incident(), IncidentAction.ACKNOWLEDGE);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = viewer().queryParam("q", token.toUpperCase()).queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            IncidentQueries.Page page = read(request.get("/api/incidents").then().statusCode(200).extract().response(), IncidentQueries.Page.class);
            assertThat(page.total()).isEqualTo(5);
            page.items().forEach(incident -> seen.add(incident.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);

        assertThat(read(viewer().queryParam("q", token).queryParam("status", "NEW").get("/api/incidents"), IncidentQueries.Page.class)
                .total()).isEqualTo(4);
        assertThat(read(viewer().queryParam("q", token).queryParam("status", "ACKNOWLEDGED,NEW").queryParam("priority", "P3")
                .queryParam("maintenance", "false").queryParam("from", "2020-01-01T00:00:00Z").get("/api/incidents"),
                IncidentQueries.Page.class).total()).isEqualTo(5);
        assertThat(read(viewer().queryParam("q", token).queryParam("owner", "nobody").get("/api/incidents"), IncidentQueries.Page.class)
                .total()).isZero();
    }

    @Test
    void badInputGetsAClearProblemNeverA500() {
        Incident incident = open("refusals");
        String id = incident.id();
        viewer().get("/api/incidents/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        viewer().get("/api/incidents/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        agent("ana").post("/api/incidents/" + UUID.randomUUID() + "/acknowledge").then().statusCode(404);
        viewer().queryParam("status", "SLEEPING").get("/api/incidents").then().statusCode(400).body("detail", containsString("SLEEPING"));
        viewer().queryParam("from", "yesterday").get("/api/incidents").then().statusCode(400);
        viewer().queryParam("cursor", "garbage!").get("/api/incidents").then().statusCode(400);
        viewer().queryParam("maintenance", "maybe").get("/api/incidents").then().statusCode(400);
        viewer().queryParam("limit", 0).get("/api/incidents").then().statusCode(400);
        agent("ana").body("{}").post("/api/incidents").then().statusCode(400).body("errors[0].field", equalTo("title"));
        agent("ana").body("{\"title\":\"x\",\"impact\":\"HUGE\"}").post("/api/incidents").then().statusCode(400)
                .contentType("application/problem+json");
        agent("ana").body("{\"title\":\"x\",\"configurationItem\":\"no-such-ci\"}").post("/api/incidents").then().statusCode(400)
                .body("detail", containsString("no-such-ci"));
        agent("ana").body("{not json").post("/api/incidents").then().statusCode(400);
        agent("ana").body("{}").post("/api/incidents/" + id + "/assign").then().statusCode(400);
        agent("ana").body("{\"text\":\"\"}").post("/api/incidents/" + id + "/comments").then().statusCode(400);
        // JSON may carry a NUL that PostgreSQL cannot store: the client's mistake, never a 500
        agent("ana").body("{\"text\":\"before\\u0000after\"}").post("/api/incidents/" + id + "/comments").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("\\u0000"));
        agent("ana").body("{\"title\":\"nul\\u0000title\"}").post("/api/incidents").then().statusCode(400)
                .contentType("application/problem+json");
        agent("ana").body("{}").post("/api/incidents/" + id + "/links").then().statusCode(400);
        agent("ana").body("{\"change\":\"c\",\"ticket\":{\"system\":\"jira\",\"key\":\"K-1\"}}").post("/api/incidents/" + id + "/links")
                .then().statusCode(400);
        agent("ana").body("{}").patch("/api/incidents/" + id).then().statusCode(400);
        agent("ana").body("{\"urgency\":\"EXTREME\"}").patch("/api/incidents/" + id).then().statusCode(400);
        agent("ana").contentType(ContentType.XML).body("<x/>").post("/api/incidents").then().statusCode(415);
        viewer().get("/api/incidents/" + id + "/nothing-here").then().statusCode(405)
                .body("detail", containsString("it takes POST"));
    }

    @Test
    void anIncidentIsNamedByItsNumberAsWellAsItsId() {
        Incident incident = open("by number");
        viewer().get("/api/incidents/" + incident.number()).then().statusCode(200)
                .body("incident.id", equalTo(incident.id())).header("ETag", equalTo("\"" + incident.version() + "\""));
        viewer().get("/api/incidents/" + incident.number().toLowerCase(java.util.Locale.ROOT)).then().statusCode(200)
                .body("incident.number", equalTo(incident.number()));
        agent("ana").post("/api/incidents/" + incident.number() + "/acknowledge").then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("id", equalTo(incident.id()));
        agent("ana").body("{\"text\":\"by number\"}").post("/api/incidents/" + incident.number() + "/comments").then().statusCode(200);
        viewer().get("/api/incidents/INC9999999").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no incident INC9999999"));
        viewer().get("/api/incidents/no-such-thing").then().statusCode(404)
                .body("detail", containsString("its id (a UUID) or its number (INC0000001)"));
    }

    @Test
    void aStatusChangeNeedsNoBodyAndCurlsFormContentTypeIsRefusedNamingJson() {
        Incident incident = open("curl");
        // curl -X POST -H "Authorization: Bearer $A" $INCIDENTS_URL/api/incidents/$ID/acknowledge
        java.net.http.HttpResponse<String> bodiless = Api.raw("POST", "/api/incidents/" + incident.id() + "/acknowledge", null, null,
                Roles.AGENT);
        assertThat(bodiless.statusCode()).as(bodiless.body()).isEqualTo(200);
        assertThat(bodiless.body()).contains("\"status\":\"ACKNOWLEDGED\"");
        // curl -d '{"reason":"x"}' ... sends application/x-www-form-urlencoded
        java.net.http.HttpResponse<String> form = Api.raw("POST", "/api/incidents/" + incident.id() + "/start",
                "application/x-www-form-urlencoded", "{\"reason\":\"x\"}", Roles.AGENT);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.body()).contains("it takes application/json", "-H 'Content-Type: application/json'");
        agent("ana").body("{\"reason\":\"x\"}").post("/api/incidents/" + incident.id() + "/start").then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
    }

    @Test
    void mistakesAreRefusedNamingWhatIsWrongAndWhatExists() {
        Incident incident = open("mistakes");
        agent("ana").body("{\"comment\":\"x\"}").post("/api/incidents/" + incident.id() + "/acknowledge").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("comment"))
                .body("errors[0].message", equalTo("is not a field of this body; it takes reason"));
        agent("ana").body("{\"title\":\"x\",\"impact\":\"HUGE\"}").post("/api/incidents").then().statusCode(400)
                .body("errors[0].field", equalTo("impact"))
                .body("errors[0].message", equalTo("\"HUGE\" is not one of HIGH, MEDIUM, LOW"));
        agent("ana").body("{\"title\":\"x\",\"impact\":\"high\"}").post("/api/incidents").then().statusCode(201)
                .body("impact", equalTo("HIGH"));
        agent("ana").post("/api/incidents/" + incident.id() + "/acknowlege").then().statusCode(404)
                .body("detail", containsString("no action acknowlege on incidents"))
                .body("detail", containsString("acknowledge, start, hold, resume, resolve, close or reopen"));
        viewer().queryParam("stauts", "NEW").get("/api/incidents").then().statusCode(400)
                .body("detail", containsString("unknown query parameter stauts on GET /api/incidents; it takes"))
                .body("detail", containsString("status"));
        viewer().get("/api/incident").then().statusCode(404).body("detail", containsString("GET /api/incidents"));
    }

    @Test
    void everyEndpointRefusesWithout401AndWithTheWrongRole403() {
        String id = open("authz").id();
        List<String[]> reads = List.of(new String[] {"GET", "/api/incidents"}, new String[] {"GET", "/api/incidents/" + id},
                new String[] {"GET", "/api/incidents/tickets"});
        List<String[]> writes = new ArrayList<>(List.of(new String[] {"POST", "/api/incidents"},
                new String[] {"PATCH", "/api/incidents/" + id}));
        for (String action : List.of("acknowledge", "start", "hold", "resume", "resolve", "close", "reopen", "assign", "comments", "links")) {
            writes.add(new String[] {"POST", "/api/incidents/" + id + "/" + action});
        }
        for (String[] call : reads) {
            request(given(), call).then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                    .contentType("application/problem+json");
            request(given().auth().oauth2(DevJwt.forTests("someone-else")), call).then().statusCode(403);
        }
        for (String[] call : writes) {
            request(given().contentType(ContentType.JSON).body("{}"), call).then().statusCode(401);
            request(Api.as(Roles.VIEWER).body("{}"), call).then().statusCode(403).contentType("application/problem+json");
            request(Api.as(Roles.ADMIN).body("{}"), call).then().statusCode(403);
        }
    }

    private static Response request(io.restassured.specification.RequestSpecification spec, String[] call) {
        return switch (call[0]) {
            case "GET" -> spec.get(call[1]);
            case "PATCH" -> spec.patch(call[1]);
            default -> spec.post(call[1]);
        };
    }

    private static String allowed(IncidentStatus status) {
        return status == IncidentStatus.CLOSED ? "nothing" : "allowed now: " + String.join(", ",
                IncidentAction.allowedActions(status));
    }

    static Incident open(String title) {
        return read(agent("ana").body("{\"title\":\"" + title + "\"}").post("/api/incidents").then().statusCode(201).extract().response(),
                Incident.class);
    }

    static Incident reach(IncidentStatus status) {
        Incident incident = open("to " + status);
        for (IncidentAction action : PATH.get(status)) {
            incident = act(incident, action);
        }
        assertThat(incident.status()).isEqualTo(status);
        return incident;
    }

    static Incident act(Incident incident, IncidentAction action) {
        return read(agent("ana").post("/api/incidents/" + incident.id() + "/" + action.wireName()).then().statusCode(200).extract().response(),
                Incident.class);
    }
}
