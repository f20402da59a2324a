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
 * data is the incident. Events <em>about</em> an incident carry other data and no incident state:
 * {@code incident.annotated} an {@code incident_note}, {@code incident.responder.added} /
 * {@code .replied} an {@code incident_responder}, {@code incident.status_update_published} an
 * {@code incident_status_update}, {@code incident.conference_bridge.updated},
 * {@code incident.workflow.*}, {@code incident.custom_field_values.updated} and the early-access task
 * events their own types. Each becomes a NOTE for the incident in {@code data.incident} (providerRef
 * and fingerprint as the incident's TICKET signals: never the note's id, never a status): the text in
 * {@code description}, who did it ({@code event.agent}) in {@code author}.
 * {@code pagey.ping} and {@code service.*} are ignored.
 */
@ApplicationScoped
public class PagerDutyAdapter implements ProviderAdapter {

    private static final String SIGNATURE = "x-pagerduty-signature";

    /**
     * Event types about an incident rather than of it: their data is never the incident, whatever its {@code type}
     * says (https://developer.pagerduty.com/docs/webhooks/v3-overview/#event-types).
     */
    private static final List<String> ABOUT_AN_INCIDENT = List.of("incident.annotated", "incident.responder.",
            "incident.status_update_published", "incident.conference_bridge.", "incident.workflow.", "incident.custom_field_values.",
            "incident.task.");

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
            return List.of(note(event, type, incident, about));
        }
        if (type.startsWith("service.") || "service".equals(dataType)) {
            throw new IgnoredEvent(IgnoredEvent.Reason.OTHER_RESOURCE, "PagerDuty " + type + " is about a service, not an incident");
        }
        if (dataType != null && dataType.startsWith("incident_") || dataType == null && ABOUT_AN_INCIDENT.stream().anyMatch(type::startsWith)) {
            // said about an incident, but names none: never read it as the incident itself (its id is the note's)
            throw new MappingFailure("missing_field", "required field event.data.incident.id is missing: PagerDuty " + type
                    + " is said about an incident and names none");
        }
        if (!"incident".equals(dataType) && !(dataType == null && type.startsWith("incident."))) {
            throw new MappingFailure("unsupported", "PagerDuty event " + type + " with data of type " + dataType
                    + " (incident data is mapped, data about an incident (data.incident) is a note, services are ignored)");
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

    /**
     * A NOTE about incident {@code about}: what was said or done, by whom. No status and no severity: it
     * goes on the incident's timeline and changes nothing.
     */
    private static Signal note(JsonNode event, String type, JsonNode data, String about) {
        String dataType = text(data, "type");
        String user = text(data, "user", "summary");
        String title;
        String text;
        switch (dataType == null ? "" : dataType) {
            case "incident_note" -> {
                title = "note added";
                text = text(data, "content");
            }
            case "incident_responder" -> {
                String responder = TextParts.firstNonBlank(user, text(data, "escalation_policy", "summary"), "a responder");
                title = type.endsWith(".replied") ? "responder " + responder + " " + TextParts.firstNonBlank(text(data, "state"), "replied")
                        : "responder " + responder + " requested";
                text = text(data, "message");
            }
            case "incident_status_update" -> {
                title = "status update published";
                text = text(data, "message");
            }
            case "incident_conference_bridge" -> {
                title = "conference bridge updated";
                text = TextParts.firstNonBlank(text(data, "conference_url"), text(data, "conference_number"));
            }
            case "incident_task" -> {
                title = "task " + TextParts.firstNonBlank(text(data, "summary"), text(data, "name"), text(data, "id")) + " "
                        + TextParts.firstNonBlank(text(data, "status"), type.substring(type.lastIndexOf('.') + 1));
                text = text(data, "description");
            }
            case "incident_workflow_instance" -> {
                title = "workflow " + TextParts.firstNonBlank(text(data, "workflow", "summary"), text(data, "id")) + " "
                        + type.substring(type.lastIndexOf('.') + 1);
                text = null;
            }
            case "incident_field_values" -> {
                title = "custom fields updated";
                text = fieldValues(data.path("custom_fields"));
            }
            default -> {
                title = type.startsWith("incident.") ? type.substring("incident.".length()).replace('.', ' ').replace('_', ' ') : type;
                text = text(data, "summary");
            }
        }
        Labels labels = new Labels();
        labels.put("eventType", type);
        labels.add("dataType", dataType);
        labels.add("dataId", text(data, "id"));
        labels.add("responder", "incident_responder".equals(dataType) ? user : null);
        return Signal.builder()
                .kind(SignalKind.NOTE)
                .providerRef(about)
                .fingerprint("pagerduty:" + about)
                .title(title)
                .description(text)
                .author(text(event, "agent", "summary"))
                .labels(labels)
                .occurredAt(ProviderTimes.parse(text(event, "occurred_at")))
                .link(text(data, "incident", "html_url"))
                .build();
    }

    /** {@code [{"name": "region", "value": "eu"}]} → {@code region: eu}. */
    private static String fieldValues(JsonNode fields) {
        List<String> values = new ArrayList<>();
        for (JsonNode field : fields) {
            String name = TextParts.firstNonBlank(text(field, "display_name"), text(field, "name"));
            JsonNode value = field.path("value");
            if (name != null) {
                values.add(name + ": " + (value.isMissingNode() || value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString()));
            }
        }
        return values.isEmpty() ? null : String.join(", ", values);
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
