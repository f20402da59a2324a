package io.siamhub.model.signal;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.siamhub.model.Impact;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.Urgency;

/**
 * One provider event, normalized: an alert, a ticket update, a maintenance notice or a note about a ticket. Published on
 * {@code siam.signals.v1}; nothing downstream of the normalizer sees a provider's own format.
 *
 * @param id               unique id of this signal (UUID)
 * @param kind             ALERT, TICKET, MAINTENANCE or NOTE
 * @param provider         the integration it came from: alertmanager, aws, azure, gcp, pagerduty, datadog,
 *                         servicenow, jira, cloudevents
 * @param providerRef      the provider's own id of the alert, ticket or event
 * @param fingerprint      stable dedup key: the same for firing and resolved of one alert
 * @param status           normalized status (see {@link SignalStatus} for which values each kind uses); null for a NOTE
 * @param providerStatus   the provider's status, verbatim
 * @param severity         normalized severity; null for a NOTE
 * @param providerSeverity the provider's severity, verbatim
 * @param title            one line
 * @param description      longer text, when the provider gives one (a NOTE's text: the note, comment or message)
 * @param author           who wrote a NOTE (a person's or an integration's name as the provider shows it), else null
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
        String author,
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

    /** The Kafka key: the fingerprint for alerts, {@code <provider>:<ref>} for tickets, notes and maintenance (a note shares its ticket's partition). */
    public String key() {
        return kind == SignalKind.ALERT ? fingerprint : provider + ":" + providerRef;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy to change a few fields of. */
    public Builder toBuilder() {
        return new Builder().id(id).kind(kind).provider(provider).providerRef(providerRef).fingerprint(fingerprint)
                .status(status).providerStatus(providerStatus).severity(severity).providerSeverity(providerSeverity)
                .title(title).description(description).author(author).resource(resource).service(service).labels(labels)
                .occurredAt(occurredAt).receivedAt(receivedAt).endsAt(endsAt).window(window).link(link).impact(impact)
                .urgency(urgency).providerPriority(providerPriority).inboundOffset(inboundOffset);
    }

    /** Builds a signal field by field; the adapters fill in what their provider knows. */
    public static final class Builder {
        private String id;
        private SignalKind kind;
        private String provider;
        private String providerRef;
        private String fingerprint;
        private SignalStatus status;
        private String providerStatus;
        private Severity severity;
        private String providerSeverity;
        private String title;
        private String description;
        private String author;
        private Resource resource;
        private String service;
        private Map<String, String> labels;
        private Instant occurredAt;
        private Instant receivedAt;
        private Instant endsAt;
        private TimeWindow window;
        private String link;
        private Impact impact;
        private Urgency urgency;
        private String providerPriority;
        private InboundOffset inboundOffset;

        private Builder() {
        }

        public Builder id(String value) { id = value; return this; }
        public Builder kind(SignalKind value) { kind = value; return this; }
        public Builder provider(String value) { provider = value; return this; }
        public Builder providerRef(String value) { providerRef = value; return this; }
        public Builder fingerprint(String value) { fingerprint = value; return this; }
        public Builder status(SignalStatus value) { status = value; return this; }
        public Builder providerStatus(String value) { providerStatus = value; return this; }
        public Builder severity(Severity value) { severity = value; return this; }
        public Builder providerSeverity(String value) { providerSeverity = value; return this; }
        public Builder title(String value) { title = value; return this; }
        public Builder description(String value) { description = value; return this; }
        public Builder author(String value) { author = value; return this; }
        public Builder resource(Resource value) { resource = value; return this; }
        public Builder service(String value) { service = value; return this; }
        public Builder labels(Map<String, String> value) { labels = value; return this; }
        public Builder occurredAt(Instant value) { occurredAt = value; return this; }
        public Builder receivedAt(Instant value) { receivedAt = value; return this; }
        public Builder endsAt(Instant value) { endsAt = value; return this; }
        public Builder window(TimeWindow value) { window = value; return this; }
        public Builder link(String value) { link = value; return this; }
        public Builder impact(Impact value) { impact = value; return this; }
        public Builder urgency(Urgency value) { urgency = value; return this; }
        public Builder providerPriority(String value) { providerPriority = value; return this; }
        public Builder inboundOffset(InboundOffset value) { inboundOffset = value; return this; }

        public Signal build() {
            return new Signal(id, kind, provider, providerRef, fingerprint, status, providerStatus, severity,
                    providerSeverity, title, description, author, resource, service, labels, occurredAt, receivedAt, endsAt,
                    window, link, impact, urgency, providerPriority, inboundOffset);
        }
    }
}
