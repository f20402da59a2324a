package io.siamhub.sla;

import static io.siamhub.sla.Sla.awaitClocks;
import static io.siamhub.sla.Sla.awaitEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.Priority;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.model.sla.SlaEventKind;
import io.siamhub.sla.Sla.IncidentFeed;
import io.siamhub.sla.api.ClockResource;
import io.siamhub.sla.clock.SlaClockScheduler;

/**
 * Stage and breach timers with a driven clock: they fire at their instants, once, also when several schedulers race.
 * Times are in the past of the real clock, so no other test's clock comes due while a test moves time.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SlaTimersTest {

    @Inject
    DrivenClock time;
    @Inject
    SlaClockScheduler scheduler;

    @AfterEach
    void realTimeAgain() {
        time.release();
    }

    @Test
    void stagesAndTheBreachFireAtTheirInstants() {
        Instant t0 = Instant.parse("2021-03-01T10:00:00Z");
        time.set(t0);
        String service = IncidentClocksTest.service();
        Sla.define(IncidentClocksTest.resolution(service, "PT100M", ",\"stages\":[50,75,90]"));
        IncidentFeed incident = IncidentFeed.open(t0, Priority.P1, "service-desk", service);
        awaitClocks(incident.id(), clocks -> clocks.size() == 1);

        moveTo(t0.plus(Duration.ofMinutes(50)).minusMillis(1));
        sleep(700);
        assertThat(Sla.events(incident.id())).extracting(SlaEvent::kind).containsExactly(SlaEventKind.STARTED);

        moveTo(t0.plus(Duration.ofMinutes(50)));
        SlaEvent half = awaitEvents(incident.id(), events -> events.size() == 2).get(1);
        assertThat(half.kind()).isEqualTo(SlaEventKind.AT_RISK);
        assertThat(half.stagePercent()).isEqualTo(50);
        assertThat(half.occurredAt()).isEqualTo(t0.plus(Duration.ofMinutes(50)));
        assertThat(half.remaining()).isEqualTo(Duration.ofMinutes(50));

        moveTo(t0.plus(Duration.ofMinutes(100)));
        List<SlaEvent> atDue = awaitEvents(incident.id(), events -> events.size() == 4);
        assertThat(atDue).extracting(SlaEvent::stagePercent).containsExactly(null, 50, 75, 90);
        sleep(700);
        assertThat(Sla.events(incident.id())).as("exactly at the due instant it is not breached yet").hasSize(4);

        moveTo(t0.plus(Duration.ofMinutes(100)).plusMillis(1));
        SlaEvent breach = awaitEvents(incident.id(), events -> events.size() == 5).get(4);
        assertThat(breach.kind()).isEqualTo(SlaEventKind.BREACHED);
        assertThat(breach.occurredAt()).isEqualTo(t0.plus(Duration.ofMinutes(100)));
        assertThat(breach.breached()).isTrue();
        ClockResource.ClockView clock = Sla.clocks(incident.id()).get(0);
        assertThat(clock.state()).as("breached while still running").isEqualTo(ClockState.RUNNING);
        assertThat(clock.breached()).isTrue();
        assertThat(clock.breachedAt()).isEqualTo(t0.plus(Duration.ofMinutes(100)));
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("siam_sla_timer_lateness_seconds_count"))
                .body(org.hamcrest.Matchers.containsString("siam_sla_breaches_total{party=\"integrator\",priority=\"P1\",type=\"SLA\"}"));
    }

    @Test
    void racingSchedulersFireEveryTimerOnce() throws Exception {
        Instant t0 = Instant.parse("2021-04-01T10:00:00Z");
        time.set(t0);
        String service = IncidentClocksTest.service();
        Sla.define(IncidentClocksTest.resolution(service, "PT1M", ",\"stages\":[50]"));
        List<IncidentFeed> incidents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            incidents.add(IncidentFeed.open(t0, Priority.P2, "service-desk", service));
        }
        for (IncidentFeed incident : incidents) {
            awaitClocks(incident.id(), clocks -> clocks.size() == 1);
        }

        Instant later = t0.plus(Duration.ofMinutes(5));
        time.set(later);
        List<CompletableFuture<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return VertxContextSupport.subscribeAndAwait(() -> scheduler.fireDue(later));
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        scheduler.wake();

        for (CompletableFuture<Integer> racer : racers) {
            racer.get();
        }

        Set<String> ids = incidents.stream().map(IncidentFeed::id).collect(Collectors.toSet());
        Map<String, List<SlaEvent>> events = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> Sla.eventsOf(ids), found -> ids.stream().allMatch(id -> found.getOrDefault(id, List.of()).size() >= 3));
        sleep(1000);
        events = Sla.eventsOf(ids);
        for (String id : ids) {
            assertThat(events.get(id)).as("each timer of %s fires once", id).extracting(SlaEvent::kind)
                    .containsExactly(SlaEventKind.STARTED, SlaEventKind.AT_RISK, SlaEventKind.BREACHED);
        }
    }

    private void moveTo(Instant instant) {
        time.set(instant);
        scheduler.wake();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
