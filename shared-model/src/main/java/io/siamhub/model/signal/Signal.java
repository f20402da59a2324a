package io.siamhub.model.signal;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.siamhub.model.Impact;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.Urgency;

/**
 * One provider event, normalized: an alert, a ticket update or a maintenance notice. Published on
 * {@code siam.signals.v1}; nothing downstream of the normalizer sees a provider's own format.
 *
 * @param id               unique id of this signal (UUID)
 * @param kind             ALERT, TICKET or MAINTENANCE
 * @param provider         the integration it came from: alertmanager, aws, azure, gcp, pagerduty, datadog,
 *                         servicenow, jira, cloudevents
 * @param providerRef      the provider's own id of the alert, ticket or event
 * @param fingerprint      stable dedup key: the same for firing and resolved of one alert
 * @param status           normalized status (see {@link SignalStatus} for which values each kind uses)
 * @param providerStatus   the provider's status, verbatim
 * @param severity         normalized severity
 * @param providerSeverity the provider's severity, verbatim
 * @param title            one line
 * @param description      longer text, when the provider gives one
 * @param resource         what it is about
 * @param service          the service, when the provider names it
 * @param labels           the provider's labels, tags or dimensions (sorted by key)
 * @param occurredAt       when it happened at the provider
 * @param receivedAt       when the hub accepted the webhook
 * @param endsAt           when an alert ended or is expected to end, if known
 * @param window           a maintenance window
 * @param link             a URL back to the provider's console
 * @param impact           a ticket's impact, when the provider sets one
 * @param urgency          a ticket's urgency, when the provider sets one
 * @param providerPriority a ticket's priority, verbatim
 * @param inboundOffset    where the raw record lies in {@code siam.inbound.v1}
 */
public record Signal(
        String id,
        SignalKind kind,
        String provider,
        String providerRef,
        String fingerprint,
        SignalStatus status,
        String providerStatus,
        Severity severity,
        String providerSeverity,
        String title,
        String description,
        Resource resource,
        String service,
        Map<String, String> labels,
        Instant occurredAt,
        Instant receivedAt,
        Instant endsAt,
        TimeWindow window,
        String link,
        Impact impact,
        Urgency urgency,
        String providerPriority,
        InboundOffset inboundOffset) {

    public Signal {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** The Kafka key: the fingerprint for alerts, {@code <provider>:<ref>} for tickets and maintenance. */
    public String key() {
        return kind == SignalKind.ALERT ? fingerprint : provider + ":" + providerRef;
    }
}
