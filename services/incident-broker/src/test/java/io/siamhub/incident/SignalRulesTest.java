package io.siamhub.incident;

import static io.siamhub.incident.Api.awaitIncident;
import static io.siamhub.incident.Api.awaitIncidents;
import static io.siamhub.incident.Api.detail;
import static io.siamhub.incident.Api.incidentsOf;
import static io.siamhub.incident.Api.newCi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.siamhub.incident.api.IncidentQueries;
import io.siamhub.incident.lifecycle.AutoResolution;
import io.siamhub.kit.testing.DrivenClock;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.ActorType;
import io.siamhub.model.Impact;
import io.siamhub.model.Priority;
import io.siamhub.model.Urgency;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalStatus;

/** The signal rules end to end: records on the real broker in, incidents in the real database out. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SignalRulesTest {

    @Inject
    DrivenClock clock;

    @Inject
    AutoResolution autoResolution;

    @Test
    void aThousandRepeatsOfOneFingerprintMakeOneIncidentCountingAThousand() {
        String ci = newCi("dedup", Criticality.MEDIUM);
        Signal first = Feed.alert(fingerprint(), ci);
        List<Signal> repeats = new ArrayList<>();
        repeats.add(first);
        for (int i = 1; i < 1000; i++) {
            repeats.add(Feed.again(first, SignalStatus.FIRING, Instant.now()));
        }
        Feed.send(repeats);

        Incident incident = awaitIncident(ci, found -> found.signals().count() == 1000);
        assertThat(incident.signals().fingerprints()).containsExactly(first.fingerprint());
        assertThat(incidentsOf(ci)).hasSize(1);
        IncidentQueries.Detail detail = detail(incident.id());
        assertThat(detail.signals()).singleElement().satisfies(signal -> {
            assertThat(signal.count()).isEqualTo(1000);
            assertThat(signal.joinedBy()).isEqualTo("correlation.new-incident");
        });
    }

    @Test
    void aNewFingerprintJoinsTheOpenIncidentOfItsCiInsideTheWindowAndSaysWhy() {
        String ci = newCi("corr-in", Criticality.MEDIUM);
        Signal a = Feed.alert(fingerprint(), ci);
        Signal b = Feed.alert(fingerprint(), ci);
        Feed.send(a);
        awaitIncident(ci, incident -> true);
        Feed.send(b);

        Incident incident = awaitIncident(ci, found -> found.signals().fingerprints().size() == 2);
        assertThat(incident.signals().fingerprints()).containsExactly(a.fingerprint(), b.fingerprint());
        IncidentQueries.TimelineView joined = timeline(incident, "signal joined");
        assertThat(joined.actor().type()).isEqualTo(ActorType.SYSTEM);
        assertThat(joined.actor().id()).isEqualTo("correlation.same-ci");
        assertThat(joined.reason()).contains(b.fingerprint()).contains("CI " + ci).contains("correlation window of 10m");
        assertThat(detail(incident.id()).signals()).extracting(IncidentQueries.SignalView::joinedBy)
                .containsExactly("correlation.new-incident", "correlation.same-ci");
    }

    @Test
    void aNewFingerprintOutsideTheWindowOpensItsOwnIncident() {
        String ci = newCi("corr-out", Criticality.MEDIUM);
        Signal old = Feed.alert(fingerprint(), ci).toBuilder().receivedAt(Instant.now().minus(Duration.ofMinutes(20))).build();
        Feed.send(old);
        awaitIncident(ci, incident -> true);
        Feed.send(Feed.alert(fingerprint(), ci));

        List<Incident> incidents = awaitIncidents(ci, list -> list.size() == 2);
        assertThat(incidents).allSatisfy(incident -> assertThat(incident.signals().fingerprints()).hasSize(1));
    }

    @Test
    void aFingerprintFiringAgainWithinTheReopenWindowReopensLaterItOpensANewIncident() {
        String ci = newCi("reopen", Criticality.MEDIUM);
        Signal alert = Feed.alert(fingerprint(), ci);
        Feed.send(alert);
        String id = awaitIncident(ci, incident -> true).id();
        // resolved long enough ago that the quiet period is already over: the auto-resolver resolves it
        Feed.send(Feed.again(alert, SignalStatus.RESOLVED, Instant.now().minus(Duration.ofMinutes(6))));
        awaitIncident(ci, incident -> incident.status() == IncidentStatus.RESOLVED);

        Feed.send(Feed.again(alert, SignalStatus.FIRING, Instant.now()));
        Incident reopened = awaitIncident(ci, incident -> incident.status() == IncidentStatus.NEW);
        assertThat(reopened.id()).isEqualTo(id);
        assertThat(timeline(reopened, "reopened").actor().id()).isEqualTo("reopen.same-fingerprint");

        // resolve again; this time it fires after the reopen window: a new incident, the old one stays resolved
        Feed.send(Feed.again(alert, SignalStatus.RESOLVED, Instant.now().minus(Duration.ofMinutes(6))));
        awaitIncident(ci, incident -> incident.status() == IncidentStatus.RESOLVED);
        Feed.send(Feed.again(alert, SignalStatus.FIRING, Instant.now().plus(Duration.ofMinutes(31))));
        List<Incident> incidents = awaitIncidents(ci, list -> list.size() == 2);
        assertThat(incidents).extracting(Incident::status).containsExactlyInAnyOrder(IncidentStatus.NEW, IncidentStatus.RESOLVED);
        assertThat(incidents).filteredOn(incident -> incident.status() == IncidentStatus.RESOLVED).extracting(Incident::id)
                .containsExactly(id);
    }

    @Test
    void anIncidentResolvesByItselfAfterTheQuietPeriodWhenEverySignalResolved() {
        String ci = newCi("autoresolve", Criticality.MEDIUM);
        Signal a = Feed.alert(fingerprint(), ci);
        Signal b = Feed.alert(fingerprint(), ci);
        Feed.send(a, b);
        awaitIncident(ci, incident -> incident.signals().fingerprints().size() == 2);
        Instant due = Instant.now().plusSeconds(2);
        Feed.send(Feed.again(a, SignalStatus.RESOLVED, due.minus(Duration.ofMinutes(5))));
        Incident oneLeft = awaitIncident(ci, incident -> hasLine(incident, "signal resolved"));
        assertThat(oneLeft.status()).isEqualTo(IncidentStatus.NEW);
        assertThat(lines(oneLeft)).doesNotContain("auto-resolve scheduled");

        Feed.send(Feed.again(b, SignalStatus.RESOLVED, due.minus(Duration.ofMinutes(5))));
        Incident resolved = awaitIncident(ci, incident -> incident.status() == IncidentStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).isAfterOrEqualTo(due.minusMillis(5));
        assertThat(timeline(resolved, "auto-resolve scheduled").reason()).contains("quiet period of 5m");
        assertThat(timeline(resolved, "resolved").actor().id()).isEqualTo("auto-resolve");
    }

    @Test
    void aPersonActingCancelsThePendingAutoResolve() throws Throwable {
        String ci = newCi("cancel", Criticality.MEDIUM);
        Signal alert = Feed.alert(fingerprint(), ci);
        Feed.send(alert);
        awaitIncident(ci, incident -> true);
        Instant due = Instant.now().plusSeconds(5);
        Feed.send(Feed.again(alert, SignalStatus.RESOLVED, due.minus(Duration.ofMinutes(5))));
        Incident scheduled = awaitIncident(ci, incident -> hasLine(incident, "auto-resolve scheduled"));

        Api.agent("ana").post("/api/incidents/" + scheduled.id() + "/acknowledge").then().statusCode(200);
        // the quiet period passes (the broker's clock is driven past the due time) and the auto-resolver looks
        clock.advance(Duration.between(clock.instant(), due).plusSeconds(1));
        try {
            VertxContextSupport.subscribeAndAwait(autoResolution::resolveDue);
        } finally {
            clock.reset();
        }

        Incident after = incidentsOf(ci).get(0);
        assertThat(after.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        IncidentQueries.TimelineView acknowledged = timeline(after, "acknowledge");
        assertThat(acknowledged.actor()).satisfies(actor -> {
            assertThat(actor.type()).isEqualTo(ActorType.USER);
            assertThat(actor.id()).isEqualTo("ana");
        });
        assertThat(acknowledged.changes()).anySatisfy(change -> {
            assertThat(change.field()).isEqualTo("autoResolveAt");
            assertThat(change.to()).isNull();
        });
    }

    @Test
    void aFlappingFingerprintNeitherReResolvesNorReopensItsIncident() {
        String ci = newCi("flap-on", Criticality.MEDIUM);
        Signal alert = Feed.alert(fingerprint(), ci);
        Feed.send(alert);
        awaitIncident(ci, incident -> true);
        Instant at = Instant.now();
        List<Signal> flaps = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            flaps.add(Feed.again(alert, i % 2 == 1 ? SignalStatus.RESOLVED : SignalStatus.FIRING, at.plusMillis(i)));
        }
        Feed.send(flaps);

        Incident flapping = awaitIncident(ci, incident -> hasLine(incident, "signal flapping"));
        assertThat(detail(flapping.id()).signals()).singleElement().satisfies(signal -> assertThat(signal.flapping()).isTrue());
        assertThat(timeline(flapping, "every signal resolved; not resolving").reason()).contains("is flapping");
        assertThat(flapping.status()).isEqualTo(IncidentStatus.NEW);

        Api.agent("ana").post("/api/incidents/" + flapping.id() + "/resolve").then().statusCode(200);
        Feed.send(Feed.again(alert, SignalStatus.FIRING, at.plusMillis(10)));
        Incident held = awaitIncident(ci, incident -> hasLine(incident, "flapping signal fired; not reopened"));
        assertThat(held.status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void flappingClearsAfterItsQuietWindowAndThenWhatItHeldBackHappens() {
        String ci = newCi("flap-off", Criticality.MEDIUM);
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(40));
        Signal alert = Feed.alert(fingerprint(), ci).toBuilder().receivedAt(longAgo).build();
        List<Signal> flaps = new ArrayList<>(List.of(alert));
        for (int i = 1; i <= 5; i++) {
            flaps.add(Feed.again(alert, i % 2 == 1 ? SignalStatus.RESOLVED : SignalStatus.FIRING, longAgo.plusSeconds(i)));
        }
        Feed.send(flaps);

        Incident cleared = awaitIncident(ci, incident -> hasLine(incident, "signal no longer flapping"));
        assertThat(lines(cleared)).contains("signal flapping");
        assertThat(detail(cleared.id()).signals()).singleElement().satisfies(signal -> assertThat(signal.flapping()).isFalse());
        // every signal had resolved; with flapping over, the incident is scheduled to resolve
        assertThat(lines(cleared)).endsWith("auto-resolve scheduled");
    }

    @Test
    void unmappedSignalsStillOpenIncidentsOwnedByTheDefaultGroupAndNeverMerge() {
        String resource = "nowhere-" + UUID.randomUUID();
        Signal a = Feed.alert(fingerprint(), resource).toBuilder().title("disk full on " + resource).build();
        Signal b = Feed.alert(fingerprint(), resource).toBuilder().title("disk slow on " + resource).build();
        Feed.send(a, b);

        List<Incident> unmapped = await().atMost(Api.WAIT).until(() -> Api.read(Api.viewer().queryParam("unmapped", "true")
                .queryParam("q", resource).get("/api/incidents"), IncidentQueries.Page.class).items(), list -> list.size() == 2);
        assertThat(unmapped).allSatisfy(incident -> {
            assertThat(incident.unmapped()).isTrue();
            assertThat(incident.owner()).isEqualTo("service-desk");
            assertThat(incident.configurationItem()).isNull();
            assertThat(incident.impact()).isEqualTo(Impact.MEDIUM);
        });
        String metrics = io.restassured.RestAssured.get("/q/metrics").asString();
        assertThat(metrics).containsPattern("siam_incident_unmapped_signals_total\\{provider=\"alertmanager\"\\} [1-9]");
    }

    @Test
    void theSameSignalDeliveredTwiceHasOneEffect() {
        String ci = newCi("twice", Criticality.MEDIUM);
        Signal alert = Feed.alert(fingerprint(), ci);
        Feed.sendAs(alert, alert.id());
        Feed.sendAs(alert, alert.id());
        Feed.send(Feed.again(alert, SignalStatus.FIRING, Instant.now()));

        await().atMost(Api.WAIT).until(() -> !incidentsOf(ci).isEmpty() && incidentsOf(ci).get(0).version() >= 1);
        await().during(Duration.ofSeconds(1)).atMost(Api.WAIT).until(() -> incidentsOf(ci).get(0).signals().count() == 2);
    }

    @Test
    void severityRaisesUrgencyButAPersonsOverrideSticks() {
        String ci = newCi("urgency", Criticality.HIGH);
        Signal minor = Feed.alert(fingerprint(), ci).toBuilder().severity(Severity.MINOR).build();
        Feed.send(minor);
        Incident opened = awaitIncident(ci, incident -> true);
        assertThat(opened.priority()).isEqualTo(Priority.P2);

        Feed.send(Feed.again(minor, SignalStatus.FIRING, Instant.now()).toBuilder().severity(Severity.CRITICAL).build());
        Incident raised = awaitIncident(ci, incident -> incident.urgency() == Urgency.HIGH);
        assertThat(raised.priority()).isEqualTo(Priority.P1);
        assertThat(timeline(raised, "urgency raised").actor().id()).isEqualTo("priority.severity");

        Api.agent("ana").body("{\"urgency\":\"LOW\",\"reason\":\"customer-facing traffic drained\"}")
                .patch("/api/incidents/" + raised.id()).then().statusCode(200);
        Feed.send(Feed.alert(fingerprint(), ci).toBuilder().severity(Severity.CRITICAL).build());
        Incident overridden = awaitIncident(ci, incident -> incident.signals().fingerprints().size() == 2);
        assertThat(overridden.urgency()).isEqualTo(Urgency.LOW);
        assertThat(overridden.priority()).isEqualTo(Priority.P3);
    }

    @Test
    void impactTimesUrgencyGivesTheItilPriorityForEveryCell() {
        Criticality[] criticalities = {Criticality.HIGH, Criticality.MEDIUM, Criticality.LOW};
        Severity[] severities = {Severity.CRITICAL, Severity.MINOR, Severity.WARNING};
        Priority[][] expected = {
                {Priority.P1, Priority.P2, Priority.P3},
                {Priority.P2, Priority.P3, Priority.P4},
                {Priority.P3, Priority.P4, Priority.P5}};
        String[][] cis = new String[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                cis[i][j] = newCi("matrix", criticalities[i]);
                Feed.send(Feed.alert(fingerprint(), cis[i][j]).toBuilder().severity(severities[j]).build());
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                Incident incident = awaitIncident(cis[i][j], found -> true);
                assertThat(incident.priority()).as("%s impact, %s signal", criticalities[i], severities[j]).isEqualTo(expected[i][j]);
            }
        }
    }

    @Test
    void aRecordThatIsNotASignalIsDeadLetteredAndTheNextOneStillCounts() {
        Feed.raw("poison", "{not json", Feed.headers("io.siamhub.signal.alert.v1"));
        String ci = newCi("after-poison", Criticality.LOW);
        Feed.send(Feed.alert(fingerprint(), ci));

        awaitIncident(ci, incident -> true);
        io.siamhub.kit.testing.KafkaTestClient.shared().readUntil("siam.signals.v1.incident-broker.dlq",
                record -> "poison".equals(record.key()), Api.WAIT);
    }

    @Test
    void everyChangeIsPublishedAsAnIncidentEventKeyedByIncident() throws Exception {
        String ci = newCi("events", Criticality.MEDIUM);
        Feed.send(Feed.alert(fingerprint(), ci));
        Incident incident = awaitIncident(ci, found -> true);
        Api.agent("ana").post("/api/incidents/" + incident.id() + "/acknowledge").then().statusCode(200);

        var records = io.siamhub.kit.testing.KafkaTestClient.shared().readUntil("siam.incidents.v1",
                record -> incident.id().equals(record.key()) && header(record, "ce_type").endsWith("acknowledged.v1"), Api.WAIT);
        var mine = records.stream().filter(record -> incident.id().equals(record.key())).toList();
        assertThat(mine).extracting(record -> header(record, "ce_type"))
                .containsExactly("io.siamhub.incident.opened.v1", "io.siamhub.incident.acknowledged.v1");
        assertThat(mine).allSatisfy(record -> assertThat(header(record, "ce_subject")).isEqualTo(incident.number()));
        var event = io.siamhub.model.SiamJson.mapper().readValue(mine.get(1).value(), io.siamhub.model.incident.IncidentEvent.class);
        assertThat(event.incident().version()).isEqualTo(2);
        assertThat(event.actor().id()).isEqualTo("ana");
        assertThat(event.changes()).anySatisfy(change -> {
            assertThat(change.field()).isEqualTo("status");
            assertThat(change.from()).isEqualTo("NEW");
            assertThat(change.to()).isEqualTo("ACKNOWLEDGED");
        });
    }

    static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    static String fingerprint() {
        return "fp-" + UUID.randomUUID();
    }

    static List<String> lines(Incident incident) {
        return detail(incident.id()).timeline().stream().map(IncidentQueries.TimelineView::what).toList();
    }

    static boolean hasLine(Incident incident, String what) {
        return lines(incident).contains(what);
    }

    static IncidentQueries.TimelineView timeline(Incident incident, String what) {
        return detail(incident.id()).timeline().stream().filter(line -> line.what().equals(what)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no timeline line '" + what + "' in " + lines(incident)));
    }

}
