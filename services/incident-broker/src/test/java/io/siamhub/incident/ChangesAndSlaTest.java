package io.siamhub.incident;

import static io.siamhub.incident.Api.awaitIncident;
import static io.siamhub.incident.Api.detail;
import static io.siamhub.incident.Api.newCi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.siamhub.incident.persistence.MaintenanceWindowEntity;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.Actor;
import io.siamhub.model.EventTypes;
import io.siamhub.model.Priority;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.Topics;
import io.siamhub.model.change.ChangeEvent;
import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ChangeType;
import io.siamhub.model.change.IncidentLink;
import io.siamhub.model.change.IncidentRelation;
import io.siamhub.model.change.Risk;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.model.sla.SlaEventKind;
import io.siamhub.model.sla.SlaMetric;

/** What the broker reads from the change coordinator and the SLA monitor, fed straight onto their topics. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ChangesAndSlaTest {

    @Test
    void anIncidentOpenedInsideAnApprovedMaintenanceWindowIsMarkedLinkedAndLowered() {
        String ci = newCi("maint", Criticality.HIGH);
        String changeId = UUID.randomUUID().toString();
        Feed.change(event(change(changeId, ChangeStatus.APPROVED, ci, List.of())));
        await().atMost(Api.WAIT).until(() -> window(changeId) != null);

        Feed.send(Feed.alert("fp-" + UUID.randomUUID(), ci).toBuilder().severity(io.siamhub.model.signal.Severity.CRITICAL).build());
        Incident incident = awaitIncident(ci, found -> true);
        assertThat(incident.maintenance()).isTrue();
        assertThat(incident.relatedChanges()).containsExactly(changeId);
        // HIGH impact x HIGH urgency is P1; maintenance lowers it one step (policy LOWER_PRIORITY)
        assertThat(incident.priority()).isEqualTo(Priority.P2);
        assertThat(SignalRulesTest.timeline(incident, "opened in maintenance").reason()).contains("CHG-" + changeId.substring(0, 4));

        // once the change is cancelled, the window is forgotten: a new incident elsewhere in time is not marked
        Feed.change(event(change(changeId, ChangeStatus.CANCELLED, ci, List.of())));
        await().atMost(Api.WAIT).until(() -> window(changeId) == null);
    }

    @Test
    void aChangeListingAnIncidentLinksIt() {
        Incident incident = IncidentApiTest.open("linked by change");
        String changeId = UUID.randomUUID().toString();
        Feed.change(event(change(changeId, ChangeStatus.SUBMITTED, null, List.of(incident.id(), "not-a-uuid"))));

        // the first change event this test JVM's application reads: after a Quarkus restart (another test profile ran
        // first) the changes consumer's group join has taken up to ~45 s; it reads from the earliest offset, so nothing is
        // missed, only late
        Incident linked = await().atMost(Duration.ofSeconds(90)).until(() -> detail(incident.id()).incident(),
                found -> found.relatedChanges().contains(changeId));
        assertThat(SignalRulesTest.timeline(linked, "linked to change").actor().id()).isEqualTo("change-coordinator");
        assertThat(SignalRulesTest.timeline(linked, "linked to change").reason()).contains("SUSPECTED_CAUSE: opened while the change ran");
        // the same list again changes nothing
        Feed.change(event(change(changeId, ChangeStatus.APPROVED, null, List.of(incident.id()))));
        await().during(Duration.ofMillis(1500)).atMost(Api.WAIT).until(() -> detail(incident.id()).incident().version() == linked.version());
    }

    @Test
    void theLatestSlaStateOfEachClockIsShownWithTheIncident() {
        Incident incident = IncidentApiTest.open("timed");
        String clock = UUID.randomUUID().toString();
        Instant now = Instant.now();
        sla(new SlaEvent(SlaEventKind.STARTED, clock, incident.id(), "gold-p3", AgreementType.SLA, SlaMetric.RESOLUTION, null,
                Priority.P3, Duration.ofHours(8), Duration.ZERO, Duration.ofHours(8), null, now.plus(Duration.ofHours(8)), now,
                "integrator", ClockState.RUNNING, false, null, "started"));
        sla(new SlaEvent(SlaEventKind.AT_RISK, clock, incident.id(), "gold-p3", AgreementType.SLA, SlaMetric.RESOLUTION, null,
                Priority.P3, Duration.ofHours(8), Duration.ofHours(6), Duration.ofHours(2), 75, now.plus(Duration.ofHours(2)),
                now.plusSeconds(1), "integrator", ClockState.RUNNING, false, null, "75 % used"));

        var shown = await().atMost(Api.WAIT).until(() -> detail(incident.id()).sla(),
                list -> list.size() == 1 && "AT_RISK".equals(list.get(0).lastEvent()));
        assertThat(shown.get(0).state()).isEqualTo("RUNNING");
        assertThat(shown.get(0).stagePercent()).isEqualTo(75);
        assertThat(shown.get(0).remaining()).isEqualTo("PT2H");
        assertThat(shown.get(0).agreement()).isEqualTo("SLA");
        assertThat(shown.get(0).party()).isEqualTo("integrator");
        assertThat(shown.get(0).breached()).isFalse();

        sla(new SlaEvent(SlaEventKind.BREACHED, clock, incident.id(), "gold-p3", AgreementType.SLA, SlaMetric.RESOLUTION, null,
                Priority.P3, Duration.ofHours(8), Duration.ofHours(8), Duration.ZERO, null, now.plus(Duration.ofHours(2)),
                now.plusSeconds(2), "integrator", ClockState.RUNNING, true, null, "all used"));
        var breached = await().atMost(Api.WAIT).until(() -> detail(incident.id()).sla(), list -> list.get(0).breached());
        assertThat(breached.get(0).state()).as("breached while it still runs").isEqualTo("RUNNING");
        assertThat(breached.get(0).breachedAt()).isEqualTo(now.plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void anSlaEventWithoutTheClockStateGetsItFromItsKind() {
        Incident incident = IncidentApiTest.open("timed by an older producer");
        String clock = UUID.randomUUID().toString();
        Instant now = Instant.now();
        sla(new SlaEvent(SlaEventKind.PAUSED, clock, incident.id(), "gold-p3", AgreementType.UC, SlaMetric.RESOLUTION, "aws",
                Priority.P3, Duration.ofHours(8), Duration.ofHours(1), Duration.ofHours(7), null, null, now));

        var shown = await().atMost(Api.WAIT).until(() -> detail(incident.id()).sla(), list -> list.size() == 1);
        assertThat(shown.get(0).state()).isEqualTo("PAUSED");
        assertThat(shown.get(0).party()).isEqualTo("aws");
    }

    private static void sla(SlaEvent event) {
        KafkaTestClient.shared().sendEvent(Topics.SLA, event.incidentId(), UUID.randomUUID().toString(), EventTypes.sla(event.kind()),
                Feed.json(event));
    }

    private static MaintenanceWindowEntity window(String changeId) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> MaintenanceWindowEntity.findById(changeId)));
        } catch (Throwable failure) {
            throw new IllegalStateException(failure);
        }
    }

    static ChangeEvent event(ChangeRequest change) {
        return new ChangeEvent(ChangeEventKind.UPDATED, change, List.of(), Actor.user("cab"), "test", Instant.now());
    }

    static ChangeRequest change(String id, ChangeStatus status, String ci, List<String> incidents) {
        Instant now = Instant.now();
        return ChangeRequest.builder().id(id).number("CHG-" + id.substring(0, 4)).title("patch database").type(ChangeType.NORMAL)
                .origin(ChangeOrigin.RFC).status(status).risk(Risk.MEDIUM).endKnown(true)
                .window(new TimeWindow(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1))))
                .configurationItems(ci == null ? List.of() : List.of(ci))
                .relatedIncidents(incidents.stream().map(incident -> new IncidentLink(incident, null, IncidentRelation.SUSPECTED_CAUSE,
                        "opened while the change ran", 1, now)).toList())
                .requestedBy("cab").createdAt(now).updatedAt(now).version(1).build();
    }
}
