package io.siamhub.adapters.pagerduty;

import static io.siamhub.adapters.core.JsonFields.text;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.siamhub.adapters.core.HmacSignatures;
import io.siamhub.adapters.core.IgnoredEvent;
import io.siamhub.adapters.core.Labels;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.ProviderTimes;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.adapters.core.SeverityMap;
import io.siamhub.adapters.core.TextParts;
import io.siamhub.adapters.core.WebhookRequest;
import io.siamhub.model.Urgency;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Uni;

/**
 * PagerDuty V3 webhooks (https://developer.pagerduty.com/docs/webhooks/v3-overview/): TICKET signals
 * keyed {@code pagerduty:<incident id>}, with PagerDuty's status kept verbatim. Signed with
 * {@code X-PagerDuty-Signature: v1=<hex>} (several during rotation); {@code X-Webhook-Id} is the
 * delivery id.
 * <p>
 * What an event is says {@code event.data.type}, not the event type's prefix: only {@code incident}
 * data is the incident. {@code incident.annotated} carries an {@code incident_note},
 * {@code incident.responder.*} an {@code incident_responder}, {@code incident.status_update_published}
 * an {@code incident_status_update} (and the early-access task and action events their own types):
 * events <em>about</em> an incident that do not carry its state, so they are ignored rather than
 * mistaken for the incident (a note's id is not an incident's, and its absent status is not "open").
 * {@code pagey.ping} and {@code service.*} are ignored too.
 */
@ApplicationScoped
public class PagerDutyAdapter implements ProviderAdapter {

    private static final String SIGNATURE = "x-pagerduty-signature";

    private final PagerDutyConfig config;
    private final SeverityMap severities;

    /** Also built directly by the pure mapping tests. */
    public PagerDutyAdapter(PagerDutyConfig config, MeterRegistry registry) {
        this.config = config;
        this.severities = new SeverityMap(provider(), config, registry);
    }

    @Override
    public String provider() {
        return "pagerduty";
    }

    @Override
    public List<String> endpoints() {
        return List.of("pagerduty");
    }

    @Override
    public Uni<Void> authenticateBody(WebhookRequest request) {
        HmacSignatures.requireVersioned(request, SIGNATURE, provider(), config.secrets().orElse(List.of()));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Optional<String> deliveryId(WebhookRequest request) {
        return Optional.ofNullable(request.headers().first("x-webhook-id"));
    }

    @Override
    public Set<String> secretHeaders() {
        return Set.of(SIGNATURE);
    }

    @Override
    public List<Signal> normalize(RawWebhook webhook) {
        JsonNode event = webhook.json().path("event");
        String type = text(event, "event_type");
        if (type == null) {
            throw MappingFailure.missing("event.event_type");
        }
        if (type.equals("pagey.ping")) {
            throw new IgnoredEvent(IgnoredEvent.Reason.TEST, "the webhook subscription's test event pagey.ping");
        }
        JsonNode incident = event.path("data");
        String dataType = text(incident, "type");
        String about = text(incident, "incident", "id");
        if (about != null && !"incident".equals(dataType)) {
            throw new IgnoredEvent(IgnoredEvent.Reason.ANNOTATION, "PagerDuty " + type + " (" + dataType + ") is about incident "
                    + about + " and does not carry its state");
        }
        if (type.startsWith("service.") || "service".equals(dataType)) {
            throw new IgnoredEvent(IgnoredEvent.Reason.OTHER_RESOURCE, "PagerDuty " + type + " is about a service, not an incident");
        }
        if (!"incident".equals(dataType) && !(dataType == null && type.startsWith("incident."))) {
            throw new MappingFailure("unsupported", "PagerDuty event " + type + " with data of type " + dataType
                    + " (incident data is mapped; notes, responders, status updates and services are ignored)");
        }
        String id = text(incident, "id");
        if (id == null) {
            throw MappingFailure.missing("event.data.id");
        }
        String status = text(incident, "status");
        String priority = text(incident, "priority", "summary");
        String urgency = text(incident, "urgency");
        Labels labels = new Labels();
        labels.put("eventType", type);
        labels.add("incidentNumber", text(incident, "number"));
        labels.add("incidentKey", text(incident, "incident_key"));
        labels.add("escalationPolicy", text(incident, "escalation_policy", "summary"));
        labels.add("assignees", names(incident.path("assignees")));
        labels.add("teams", names(incident.path("teams")));
        labels.add("agent", text(event, "agent", "summary"));
        String serviceName = text(incident, "service", "summary");
        String link = text(incident, "html_url");
        return List.of(Signal.builder()
                .kind(SignalKind.TICKET)
                .providerRef(id)
                .fingerprint("pagerduty:" + id)
                .status(status(status, type))
                .providerStatus(status)
                .severity(severities.of(TextParts.firstNonBlank(priority, urgency)))
                .providerSeverity(TextParts.firstNonBlank(priority, urgency))
                .title(TextParts.firstNonBlank(text(incident, "title"), id))
                .description(text(incident, "description"))
                .resource(serviceName == null ? null : new Resource(text(incident, "service", "id"), "pagerduty/service",
                        serviceName, null, subdomain(link)))
                .service(serviceName)
                .labels(labels)
                .occurredAt(ProviderTimes.parse(text(event, "occurred_at")))
                .link(link)
                .urgency("high".equalsIgnoreCase(urgency) ? Urgency.HIGH : "low".equalsIgnoreCase(urgency) ? Urgency.LOW : null)
                .providerPriority(priority)
                .build());
    }

    private static SignalStatus status(String status, String eventType) {
        String value = status == null ? eventType.substring("incident.".length()) : status;
        return switch (value) {
            case "acknowledged" -> SignalStatus.ACKNOWLEDGED;
            case "resolved" -> SignalStatus.RESOLVED;
            default -> SignalStatus.OPEN;
        };
    }

    /** The account: {@code <subdomain>.pagerduty.com}. */
    private static String subdomain(String link) {
        try {
            String host = link == null ? null : URI.create(link).getHost();
            return host == null || !host.endsWith(".pagerduty.com") ? host : host.substring(0, host.indexOf('.'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String names(JsonNode references) {
        List<String> names = new ArrayList<>();
        for (JsonNode reference : references) {
            String name = text(reference, "summary");
            if (name != null) {
                names.add(name);
            }
        }
        return names.isEmpty() ? null : String.join(",", names);
    }
}
