package io.siamhub.incident.correlation;

import static io.siamhub.incident.correlation.SignalRulesTableTest.NOW;
import static io.siamhub.incident.correlation.SignalRulesTableTest.PLACED;
import static io.siamhub.incident.correlation.SignalRulesTableTest.alert;
import static io.siamhub.incident.correlation.SignalRulesTableTest.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.siamhub.incident.IncidentConfig;
import io.siamhub.incident.TestConfig;
import io.siamhub.incident.rules.AutoResolvePolicy;
import io.siamhub.incident.rules.FlappingDetector;
import io.siamhub.incident.rules.IncidentUpdate;
import io.siamhub.incident.rules.PriorityMatrix;
import io.siamhub.model.FieldChange;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/** A batch's decisions folded into rows and one event per incident (pure). */
class BatchWritesTest {

    private final IncidentConfig config = TestConfig.incident();
    private final FlappingDetector flapping = new FlappingDetector(config);
    private final AtomicLong ids = new AtomicLong();
    private final SignalRules rules = new SignalRules(config, new PriorityMatrix(config), flapping, new AutoResolvePolicy(config, flapping),
            () -> new UUID(7, ids.incrementAndGet()));

    @Test
    void anIncidentOpenedAndRepeatedInOneBatchIsOneInsertAndOneOpenedEvent() {
        List<Signal> signals = List.of(alert("fp-a", SignalStatus.FIRING, NOW), alert("fp-a", SignalStatus.FIRING, NOW.plusSeconds(1)),
                alert("fp-b", SignalStatus.FIRING, NOW.plusSeconds(2)));
        SignalRulesTableTest.Given given = new SignalRulesTableTest.Given();
        signals.forEach(signal -> given.placements.put(signal.id(), PLACED));
        LoadedState loaded = given.loaded();

        BatchWrites writes = BatchWrites.of(loaded, rules.decide(loaded, signals, NOW));

        assertThat(writes.incidents()).singleElement().satisfies(update -> {
            assertThat(update.isOpened()).isTrue();
            assertThat(update.kind()).isEqualTo(IncidentEventKind.OPENED);
            assertThat(update.actor().id()).isEqualTo("correlation.new-incident");
            assertThat(update.incident().signalCount).isEqualTo(3);
            assertThat(update.incident().fingerprints).containsExactly("fp-a", "fp-b");
            assertThat(update.timeline()).extracting(line -> line.what()).containsExactly("opened", "signal joined");
            assertThat(update.changes()).contains(new FieldChange("signals.count", null, "3"), new FieldChange("status", null, "NEW"));
        });
        assertThat(writes.newIncidents()).containsExactly(writes.incidents().get(0).incident().id);
        assertThat(writes.fingerprints()).hasSize(2).allSatisfy(row -> assertThat(writes.newFingerprints()).contains(row.id));
        assertThat(writes.fingerprints()).filteredOn(row -> row.fingerprint.equals("fp-a")).singleElement()
                .satisfies(row -> assertThat(row.count).isEqualTo(2));
    }

    @Test
    void aReopenChangesTheLoadedRowsAndNamesTheStrongestKind() {
        SignalRulesTableTest.Given given = new SignalRulesTableTest.Given()
                .incident("i1", IncidentStatus.RESOLVED, NOW.minusSeconds(600), incident -> incident.resolvedAt = NOW.minusSeconds(600))
                .fingerprint("fp-a", "i1", SignalStatus.RESOLVED);
        Signal firing = alert("fp-a", SignalStatus.FIRING, NOW);
        given.placements.put(firing.id(), PLACED);
        LoadedState loaded = given.loaded();

        BatchWrites writes = BatchWrites.of(loaded, rules.decide(loaded, List.of(firing), NOW));

        IncidentUpdate update = writes.incidents().get(0);
        assertThat(update.isOpened()).isFalse();
        assertThat(update.kind()).isEqualTo(IncidentEventKind.REOPENED);
        assertThat(update.incident().version).as("the writer raises it").isEqualTo(3);
        assertThat(update.changes()).contains(new FieldChange("status", "RESOLVED", "NEW"), new FieldChange("signals.count", "1", "2"));
        assertThat(writes.newIncidents()).isEmpty();
        assertThat(writes.newFingerprints()).isEmpty();
        assertThat(writes.fingerprints()).singleElement().satisfies(row -> assertThat(row.status).isEqualTo(SignalStatus.FIRING));
        assertThat(loaded.incidents().get(update.incident().id).status).as("loaded state untouched").isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void aTicketSignalThatChangesNothingPublishesNothing() {
        SignalRulesTableTest.Given given = new SignalRulesTableTest.Given()
                .incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                .ticket("jira:10001", "OPS-1", "i1", SignalStatus.OPEN);
        LoadedState loaded = given.loaded();
        Signal same = ticket("jira", "10001", "OPS-1", SignalStatus.OPEN, "To Do");
        assertThat(same.kind()).isEqualTo(SignalKind.TICKET);

        BatchWrites writes = BatchWrites.of(loaded, rules.decide(loaded, List.of(same), NOW));

        assertThat(writes.incidents()).isEmpty();
        assertThat(writes.tickets()).singleElement().satisfies(ticket -> assertThat(ticket.updatedAt).isEqualTo(NOW));
        assertThat(writes.newTickets()).isEmpty();
        assertThat(writes.changeLinks()).isEqualTo(Map.of());
    }
}
