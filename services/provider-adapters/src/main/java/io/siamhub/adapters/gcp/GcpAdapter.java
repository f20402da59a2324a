package io.siamhub.adapters.gcp;

import static io.siamhub.adapters.core.JsonFields.stringMap;
import static io.siamhub.adapters.core.JsonFields.text;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.siamhub.adapters.core.IgnoredEvent;
import io.siamhub.adapters.core.Labels;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.ProviderTimes;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.adapters.core.SenderCredentials;
import io.siamhub.adapters.core.SeverityMap;
import io.siamhub.adapters.core.TextParts;
import io.siamhub.adapters.core.WebhookRequest;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/**
 * Google Cloud Monitoring incident webhooks, schema version 1.2
 * (https://cloud.google.com/monitoring/support/notification-options#webhooks). Times are epoch seconds.
 * The channel's test notification ({@code "version": "test"}) is ignored: it must never open anything.
 * <p>
 * Fingerprint: {@code gcp:<scoping project>:<condition>:<resource type>:<resource labels>[:<metric labels>]}.
 * Each time a condition trips, Cloud Monitoring opens a new incident id; the fingerprint stays with the
 * alerting condition and the time series it tripped on, so a re-fire reaches the same integrated
 * incident, while two series of one resource (two {@code response_code_class}es, two disks) never
 * share one. The resource's account is the monitored project ({@code resource.labels.project_id}),
 * which differs from the scoping project when one metrics scope watches several projects.
 */
@ApplicationScoped
public class GcpAdapter implements ProviderAdapter {

    private final GcpConfig config;
    private final SeverityMap severities;

    /** Also built directly by the pure mapping tests. */
    public GcpAdapter(GcpConfig config, MeterRegistry registry) {
        this.config = config;
        this.severities = new SeverityMap(provider(), config, registry);
    }

    @Override
    public String provider() {
        return "gcp";
    }

    @Override
    public List<String> endpoints() {
        return List.of("gcp/monitoring");
    }

    @Override
    public void authenticateHeaders(WebhookRequest request) {
        SenderCredentials.queryTokenOrBearerOrBasic(request, provider(), config.tokenList(), config.basicAuthList());
    }

    @Override
    public List<Signal> normalize(RawWebhook webhook) {
        JsonNode payload = webhook.json();
        JsonNode incident = payload.path("incident");
        if ("test".equalsIgnoreCase(text(payload, "version"))) {
            throw new IgnoredEvent(IgnoredEvent.Reason.TEST, "the notification channel's test (version test)");
        }
        String incidentId = text(incident, "incident_id");
        String state = text(incident, "state");
        if (incidentId == null || state == null) {
            throw MappingFailure.missing(incidentId == null ? "incident.incident_id" : "incident.state");
        }
        Map<String, String> resourceLabels = new TreeMap<>(stringMap(incident, "resource", "labels"));
        Map<String, String> metricLabels = new TreeMap<>(stringMap(incident, "metric", "labels"));
        String scopingProject = TextParts.firstNonBlank(text(incident, "scoping_project_id"), resourceLabels.get("project_id"));
        String monitoredProject = TextParts.firstNonBlank(resourceLabels.get("project_id"), scopingProject);
        String resourceType = TextParts.firstNonBlank(text(incident, "resource", "type"), text(incident, "resource_type_display_name"));
        String condition = TextParts.firstNonBlank(text(incident, "condition", "name"),
                TextParts.join("/", text(incident, "policy_name"), text(incident, "condition_name")), incidentId);
        String labelKey = joined(resourceLabels) + (metricLabels.isEmpty() ? "" : ":" + joined(metricLabels));
        boolean closed = state.equalsIgnoreCase("closed");
        Instant started = epoch(incident, "started_at");
        Instant ended = epoch(incident, "ended_at");

        Labels labels = new Labels();
        resourceLabels.forEach((key, value) -> labels.put("resource." + key, value));
        labels.add("metric", text(incident, "metric", "type"));
        metricLabels.forEach((key, value) -> labels.put("metric." + key, value));
        if (!monitoredProject.equals(scopingProject)) {
            labels.add("scopingProject", scopingProject);
        }
        labels.add("observedValue", text(incident, "observed_value"));
        labels.add("thresholdValue", text(incident, "threshold_value"));
        labels.add("incidentId", incidentId);
        stringMap(incident, "metadata", "user_labels").forEach((key, value) -> labels.put("user." + key, value));
        stringMap(incident, "policy_user_labels").forEach((key, value) -> labels.put("user." + key, value));
        stringMap(incident, "metadata", "system_labels").forEach((key, value) -> labels.put("system." + key, value));

        String severity = TextParts.firstNonBlank(text(incident, "severity"), labels.get("user.severity"));
        String zone = resourceLabels.get("zone");
        return List.of(Signal.builder()
                .kind(SignalKind.ALERT)
                .providerRef(incidentId)
                .fingerprint("gcp:" + scopingProject + ":" + condition + ":" + resourceType + ":" + labelKey)
                .status(closed ? SignalStatus.RESOLVED : SignalStatus.FIRING)
                .providerStatus(state)
                .severity(severities.of(severity))
                .providerSeverity(severity)
                .title(TextParts.firstNonBlank(TextParts.join(": ", text(incident, "policy_name"),
                        text(incident, "condition_name")), incidentId))
                .description(TextParts.join("\n\n", text(incident, "summary"),
                        TextParts.firstNonBlank(text(incident, "documentation", "content"), text(incident, "documentation"))))
                .resource(new Resource(
                        TextParts.firstNonBlank(resourceLabels.get("instance_id"), text(incident, "resource_id"),
                                text(incident, "resource_name")),
                        resourceType,
                        TextParts.firstNonBlank(text(incident, "resource_display_name"), resourceLabels.get("instance_name"),
                                text(incident, "resource_name")),
                        TextParts.firstNonBlank(resourceLabels.get("region"), resourceLabels.get("location"),
                                zone == null || zone.lastIndexOf('-') < 0 ? zone : zone.substring(0, zone.lastIndexOf('-'))),
                        monitoredProject))
                .labels(labels)
                .occurredAt(closed && ended != null ? ended : started)
                .endsAt(ended)
                .link(text(incident, "url"))
                .build());
    }

    /** {@code k=v,k=v} in key order. */
    private static String joined(Map<String, String> labels) {
        return labels.entrySet().stream().map(label -> label.getKey() + "=" + label.getValue()).collect(Collectors.joining(","));
    }

    /** Epoch seconds; 0 means unset. */
    private static Instant epoch(JsonNode incident, String field) {
        JsonNode value = incident.path(field);
        if (value.isNumber()) {
            return value.asLong() == 0 ? null : Instant.ofEpochSecond(value.asLong());
        }
        return ProviderTimes.parse(text(incident, field));
    }
}
