package io.siamhub.change;

import static io.siamhub.change.Api.act;
import static io.siamhub.change.Api.agent;
import static io.siamhub.change.Api.create;
import static io.siamhub.change.Api.manager;
import static io.siamhub.change.Api.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamhub.change.api.ChangeQueries;
import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.Actor;
import io.siamhub.model.EventTypes;
import io.siamhub.model.Topics;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.catalog.MatchRule;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ConflictKind;
import io.siamhub.model.change.IncidentRelation;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentEvent;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Signal;

/**
 * What the change coordinator reads: the adapters' maintenance signals (AWS Health through EventBridge and SNS,
 * Azure Service Health), incidents (suspected causes) and the catalog, each delivered on the real broker.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ConsumersTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    CatalogCopy catalog;

    /** A CI matched like the demo catalog's: provider + account (+ region), so the provider's notices land on it. */
    private String ciInAccount(String account, String region, String provider) {
        String suffix = Api.catalog(Criticality.MEDIUM, "anchor");
        String id = "fleet-" + suffix;
        Api.publish("configuration-item:" + id, EventTypes.CONFIGURATION_ITEM_UPSERTED, new ConfigurationItem(id, id, "vm-fleet",
                "svc-" + suffix, provider, null, List.of(new MatchRule(null, null, provider, account, region, Map.of()))));
        await().atMost(Api.WAIT).until(() -> catalog.current().item(id) != null);
        return id;
    }

    /** An adapter signal on a fresh ref, so each test has its own notice (the mapping is the adapters'). */
    private static Signal notice(String fixture, String ref, String account) {
        Signal signal = AdapterSignals.of(fixture);
        Resource resource = signal.resource();
        return signal.toBuilder().id(UUID.randomUUID().toString()).providerRef(ref)
                .resource(new Resource(resource.id(), resource.type(), resource.name(), resource.region(), account)).build();
    }

    private static void send(Signal signal, String ceId) {
        KafkaTestClient.shared().sendEvent(Topics.SIGNALS, signal.provider() + ":" + signal.providerRef(), ceId, EventTypes.signal(signal.kind()),
                Api.json(signal));
    }

    private static ChangeRequest byRef(String provider, String ref, java.util.function.Predicate<ChangeRequest> until) {
        return await().atMost(Api.WAIT).until(() -> Api.read(viewer().queryParam("provider", provider).queryParam("providerRef", ref)
                .get("/api/changes"), ChangeQueries.Page.class).items(), items -> items.size() == 1 && until.test(items.get(0))).get(0);
    }

    @Test
    void anAwsScheduledChangeThroughEventBridgeAndSnsBecomesOneChangeThatFollowsItsNotices() {
        String account = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        String ci = ciInAccount(account, "eu-west-1", "aws");
        String ref = "arn:aws:health:eu-west-1::event/EC2/AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED/" + UUID.randomUUID();

        Signal upcoming = notice("aws/eventbridge_health_scheduledChange_ec2_upcoming", ref, account);
        send(upcoming, upcoming.id());
        ChangeRequest created = byRef("aws", ref, change -> true);
        assertThat(created.origin()).isEqualTo(ChangeOrigin.PROVIDER_MAINTENANCE);
        assertThat(created.status()).isEqualTo(ChangeStatus.SCHEDULED);
        assertThat(created.configurationItems()).containsExactly(ci);
        assertThat(created.window().start()).isEqualTo(Instant.parse("2026-12-05T22:00:00Z"));
        assertThat(created.requestedBy()).isEqualTo("aws");

        // an RFC on the same CI in the moved window conflicts once the notice moves it there
        ChangeRequest rfc = create("alice", "Our patch", Instant.parse("2026-12-12T23:00:00Z"), HOUR, List.of(ci), Map.of());
        assertThat(rfc.conflicts()).isEmpty();
        act(agent("alice"), rfc.id(), "submit");

        Signal moved = notice("aws/sns_health_scheduledChange_ec2_rescheduled", ref, account);
        send(moved, moved.id());
        send(moved, moved.id());
        ChangeRequest rescheduled = byRef("aws", ref, change -> change.window().start().equals(Instant.parse("2026-12-12T22:00:00Z")));
        assertThat(rescheduled.id()).isEqualTo(created.id());
        assertThat(rescheduled.sequence()).isEqualTo(1);
        assertThat(rescheduled.conflicts()).singleElement().satisfies(conflict -> assertThat(conflict.with()).isEqualTo(rfc.id()));
        assertThat(Api.get(rfc.id()).conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo(ConflictKind.PROVIDER_MAINTENANCE);
            assertThat(conflict.with()).isEqualTo(created.id());
        });

        // an older notice arriving late changes nothing
        send(upcoming.toBuilder().id(UUID.randomUUID().toString()).build(), UUID.randomUUID().toString());
        Signal closed = notice("aws/eventbridge_health_scheduledChange_ec2_closed", ref, account);
        send(closed, closed.id());
        ChangeRequest done = byRef("aws", ref, change -> change.status() == ChangeStatus.COMPLETED);
        assertThat(done.window().start()).isEqualTo(Instant.parse("2026-12-12T22:00:00Z"));
        assertThat(done.actual().end()).isEqualTo(Instant.parse("2026-12-13T01:40:00Z"));
        assertThat(done.timeline()).extracting(entry -> entry.what()).containsExactly("created from provider notice",
                "rescheduled by provider notice", "status COMPLETED by provider notice");
        assertThat(done.version()).as("the repeated SNS delivery and the stale notice had no effect").isEqualTo(3);

        manager("bob").post("/api/changes/" + done.id() + "/approve").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("follows the provider's notices"));
        agent("bob").body("{\"text\":\"noted\"}").post("/api/changes/" + done.id() + "/comments").then().statusCode(200);
    }

    @Test
    void anAzurePlannedMaintenanceIsRescheduledThenCancelledOnTheSameRecord() {
        String subscription = UUID.randomUUID().toString();
        String ci = ciInAccount(subscription, null, "azure");
        String ref = "TRK-" + UUID.randomUUID().toString().substring(0, 6);
        Signal planned = notice("azure/service_health_maintenance_vm_planned", ref, subscription);
        send(planned, planned.id());
        ChangeRequest created = byRef("azure", ref, change -> true);
        assertThat(created.status()).isEqualTo(ChangeStatus.SCHEDULED);
        assertThat(created.window()).isEqualTo(new io.siamhub.model.TimeWindow(Instant.parse("2026-12-08T01:00:00Z"),
                Instant.parse("2026-12-08T05:00:00Z")));
        assertThat(created.configurationItems()).containsExactly(ci);
        assertThat(created.requestedBy()).isEqualTo("azure");

        Signal rescheduled = notice("azure/service_health_maintenance_vm_rescheduled", ref, subscription);
        send(rescheduled, rescheduled.id());
        ChangeRequest moved = byRef("azure", ref, change -> change.sequence() == 1);
        assertThat(moved.id()).isEqualTo(created.id());
        assertThat(moved.status()).isEqualTo(ChangeStatus.SCHEDULED);
        assertThat(moved.window().start()).isEqualTo(Instant.parse("2026-12-09T01:00:00Z"));

        Signal cancelling = notice("azure/service_health_maintenance_vm_cancelled", ref, subscription);
        send(cancelling, cancelling.id());
        ChangeRequest cancelled = byRef("azure", ref, change -> change.status() == ChangeStatus.CANCELLED);
        assertThat(cancelled.id()).isEqualTo(created.id());
        assertThat(cancelled.configurationItems()).containsExactly(ci);
        assertThat(cancelled.window().start()).isEqualTo(Instant.parse("2026-12-09T01:00:00Z"));
        assertThat(cancelled.sequence()).as("raised again: calendar clients must drop the event").isEqualTo(2);
        List<ConsumerRecord<String, String>> records = KafkaTestClient.shared().readUntil(Topics.CHANGES, record -> cancelled.id().equals(record.key())
                && CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE).equals("io.siamhub.change.cancelled.v1"), Api.WAIT);
        assertThat(records.stream().filter(record -> cancelled.id().equals(record.key()))
                .map(record -> CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE)).toList())
                .containsExactly("io.siamhub.change.created.v1", "io.siamhub.change.updated.v1", "io.siamhub.change.cancelled.v1");
    }

    @Test
    void anIncidentOpenedWhileAChangeRunsIsLinkedAsSuspectedAndOneOutsideTheWindowIsNot() {
        String suffix = Api.catalog(Criticality.LOW, "web");
        String ci = "web-" + suffix;
        await().atMost(Api.WAIT).until(() -> catalog.current().item(ci) != null);
        ChangeRequest change = create("alice", "Risky deploy", Instant.now().plus(Duration.ofMinutes(5)), HOUR, List.of(ci),
                Map.of("type", "STANDARD"));
        act(agent("alice"), change.id(), "submit");
        act(manager("bob"), change.id(), "schedule");
        act(agent("alice"), change.id(), "start");

        Incident inside = incident(ci, Instant.now());
        String ceId = UUID.randomUUID().toString();
        sendIncident(inside, ceId);
        sendIncident(inside, ceId);
        ChangeRequest linked = await().atMost(Api.WAIT).until(() -> Api.get(change.id()), found -> !found.relatedIncidents().isEmpty());
        assertThat(linked.relatedIncidents()).singleElement().satisfies(link -> {
            assertThat(link.incidentId()).isEqualTo(inside.id());
            assertThat(link.number()).isEqualTo(inside.number());
            assertThat(link.relation()).isEqualTo(IncidentRelation.SUSPECTED_CAUSE);
            assertThat(link.rank()).isEqualTo(1);
            assertThat(link.reason()).contains("while " + change.number() + " was in progress");
        });
        List<ConsumerRecord<String, String>> records = KafkaTestClient.shared().readUntil(Topics.CHANGES, record -> change.id().equals(record.key())
                && CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE).equals("io.siamhub.change.incident-linked.v1"), Api.WAIT);
        assertThat(records).isNotEmpty();

        act(agent("alice"), change.id(), "complete");
        Incident muchLater = incident(ci, Instant.now().plus(Duration.ofHours(5)));
        sendIncident(muchLater, UUID.randomUUID().toString());
        Incident elsewhere = incident("unrelated-" + suffix, Instant.now());
        sendIncident(elsewhere, UUID.randomUUID().toString());
        Incident soonAfter = incident(ci, Instant.now().plus(Duration.ofMinutes(30)));
        sendIncident(soonAfter, UUID.randomUUID().toString());
        ChangeRequest after = await().atMost(Api.WAIT).until(() -> Api.get(change.id()), found -> found.relatedIncidents().size() == 2);
        assertThat(after.relatedIncidents()).extracting(link -> link.incidentId()).containsExactly(inside.id(), soonAfter.id());
        assertThat(after.relatedIncidents().get(1).reason()).contains("after " + change.number() + " completed");
        await().during(Duration.ofSeconds(2)).atMost(Api.WAIT).until(() -> Api.get(change.id()).relatedIncidents().size() == 2);
        assertThat(Api.get(change.id()).version()).as("one link per incident, the repeat had no effect").isEqualTo(after.version());
    }

    @Test
    void aLockdownDoesNotHoldAProviderMaintenanceItOnlyConflicts() {
        String account = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        String ci = ciInAccount(account, "eu-west-1", "aws");
        String ref = "arn:aws:health:eu-west-1::event/EC2/AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED/" + UUID.randomUUID();
        Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Signal upcoming = notice("aws/eventbridge_health_scheduledChange_ec2_upcoming", ref, account).toBuilder()
                .window(new io.siamhub.model.TimeWindow(start, start.plus(HOUR))).endsAt(start.plus(HOUR)).build();
        send(upcoming, upcoming.id());
        ChangeRequest maintenance = byRef("aws", ref, change -> true);
        assertThat(maintenance.status()).isEqualTo(ChangeStatus.SCHEDULED);

        io.restassured.response.Response created = Api.admin().body("{\"name\":\"Lockdown " + account + "\",\"timeZone\":\"UTC\","
                + "\"lockdown\":true,\"scope\":{\"configurationItems\":[\"" + ci + "\"]}}").post("/api/freeze-windows");
        created.then().statusCode(201);
        ChangeRequest after = Api.get(maintenance.id());
        assertThat(after.status()).as("its status follows the provider").isEqualTo(ChangeStatus.SCHEDULED);
        assertThat(after.conflicts()).anySatisfy(conflict -> assertThat(conflict.kind()).isEqualTo(ConflictKind.LOCKDOWN));
        Api.admin().delete("/api/freeze-windows/" + created.jsonPath().getString("id")).then().statusCode(204);
        assertThat(Api.get(maintenance.id()).conflicts()).isEmpty();
    }

    @Test
    void aCatalogTombstoneRemovesTheEntityFromTheCopy() {
        String suffix = Api.catalog(Criticality.LOW, "gone");
        String ci = "gone-" + suffix;
        await().atMost(Api.WAIT).until(() -> catalog.current().item(ci) != null);
        Api.publish("configuration-item:" + ci, EventTypes.CONFIGURATION_ITEM_DELETED, null);
        await().atMost(Api.WAIT).until(() -> catalog.current().item(ci) == null);
        agent("alice").body(Api.rfc("x", Instant.now().plus(Duration.ofDays(2)), HOUR, List.of(ci), Map.of())).post("/api/changes").then()
                .statusCode(400);
    }

    private static Incident incident(String ci, Instant at) {
        String id = UUID.randomUUID().toString();
        return new Incident(id, "INC" + String.format("%07d", Math.abs(id.hashCode() % 10_000_000)), "errors on " + ci, null, null, null, null,
                null, null, ci, null, null, List.of(), List.of(), false, false, false, false, at, null, null, null, 1);
    }

    private static void sendIncident(Incident incident, String ceId) {
        KafkaTestClient.shared().sendEvent(Topics.INCIDENTS, incident.id(), ceId, EventTypes.incident(IncidentEventKind.OPENED),
                Api.json(new IncidentEvent(IncidentEventKind.OPENED, incident, List.of(), Actor.system("test"), null, incident.createdAt())));
    }
}
