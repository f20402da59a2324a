package io.siamhub.adapters.alertmanager;

import static io.siamhub.adapters.core.JsonFields.stringMap;
import static io.siamhub.adapters.core.JsonFields.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.PrometheusLabels;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.ProviderTimes;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.adapters.core.SenderCredentials;
import io.siamhub.adapters.core.SeverityMap;
import io.siamhub.adapters.core.TextParts;
import io.siamhub.adapters.core.WebhookRequest;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/**
 * Prometheus Alertmanager webhooks (payload version 4, and older ones without {@code fingerprint} or
 * {@code truncatedAlerts}): one signal per alert, with the alert's own status, not the group's
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config).
 * <p>
 * Fingerprint: {@code alertmanager:<fingerprint>}, Alertmanager's own hash of every label of the alert
 * (computed the same way when the payload lacks it), so firing and resolved of one alert share it and
 * two series never do. When {@code max_alerts} cut the group, every signal of it carries
 * {@code truncatedAlerts=<n>}: the incident shows that more alerts fired than arrived.
 */
@ApplicationScoped
public class AlertmanagerAdapter implements ProviderAdapter {

    private static final Logger LOG = Logger.getLogger(AlertmanagerAdapter.class);
    /** Go's zero time: Alertmanager's "not set". */
    private static final Instant UNSET = Instant.parse("0001-01-01T00:00:00Z");

    private final AlertmanagerConfig config;
    private final SeverityMap severities;

    /** Also built directly by the pure mapping tests. */
    public AlertmanagerAdapter(AlertmanagerConfig config, MeterRegistry registry) {
        this.config = config;
        this.severities = new SeverityMap(provider(), config, registry);
    }

    @Override
    public String provider() {
        return "alertmanager";
    }

    @Override
    public List<String> endpoints() {
        return List.of("alertmanager");
    }

    @Override
    public void authenticateHeaders(WebhookRequest request) {
        SenderCredentials.bearerOrBasic(request, provider(), config.tokenList(), config.basicAuthList());
    }

    @Override
    public List<Signal> normalize(RawWebhook webhook) {
        JsonNode payload = webhook.json();
        JsonNode alerts = payload.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw MappingFailure.missing("alerts");
        }
        int truncated = payload.path("truncatedAlerts").asInt(0);
        if (truncated > 0) {
            LOG.infof("Alertmanager group %s dropped %d alerts (max_alerts)", text(payload, "groupKey"), truncated);
        }
        List<Signal> signals = new ArrayList<>(alerts.size());
        for (JsonNode alert : alerts) {
            signals.add(alert(alert, payload, truncated, webhook.receivedAt()));
        }
        return signals;
    }

    private Signal alert(JsonNode alert, JsonNode payload, int truncated, Instant receivedAt) {
        Map<String, String> alertLabels = stringMap(alert, "labels");
        if (alertLabels.isEmpty()) {
            throw MappingFailure.missing("alerts[].labels");
        }
        // the fingerprint is Alertmanager's hash of the alert's own labels, before anything is added
        String fingerprint = TextParts.firstNonBlank(text(alert, "fingerprint"), AlertmanagerFingerprint.of(alertLabels));
        Map<String, String> labels = alertLabels;
        if (truncated > 0) {
            labels = new LinkedHashMap<>(alertLabels);
            labels.put("truncatedAlerts", Integer.toString(truncated));
        }
        Map<String, String> annotations = stringMap(alert, "annotations");
        Instant endsAt = time(alert, "endsAt");
        String severity = labels.get(config.severityLabel());
        String alertname = labels.get("alertname");
        return Signal.builder()
                .kind(SignalKind.ALERT)
                .providerRef(fingerprint)
                .fingerprint("alertmanager:" + fingerprint)
                .status(status(alert, payload, endsAt, receivedAt))
                .providerStatus(TextParts.firstNonBlank(text(alert, "status"), text(payload, "status")))
                .severity(severities.of(severity))
                .providerSeverity(severity)
                .title(TextParts.firstNonBlank(TextParts.join(": ", alertname,
                        TextParts.firstNonBlank(annotations.get("summary"), annotations.get("title"))), fingerprint))
                .description(TextParts.firstNonBlank(annotations.get("description"), annotations.get("message")))
                .resource(PrometheusLabels.resource(alertLabels, alertLabels.get("cluster")))
                .service(labels.get("service"))
                .labels(labels)
                .occurredAt(time(alert, "startsAt"))
                .endsAt(endsAt)
                .link(text(alert, "generatorURL"))
                .build();
    }

    /** The alert's own status; without one, an end time already past means resolved. */
    private static SignalStatus status(JsonNode alert, JsonNode payload, Instant endsAt, Instant receivedAt) {
        String status = TextParts.firstNonBlank(text(alert, "status"), text(payload, "status"));
        if ("resolved".equalsIgnoreCase(status)) {
            return SignalStatus.RESOLVED;
        }
        if ("firing".equalsIgnoreCase(status)) {
            return SignalStatus.FIRING;
        }
        return endsAt != null && !endsAt.isAfter(receivedAt) ? SignalStatus.RESOLVED : SignalStatus.FIRING;
    }

    private static Instant time(JsonNode alert, String field) {
        Instant instant = ProviderTimes.parse(text(alert, field));
        return instant == null || !instant.isAfter(UNSET) ? null : instant;
    }
}
