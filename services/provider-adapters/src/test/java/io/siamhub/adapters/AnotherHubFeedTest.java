package io.siamhub.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.siamhub.adapters.core.HttpHeaders;
import io.siamhub.adapters.core.IgnoredEvent;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.model.signal.InboundOffset;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/**
 * One siam-hub feeding another: a subscription of format {@code cloudevents} on the first delivers its incident events
 * to the second's {@code /webhooks/cloudevents}, where each incident becomes an alert that fires while it is open and
 * resolves with it (pure: the adapter as the service builds it, no Quarkus).
 */
class AnotherHubFeedTest {

    private final AdapterHarness harness = new AdapterHarness();

    @Test
    void anIncidentOfAnotherHubIsAnAlertThatFiresWhileItIsOpenAndResolvesWithIt() {
        Signal opened = map(event("io.siamhub.incident.opened.v1", "OPENED", "NEW", "P1"));
        assertThat(opened.kind()).isEqualTo(SignalKind.ALERT);
        assertThat(opened.status()).isEqualTo(SignalStatus.FIRING);
        assertThat(opened.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(opened.fingerprint()).isEqualTo("cloudevents:/siam-hub/incident-broker:7f1c0a4e-0000-4000-8000-000000000042");
        assertThat(opened.title()).isEqualTo("INC0000042 Disk full on payments-db");
        assertThat(opened.service()).isEqualTo("payments");
        assertThat(opened.resource().id()).isEqualTo("payments-db");
        assertThat(opened.labels()).containsEntry("upstreamNumber", "INC0000042").containsEntry("upstreamOwner", "aws");

        Signal resolved = map(event("io.siamhub.incident.resolved.v1", "RESOLVED", "RESOLVED", "P1"));
        assertThat(resolved.status()).isEqualTo(SignalStatus.RESOLVED);
        assertThat(resolved.fingerprint()).as("the same alert").isEqualTo(opened.fingerprint());
    }

    @Test
    void anotherHubsSlaAndChangeEventsAreNotSignalsAndSaySo() {
        assertThatThrownBy(() -> map("""
                {"specversion": "1.0", "id": "e-2", "source": "/siam-hub/sla-monitor", "type": "io.siamhub.sla.breached.v1",
                 "data": {"clockId": "c-1"}}"""))
                .isInstanceOf(IgnoredEvent.class).hasMessageContaining("io.siamhub.incident.* only");
    }

    @Test
    void anIncidentAFeedMadeIsNotFedOnSoAHubSubscribedToItselfNeverLoops() {
        String fed = event("io.siamhub.incident.opened.v1", "OPENED", "NEW", "P1").replace("\"externalTickets\": []",
                "\"signals\": {\"count\": 1, \"fingerprints\": [\"cloudevents:/siam-hub/incident-broker:6e0b\"]}, \"externalTickets\": []");
        assertThatThrownBy(() -> map(fed)).isInstanceOf(IgnoredEvent.class).hasMessageContaining("never loop");
    }

    private Signal map(String body) {
        RawWebhook webhook = new RawWebhook("ce-hub-feed", "cloudevents", "cloudevents", FixtureCase.RECEIVED_AT, null,
                HttpHeaders.of(Map.of("content-type", "application/cloudevents+json").entrySet()), HttpHeaders.EMPTY,
                body.getBytes(StandardCharsets.UTF_8), new InboundOffset(0, 1));
        List<Signal> signals = harness.adapter("cloudevents").normalize(webhook);
        assertThat(signals).hasSize(1);
        return signals.get(0);
    }

    private static String event(String type, String kind, String status, String priority) {
        return """
                {"specversion": "1.0", "id": "e-%s", "source": "/siam-hub/incident-broker", "type": "%s",
                 "subject": "7f1c0a4e-0000-4000-8000-000000000042", "time": "2026-11-30T10:00:00Z",
                 "datacontenttype": "application/json",
                 "data": {"kind": "%s", "incident": {"id": "7f1c0a4e-0000-4000-8000-000000000042", "number": "INC0000042",
                  "title": "Disk full on payments-db", "status": "%s", "impact": "HIGH", "urgency": "HIGH", "priority": "%s",
                  "service": "payments", "configurationItem": "payments-db", "owner": "aws", "externalTickets": [],
                  "createdAt": "2026-11-30T10:00:00Z", "version": 1},
                  "changes": [], "actor": {"type": "SYSTEM", "id": "incident-broker"}, "occurredAt": "2026-11-30T10:00:00Z"}}"""
                .formatted(kind, type, kind, status, priority);
    }
}
