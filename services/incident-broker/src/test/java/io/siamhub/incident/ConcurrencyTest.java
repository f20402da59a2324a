package io.siamhub.incident;

import static io.siamhub.incident.Api.agent;
import static io.siamhub.incident.Api.awaitIncident;
import static io.siamhub.incident.Api.incidentsOf;
import static io.siamhub.incident.Api.newCi;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.siamhub.incident.correlation.Correlator;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.SiamJson;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentEvent;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalStatus;

/** Races: two transactions placing signals of one CI at once, and many writers on one incident. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ConcurrencyTest {

    @Inject
    Correlator correlator;

    @Test
    void twoTransactionsPlacingSignalsOfOneCiAtOnceMakeOneIncident() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String ci = newCi("race", Criticality.MEDIUM);
                Signal a = Feed.alert("fp-" + UUID.randomUUID(), ci);
                Signal b = Feed.alert("fp-" + UUID.randomUUID(), ci);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Incident>>> results = new ArrayList<>();
                for (Signal signal : List.of(a, b)) {
                    results.add(pool.submit((Callable<List<Incident>>) () -> {
                        start.await();
                        try {
                            return VertxContextSupport.subscribeAndAwait(
                                    () -> correlator.apply(List.of(new Correlator.Delivery(signal.id(), signal))));
                        } catch (Throwable failure) {
                            throw new IllegalStateException(failure);
                        }
                    }));
                }
                start.countDown();
                for (Future<List<Incident>> result : results) {
                    result.get(30, TimeUnit.SECONDS);
                }
                List<Incident> incidents = incidentsOf(ci);
                assertThat(incidents).as("round %d", round).hasSize(1);
                assertThat(incidents.get(0).signals().fingerprints()).containsExactlyInAnyOrder(a.fingerprint(), b.fingerprint());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eventsOfOneIncidentArePublishedInVersionOrderUnderConcurrentWriters() throws Exception {
        String ci = newCi("order", Criticality.MEDIUM);
        Signal alert = Feed.alert("fp-" + UUID.randomUUID(), ci);
        Feed.send(alert);
        Incident incident = awaitIncident(ci, found -> true);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writers = new ArrayList<>();
        try {
            for (int writer = 0; writer < 4; writer++) {
                int id = writer;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        agent("writer" + id).body("{\"text\":\"note " + i + "\"}").post("/api/incidents/" + incident.id() + "/comments")
                                .then().statusCode(200);
                        if (id == 0) {
                            Feed.send(Feed.again(alert, SignalStatus.FIRING, Instant.now()));
                        }
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long last = awaitIncident(ci, found -> found.signals().count() == 11).version();

        List<ConsumerRecord<String, String>> records = KafkaTestClient.shared().readUntil("siam.incidents.v1",
                record -> incident.id().equals(record.key()) && version(record) == last, Api.WAIT);
        List<Long> versions = records.stream().filter(record -> incident.id().equals(record.key())).map(ConcurrencyTest::version).toList();
        List<Long> expected = new ArrayList<>();
        for (long v = 1; v <= last; v++) {
            expected.add(v);
        }
        assertThat(versions).containsExactlyElementsOf(expected);
        assertThat(last).isGreaterThanOrEqualTo(41);
    }

    private static long version(ConsumerRecord<String, String> record) {
        try {
            return SiamJson.mapper().readValue(record.value(), IncidentEvent.class).incident().version();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
