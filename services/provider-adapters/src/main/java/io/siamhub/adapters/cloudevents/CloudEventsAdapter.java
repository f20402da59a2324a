package io.siamhub.adapters.cloudevents;

import static io.siamhub.adapters.core.JsonFields.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.siamhub.adapters.core.HttpHeaders;
import io.siamhub.adapters.core.IgnoredEvent;
import io.siamhub.adapters.core.Labels;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.ProviderTimes;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.adapters.core.SeverityMap;
import io.siamhub.adapters.core.SignedWebhookConfig;
import io.siamhub.adapters.core.StandardWebhooks;
import io.siamhub.adapters.core.TextParts;
import io.siamhub.adapters.core.WebhookRequest;
import io.siamhub.model.SiamJson;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Uni;

/**
 * CloudEvents 1.0 over HTTP (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md)
 * in structured ({@code application/cloudevents+json}), batch ({@code application/cloudevents-batch+json})
 * and binary mode ({@code ce-*} headers, the body is the data). The data is a signal in the
 * {@code Signal} shape; what it leaves out comes from the event: providerRef = {@code subject}, else
 * {@code id} (the subject names the thing, the id only this event: a ticket's updates share its subject),
 * fingerprint = {@code cloudevents:<source>:<subject or id>}, kind from data or the type, occurredAt =
 * {@code time}. An event another siam-hub publishes ({@code io.siamhub.incident.*}, from a subscription of
 * format {@code cloudevents}) is mapped from its {@code IncidentEvent} (see {@code fromAnotherHub}).
 * The delivery id is {@code <source>/<id>} (unique per the spec); a batch's is a hash of its members'.
 */
@ApplicationScoped
public class CloudEventsAdapter implements ProviderAdapter {

    private static final String STRUCTURED = "application/cloudevents+json";
    private static final String BATCH = "application/cloudevents-batch+json";
    /** The type of siam-hub's own subscription test ping, which one siam-hub may send another. */
    private static final String PING_TYPE = "io.siamhub.subscription.ping.v1";
    /** The prefix of the types siam-hub publishes (another siam-hub's subscription feeding this one). */
    private static final String SIAM_HUB_TYPES = "io.siamhub.";
    /**
     * The types of the hub's own signals ({@code io.siamhub.signal.<alert|ticket|maintenance|note>.v1} on
     * {@code siam.signals.v1}): a sender using them sends a Signal, mapped like any other CloudEvent.
     */
    private static final String SIAM_HUB_SIGNALS = "io.siamhub.signal.";

    private final CloudEventsConfig config;
    private final SeverityMap severities;
    private final Clock clock;

    /** Also built directly by the pure mapping tests. */
    public CloudEventsAdapter(CloudEventsConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.severities = new SeverityMap(provider(), config, registry);
        this.clock = clock;
    }

    @Override
    public String provider() {
        return "cloudevents";
    }

    @Override
    public List<String> endpoints() {
        return List.of("cloudevents");
    }

    @Override
    public List<String> mediaTypes() {
        return List.of("application/json", STRUCTURED, BATCH);
    }

    @Override
    public Uni<Void> authenticateBody(WebhookRequest request) {
        // another siam-hub (or any Standard Webhooks sender) signs with webhook-signature; the rest with X-Siam-Signature
        if (request.headers().first(StandardWebhooks.SIGNATURE) != null) {
            StandardWebhooks.verify(request, provider(), config.secretList(), config.tolerance(), clock);
        } else {
            config.verify(request, provider(), clock);
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public Set<String> secretHeaders() {
        return Set.of(SignedWebhookConfig.SIGNATURE_HEADER, StandardWebhooks.SIGNATURE);
    }

    @Override
    public Optional<String> deliveryId(WebhookRequest request) {
        String binaryId = request.headers().first("ce-id");
        if (binaryId != null) {
            return Optional.of(request.headers().first("ce-source") + "/" + binaryId);
        }
        JsonNode body = request.json();
        if (body.isArray()) {
            StringBuilder ids = new StringBuilder();
            body.forEach(event -> ids.append(text(event, "source")).append('/').append(text(event, "id")).append('\n'));
            return Optional.of("batch:" + sha256(ids.toString()));
        }
        String id = text(body, "id");
        return id == null ? Optional.empty() : Optional.of(text(body, "source") + "/" + id);
    }

    @Override
    public List<Signal> normalize(RawWebhook webhook) {
        JsonNode body = webhook.json();
        String binaryId = webhook.headers().first("ce-id");
        if (binaryId != null) {
            return List.of(signal(binaryEnvelope(webhook.headers(), binaryId), body));
        }
        List<JsonNode> events = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(events::add);
        } else {
            events.add(body);
        }
        List<Signal> signals = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            signals.add(signal(event, event.path("data")));
        }
        return signals;
    }

    private static JsonNode binaryEnvelope(HttpHeaders headers, String id) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("id", id);
        for (String attribute : List.of("specversion", "source", "type", "subject", "time")) {
            String value = headers.first("ce-" + attribute);
            if (value != null) {
                attributes.put(attribute, value);
            }
        }
        return SiamJson.mapper().valueToTree(attributes);
    }

    private Signal signal(JsonNode event, JsonNode data) {
        String specversion = text(event, "specversion");
        String id = text(event, "id");
        String source = text(event, "source");
        String type = text(event, "type");
        if (!"1.0".equals(specversion)) {
            throw new MappingFailure("unsupported", "specversion " + specversion + " (only CloudEvents 1.0 is supported)");
        }
        if (id == null || source == null || type == null) {
            throw MappingFailure.missing(id == null ? "id" : source == null ? "source" : "type");
        }
        if (PING_TYPE.equals(type)) {
            // another siam-hub's subscription test (POST /api/subscriptions/{id}/test): nothing to normalize
            throw new IgnoredEvent(IgnoredEvent.Reason.TEST, "a siam-hub subscription ping (" + PING_TYPE + ")");
        }
        if (type.startsWith(SIAM_HUB_TYPES) && !type.startsWith(SIAM_HUB_SIGNALS)) {
            return fromAnotherHub(event, data, id, source, type);
        }
        Signal given = read(signalData(event, data, id), id);
        String subject = text(event, "subject");
        SignalKind kind = given.kind() != null ? given.kind() : kindFromType(type);
        Labels labels = new Labels();
        labels.putAll(given.labels());
        labels.put("ce.source", source);
        labels.put("ce.type", type);
        if (subject != null) {
            labels.put("ce.subject", subject);
        }
        boolean note = kind == SignalKind.NOTE;
        return given.toBuilder()
                .kind(kind)
                .providerRef(TextParts.firstNonBlank(given.providerRef(), subject, id))
                .fingerprint(TextParts.firstNonBlank(given.fingerprint(),
                        "cloudevents:" + source + ":" + TextParts.firstNonBlank(subject, id)))
                // a note has no state of its own: whatever the sender put there, it never changes its ticket's
                .status(note ? null : given.status() != null ? given.status() : defaultStatus(kind))
                .severity(note ? null : given.severity() != null ? given.severity() : severities.of(given.providerSeverity()))
                .title(TextParts.firstNonBlank(given.title(), subject, type))
                .occurredAt(given.occurredAt() != null ? given.occurredAt() : ProviderTimes.parse(text(event, "time")))
                .labels(labels)
                .build();
    }

    /**
     * An event of another siam-hub's subscription ({@code format: cloudevents}): an incident there is an alert here,
     * {@code fingerprint = cloudevents:<source>:<its incident id>}, firing while it is open and resolved when it is
     * resolved or closed, its CI and service as the resource and service (placed by this hub's catalog where the ids
     * match), severity from its priority (P1 CRITICAL, P2 MAJOR, P3 MINOR, P4 WARNING), its number, owner and status
     * as labels. Its SLA and change events are not signals: ignored, with a reason saying so; so is an incident that a
     * feed itself made (one of its fingerprints is {@code cloudevents:<the same source>:...}), so that a hub subscribed to
     * itself, or two hubs feeding each other, never loop.
     */
    private static Signal fromAnotherHub(JsonNode event, JsonNode data, String id, String source, String type) {
        if (!type.startsWith(SIAM_HUB_TYPES + "incident.")) {
            throw new IgnoredEvent(IgnoredEvent.Reason.OTHER_RESOURCE, "another siam-hub's " + type + " is not about an incident"
                    + " (subscribe the feeding subscription to io.siamhub.incident.* only)");
        }
        JsonNode incident = data.path("incident");
        String incidentId = text(incident, "id");
        if (incidentId == null) {
            throw new MappingFailure("invalid_record", "another siam-hub's event " + id + " (" + type + ") has no data.incident.id");
        }
        for (JsonNode fingerprint : incident.path("signals").path("fingerprints")) {
            if (fingerprint.asText("").startsWith("cloudevents:" + source + ":")) {
                // an incident a feed made (this hub subscribed to itself, or hubs feeding each other): feeding it on would loop
                throw new IgnoredEvent(IgnoredEvent.Reason.CONFIGURED, "incident " + incidentId + " of " + source
                        + " was itself made from a siam-hub feed (" + fingerprint.asText() + "): it is not fed on, so hubs never loop");
            }
        }
        String status = TextParts.firstNonBlank(text(incident, "status"), "NEW");
        String priority = text(incident, "priority");
        String item = text(incident, "configurationItem");
        String number = text(incident, "number");
        String title = TextParts.firstNonBlank(text(incident, "title"), type);
        Labels labels = new Labels();
        labels.put("ce.source", source);
        labels.put("ce.type", type);
        labels.put("upstreamIncident", incidentId);
        labels.add("upstreamNumber", number);
        labels.add("upstreamOwner", text(incident, "owner"));
        labels.put("upstreamStatus", status);
        return Signal.builder()
                .kind(SignalKind.ALERT)
                .providerRef(incidentId)
                .fingerprint("cloudevents:" + source + ":" + incidentId)
                .status(status.equals("RESOLVED") || status.equals("CLOSED") ? SignalStatus.RESOLVED : SignalStatus.FIRING)
                .severity(priority == null ? Severity.WARNING : switch (priority) {
                    case "P1" -> Severity.CRITICAL;
                    case "P2" -> Severity.MAJOR;
                    case "P3" -> Severity.MINOR;
                    default -> Severity.WARNING;
                })
                .providerSeverity(priority)
                .title(number == null ? title : number + " " + title)
                .description(text(incident, "description"))
                .resource(item == null ? null : new Resource(item, "configuration-item", item, null, null))
                .service(text(incident, "service"))
                .labels(labels)
                .occurredAt(ProviderTimes.parse(TextParts.firstNonBlank(text(event, "time"), text(data, "occurredAt"), text(incident, "createdAt"))))
                .build();
    }

    /**
     * The event's data as a {@code Signal}-shaped object: its JSON object; none at all (allowed by CloudEvents: the
     * event itself says it, e.g. a comment with only a subject) is an empty one; a JSON string (a note's text sent
     * as is) is the description. Anything else ({@code data_base64}, a number, an array) is not in the Signal shape.
     */
    private static JsonNode signalData(JsonNode event, JsonNode data, String id) {
        if (data.isObject()) {
            return data;
        }
        if ((data.isMissingNode() || data.isNull()) && !event.has("data_base64")) {
            return SiamJson.mapper().createObjectNode();
        }
        if (data.isTextual()) {
            return SiamJson.mapper().createObjectNode().put("description", data.asText());
        }
        throw new MappingFailure("invalid_record", "event " + id + " has no JSON object data in the Signal shape (its data is "
                + (event.has("data_base64") ? "data_base64" : data.getNodeType().name().toLowerCase(Locale.ROOT)) + ")");
    }

    private static Signal read(JsonNode data, String id) {
        try {
            return SiamJson.mapper().treeToValue(data, Signal.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MappingFailure("invalid_record", "event " + id + " data is not in the Signal shape: "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()));
        }
    }

    /**
     * {@code com.example.alert.fired} → ALERT; a type naming a ticket or maintenance → that kind; a type
     * with a segment {@code note} or {@code comment} ({@code com.example.ticket.comment.added}) → NOTE.
     */
    private static SignalKind kindFromType(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.contains("maintenance")) {
            return SignalKind.MAINTENANCE;
        }
        if (java.util.Arrays.stream(lower.split("\\.")).anyMatch(segment -> segment.equals("note") || segment.equals("comment"))) {
            return SignalKind.NOTE;
        }
        return lower.contains("ticket") ? SignalKind.TICKET : SignalKind.ALERT;
    }

    private static SignalStatus defaultStatus(SignalKind kind) {
        return switch (kind) {
            case ALERT -> SignalStatus.FIRING;
            case TICKET -> SignalStatus.OPEN;
            case MAINTENANCE -> SignalStatus.SCHEDULED;
            case NOTE -> null;
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
