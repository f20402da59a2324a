package io.siamhub.adapters.datadog;

import static io.siamhub.adapters.core.JsonFields.text;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
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
 * Datadog webhooks (https://docs.datadoghq.com/integrations/webhooks/): the default payload
 * ({@code id}, {@code title}, {@code body}, {@code date}, {@code last_updated}, {@code event_type},
 * {@code org}) and payloads built from the documented variables, named after them in snake case
 * ({@code alert_id}, {@code alert_transition}, {@code alert_scope}, {@code alert_priority}, {@code tags}, ...).
 * The default payload keeps the priority, the transition and the scope only in its title
 * ({@code [P3] [Triggered on {host:db-07}] Disk usage high}, {@link DatadogTitle}); custom payloads
 * in their variables, which win.
 * <p>
 * Fingerprint: {@code datadog:<monitor id>:<scope>} ({@code alert_scope}, else the title's scope,
 * else the host): a multi-alert monitor alerts once per scope, and triggered and recovered of one
 * scope share it. The default payload names no monitor: there it is
 * {@code datadog:<org id>:<title without Datadog's groups>[:<scope>]}.
 */
@ApplicationScoped
public class DatadogAdapter implements ProviderAdapter {

    private final DatadogConfig config;
    private final SeverityMap severities;

    /** Also built directly by the pure mapping tests. */
    public DatadogAdapter(DatadogConfig config, MeterRegistry registry) {
        this.config = config;
        this.severities = new SeverityMap(provider(), config, registry);
    }

    @Override
    public String provider() {
        return "datadog";
    }

    @Override
    public List<String> endpoints() {
        return List.of("datadog");
    }

    @Override
    public void authenticateHeaders(WebhookRequest request) {
        SenderCredentials.header(request, provider(), config.secretHeader(), config.tokenList());
    }

    @Override
    public Set<String> secretHeaders() {
        return Set.of(config.secretHeader().toLowerCase(Locale.ROOT));
    }

    @Override
    public List<Signal> normalize(RawWebhook webhook) {
        JsonNode payload = webhook.json();
        String rawTitle = TextParts.firstNonBlank(text(payload, "alert_title"), text(payload, "event_title"), text(payload, "title"));
        String eventId = text(payload, "id");
        String monitor = TextParts.firstNonBlank(text(payload, "alert_id"), text(payload, "aggreg_key"));
        if (rawTitle == null || (monitor == null && eventId == null)) {
            throw MappingFailure.missing(rawTitle == null ? "alert_title / title" : "alert_id / id");
        }
        DatadogTitle parsed = DatadogTitle.parse(rawTitle);
        String title = parsed.title();
        Map<String, String> tags = tags(text(payload, "tags"));
        String scope = TextParts.firstNonBlank(text(payload, "alert_scope"), parsed.scope(), text(payload, "hostname"));
        String transition = TextParts.firstNonBlank(text(payload, "alert_transition"), parsed.transition());
        String priority = TextParts.firstNonBlank(text(payload, "alert_priority"), parsed.priority());
        String alertType = text(payload, "alert_type");
        // without a priority or an alert type, the transition is the severity: Triggered vs Warn
        String severity = TextParts.firstNonBlank(priority, alertType, transition);
        Labels labels = new Labels();
        labels.putAll(tags);
        labels.add("eventType", text(payload, "event_type"));
        labels.add("alertType", alertType);
        labels.add("alertCycleKey", text(payload, "alert_cycle_key"));
        labels.add("alertMetric", text(payload, "alert_metric"));
        labels.add("alertQuery", text(payload, "alert_query"));
        labels.add("alertScope", TextParts.firstNonBlank(text(payload, "alert_scope"), parsed.scope()));
        labels.add("eventId", text(payload, "id"));
        String host = TextParts.firstNonBlank(text(payload, "hostname"), tags.get("host"));
        String zone = tags.get("availability-zone");
        return List.of(Signal.builder()
                .kind(SignalKind.ALERT)
                .providerRef(TextParts.firstNonBlank(monitor, eventId))
                // the default payload names no monitor: its title (without the transition) stands for it
                .fingerprint(monitor != null ? "datadog:" + monitor + ":" + TextParts.firstNonBlank(scope, "*")
                        : "datadog:" + TextParts.firstNonBlank(text(payload, "org", "id"), "org") + ":" + title
                                + (scope == null ? "" : ":" + scope))
                .status(status(transition, alertType))
                .providerStatus(transition)
                .severity(severities.of(severity))
                .providerSeverity(severity)
                .title(title)
                .description(markdown(TextParts.firstNonBlank(text(payload, "event_msg"), text(payload, "body"),
                        text(payload, "text_only_msg"), text(payload, "alert_status"))))
                .resource(host == null ? null : new Resource(host, "host", host,
                        TextParts.firstNonBlank(tags.get("region"), zone == null ? null : zone.replaceAll("[a-z]$", "")),
                        TextParts.firstNonBlank(text(payload, "org", "id"), text(payload, "org_id"))))
                .service(tags.get("service"))
                .labels(labels)
                .occurredAt(time(payload))
                .link(text(payload, "link"))
                .providerPriority(priority)
                .build());
    }

    /** Recovered → RESOLVED; Triggered, Re-Triggered, Warn, No Data and Renotify → FIRING. */
    private static SignalStatus status(String transition, String alertType) {
        if (transition != null) {
            return transition.toLowerCase(Locale.ROOT).contains("recovered") ? SignalStatus.RESOLVED : SignalStatus.FIRING;
        }
        return "success".equalsIgnoreCase(alertType) ? SignalStatus.RESOLVED : SignalStatus.FIRING;
    }

    /** {@code $EVENT_MSG} is Markdown between {@code %%%} markers: the text without them. */
    static String markdown(String message) {
        if (message == null) {
            return null;
        }
        String text = message.replaceAll("(?m)^\\s*%%%\\s*$", "").strip();
        return text.isEmpty() ? null : text;
    }

    /** {@code $TAGS}: comma-separated {@code key:value} (or bare) tags. */
    private static Map<String, String> tags(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (text != null) {
            for (String tag : text.split(",")) {
                String trimmed = tag.trim();
                int colon = trimmed.indexOf(':');
                if (!trimmed.isEmpty()) {
                    tags.put(colon < 0 ? trimmed : trimmed.substring(0, colon), colon < 0 ? "" : trimmed.substring(colon + 1));
                }
            }
        }
        return tags;
    }

    /** {@code $DATE} / {@code $LAST_UPDATED}: epoch milliseconds, or text in some templates. */
    private static Instant time(JsonNode payload) {
        JsonNode date = payload.path("date");
        if (date.isNumber()) {
            return ProviderTimes.epoch(date.asLong());
        }
        return ProviderTimes.parse(TextParts.firstNonBlank(text(payload, "date"), text(payload, "last_updated")));
    }
}
