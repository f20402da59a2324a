package io.siamhub.sla;

import static io.siamhub.sla.Sla.admin;
import static io.siamhub.sla.Sla.awaitClocks;
import static io.siamhub.sla.Sla.awaitEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.EventTypes;
import io.siamhub.model.Priority;
import io.siamhub.model.Topics;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.catalog.Provider;
import io.siamhub.model.catalog.Service;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.model.sla.SlaEventKind;
import io.siamhub.sla.Sla.IncidentFeed;
import io.siamhub.sla.api.ClockResource;

/** Incident events from siam.incidents.v1 become clocks and SLA events on siam.sla.v1, against the real broker and database. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class IncidentClocksTest {

    /** A new service of the catalog, published on {@code siam.catalog.v1} as the incident broker would. */
    static String service() {
        String id = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTestClient.shared().sendEvent(Topics.CATALOG, "service:" + id, EventTypes.SERVICE_UPSERTED,
                Sla.json(new Service(id, id, null, Criticality.MEDIUM, null, List.of())));
        return id;
    }

    static String resolution(String service, String target, String extra) {
        return "{\"name\":\"resolution\",\"type\":\"SLA\",\"party\":\"integrator\",\"metric\":\"RESOLUTION\",\"appliesTo\":{\"services\":[\""
                + service + "\"]},\"target\":\"" + target + "\",\"calendar\":\"always\",\"pauseWhile\":[\"ON_HOLD\"]" + extra + "}";
    }

    @Test
    void anIncidentGetsItsClockAndTheClocksEventsArePublished() {
        String service = service();
        String definition = Sla.define(resolution(service, "PT4H", ",\"stages\":[50]"));
        Instant opened = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        IncidentFeed incident = IncidentFeed.open(opened, Priority.P2, "service-desk", service);

        ClockResource.ClockView clock = awaitClocks(incident.id(), clocks -> clocks.size() == 1).get(0);
        assertThat(clock.definitionId()).isEqualTo(definition);
        assertThat(clock.state()).isEqualTo(ClockState.RUNNING);
        assertThat(clock.startedAt()).isEqualTo(opened);
        assertThat(clock.dueAt()).isEqualTo(opened.plus(Duration.ofHours(4)));
        assertThat(clock.incidentNumber()).isEqualTo(incident.incident().number());
        SlaEvent started = awaitEvents(incident.id(), events -> !events.isEmpty()).get(0);
        assertThat(started.kind()).isEqualTo(SlaEventKind.STARTED);
        assertThat(started.clockId()).isEqualTo(clock.id().toString());
        assertThat(started.state()).isEqualTo(ClockState.RUNNING);
        assertThat(started.target()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void theSameIncidentEventTwiceHasOneEffect() {
        String service = service();
        Sla.define(resolution(service, "PT4H", ""));
        Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        IncidentFeed incident = IncidentFeed.open(t0, Priority.P3, "service-desk", service);
        incident.hold(t0.plus(Duration.ofMinutes(10)));
        incident.repeatLast(IncidentEventKind.UPDATED, t0.plus(Duration.ofMinutes(10)));
        incident.resume(t0.plus(Duration.ofMinutes(20)));

        List<SlaEvent> events = awaitEvents(incident.id(), found -> found.stream().anyMatch(event -> event.kind() == SlaEventKind.RESUMED));
        assertThat(events).extracting(SlaEvent::kind).containsExactly(SlaEventKind.STARTED, SlaEventKind.PAUSED, SlaEventKind.RESUMED);
        ClockResource.ClockView clock = Sla.clocks(incident.id()).get(0);
        assertThat(Sla.detail(clock.id()).segments()).hasSize(3);
    }

    @Test
    void aUcClockFollowsOwnershipFromProviderAToBAndBackWithSegmentsAndHops() {
        String service = service();
        String a = "prov-a-" + UUID.randomUUID().toString().substring(0, 6);
        String b = "prov-b-" + UUID.randomUUID().toString().substring(0, 6);
        provider(a);
        provider(b);
        Sla.alwaysOpen();
        String ucA = "uc-" + a;
        String ucB = "uc-" + b;
        for (String[] uc : new String[][] {{ucA, a}, {ucB, b}}) {
            String body = "{\"name\":\"UC " + uc[1] + "\",\"type\":\"UC\",\"party\":\"" + uc[1] + "\",\"metric\":\"RESOLUTION\","
                    + "\"appliesTo\":{\"services\":[\"" + service + "\"]},\"target\":\"PT8H\",\"calendar\":\"always\"}";
            // the catalog arrives on its own topic: the party becomes known shortly
            await().atMost(Sla.WAIT).until(() -> admin().body(body).put("/api/sla/definitions/" + uc[0]).statusCode() == 201);
        }
        Instant t0 = Instant.now().minus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MILLIS);
        IncidentFeed incident = IncidentFeed.open(t0, Priority.P2, a, service)
                .assign(t0.plus(Duration.ofHours(1)), b)
                .assign(t0.plus(Duration.ofHours(2)), a)
                .resolve(t0.plus(Duration.ofHours(3)));

        List<ClockResource.ClockView> clocks = awaitClocks(incident.id(),
                found -> found.size() == 2 && found.stream().allMatch(clock -> clock.state() == ClockState.MET));
        ClockResource.ClockView clockA = clocks.stream().filter(clock -> clock.definitionId().equals(ucA)).findFirst().orElseThrow();
        ClockResource.ClockView clockB = clocks.stream().filter(clock -> clock.definitionId().equals(ucB)).findFirst().orElseThrow();
        assertThat(clockA.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(clockB.elapsed()).isEqualTo(Duration.ofHours(1));
        ClockResource.ClockDetail detail = Sla.detail(clockA.id());
        assertThat(detail.segments()).extracting(segment -> segment.state())
                .containsExactly(ClockState.RUNNING, ClockState.PAUSED, ClockState.RUNNING, ClockState.MET);
        assertThat(detail.segments().get(1).reason()).isEqualTo("owned by " + b);
        assertThat(detail.hops()).isEqualTo(2);
        assertThat(detail.ownership()).extracting(ClockResource.OwnerSpan::owner).containsExactly(a, b, a);
        assertThat(detail.timeline()).extracting(line -> line.what()).containsExactly("started", "paused", "resumed", "met");
        assertThat(detail.timeline().get(1).cause()).contains(incident.incident().number()).contains("v2");
        List<SlaEvent> events = awaitEvents(incident.id(), found -> found.size() == 7);
        assertThat(events).filteredOn(event -> event.definitionId().equals(ucA)).extracting(SlaEvent::kind)
                .containsExactly(SlaEventKind.STARTED, SlaEventKind.PAUSED, SlaEventKind.RESUMED, SlaEventKind.MET);
        assertThat(events).filteredOn(event -> event.definitionId().equals(ucA)).allSatisfy(event -> assertThat(event.provider()).isEqualTo(a));
    }

    @Test
    void aPriorityLoweredCancelsTheClock() {
        String service = service();
        String body = "{\"name\":\"P1 resolution\",\"type\":\"SLA\",\"party\":\"integrator\",\"metric\":\"RESOLUTION\",\"appliesTo\":"
                + "{\"priorities\":[\"P1\"],\"services\":[\"" + service + "\"]},\"target\":\"PT4H\",\"calendar\":\"always\"}";
        Sla.define(body);
        Instant t0 = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        IncidentFeed incident = IncidentFeed.open(t0, Priority.P1, "service-desk", service).priority(t0.plus(Duration.ofMinutes(5)), Priority.P3);

        List<SlaEvent> events = awaitEvents(incident.id(), found -> found.size() == 2);
        assertThat(events).extracting(SlaEvent::kind).containsExactly(SlaEventKind.STARTED, SlaEventKind.CANCELLED);
        assertThat(events.get(1).reason()).contains("no longer applies").contains("P3");
        assertThat(Sla.clocks(incident.id())).extracting(ClockResource.ClockView::state).containsExactly(ClockState.CANCELLED);
    }

    @Test
    void aRecordThatIsNotAnIncidentEventIsDeadLetteredAndTheNextOneApplies() {
        String service = service();
        Sla.define(resolution(service, "PT4H", ""));
        String key = UUID.randomUUID().toString();
        KafkaTestClient.shared().sendEvent(Topics.INCIDENTS, key, EventTypes.INCIDENT_OPENED, "{\"kind\":\"OPENED\",\"incident\":{\"id\":\"x\"}}");

        IncidentFeed incident = IncidentFeed.open(Instant.now().truncatedTo(ChronoUnit.MILLIS), Priority.P3, "service-desk", service);

        awaitClocks(incident.id(), clocks -> clocks.size() == 1);
        await().atMost(Sla.WAIT).until(() -> Sla.readAll(Topics.deadLetter(Topics.INCIDENTS, "sla-monitor")).stream()
                .anyMatch(record -> key.equals(record.key())));
    }

    static void provider(String id) {
        KafkaTestClient.shared().sendEvent(Topics.CATALOG, "provider:" + id, EventTypes.PROVIDER_UPSERTED,
                Sla.json(new Provider(id, id, "UC-" + id)));
    }
}
