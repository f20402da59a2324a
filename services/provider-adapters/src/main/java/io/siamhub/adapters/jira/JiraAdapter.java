package io.siamhub.adapters.jira;

import static io.siamhub.adapters.core.JsonFields.text;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.siamhub.adapters.core.HmacSignatures;
import io.siamhub.adapters.core.Labels;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.ProviderTimes;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.adapters.core.SeverityMap;
import io.siamhub.adapters.core.TextParts;
import io.siamhub.adapters.core.WebhookRequest;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Uni;

/**
 * Jira admin webhooks, {@code jira:issue_created}, {@code jira:issue_updated} (with its changelog) and
 * {@code jira:issue_deleted} (https://developer.atlassian.com/server/jira/platform/webhooks/): TICKET
 * signals keyed {@code jira:<issue key>}. The status category decides the mapped status; the status
 * name is kept verbatim. Signed with {@code X-Hub-Signature: sha256=<hex>};
 * {@code X-Atlassian-Webhook-Identifier} is the delivery id.
 */
@ApplicationScoped
public class JiraAdapter implements ProviderAdapter {

    private static final String SIGNATURE = "x-hub-signature";

    private final JiraConfig config;
    private final SeverityMap severities;

    JiraAdapter(JiraConfig config, MeterRegistry registry) {
        this.config = config;
        this.severities = new SeverityMap(provider(), config, registry);
    }

    @Override
    public String provider() {
        return "jira";
    }

    @Override
    public List<String> endpoints() {
        return List.of("jira");
    }

    @Override
    public Uni<Void> authenticateBody(WebhookRequest request) {
        HmacSignatures.requirePrefixed(request, SIGNATURE, "sha256=", provider(), config.secrets().orElse(List.of()));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Optional<String> deliveryId(WebhookRequest request) {
        return Optional.ofNullable(request.headers().first("x-atlassian-webhook-identifier"));
    }

    @Override
    public Set<String> secretHeaders() {
        return Set.of(SIGNATURE);
    }

    @Override
    public List<Signal> normalize(RawWebhook webhook) {
        JsonNode payload = webhook.json();
        String event = text(payload, "webhookEvent");
        if (event == null) {
            throw MappingFailure.missing("webhookEvent");
        }
        if (!event.startsWith("jira:issue_")) {
            throw new MappingFailure("unsupported", "Jira event " + event + " (only jira:issue_* events are mapped)");
        }
        JsonNode issue = payload.path("issue");
        JsonNode fields = issue.path("fields");
        String key = text(issue, "key");
        if (key == null) {
            throw MappingFailure.missing("issue.key");
        }
        String statusName = text(fields, "status", "name");
        String priority = text(fields, "priority", "name");
        String base = siteBase(text(issue, "self"));
        Labels labels = new Labels();
        labels.put("webhookEvent", event);
        labels.add("issueEventType", text(payload, "issue_event_type_name"));
        labels.add("issueId", text(issue, "id"));
        labels.add("issueType", text(fields, "issuetype", "name"));
        labels.add("statusCategory", text(fields, "status", "statusCategory", "key"));
        labels.add("resolution", text(fields, "resolution", "name"));
        labels.add("assignee", TextParts.firstNonBlank(text(fields, "assignee", "displayName"), text(fields, "assignee", "accountId")));
        labels.add("user", text(payload, "user", "displayName"));
        for (JsonNode change : payload.path("changelog").path("items")) {
            labels.add("changed." + text(change, "field"),
                    TextParts.firstNonBlank(text(change, "fromString"), "") + " -> " + TextParts.firstNonBlank(text(change, "toString"), ""));
        }
        String project = text(fields, "project", "key");
        return List.of(Signal.builder()
                .kind(SignalKind.TICKET)
                .providerRef(key)
                .fingerprint("jira:" + key)
                .status(event.equals("jira:issue_deleted") ? SignalStatus.CANCELLED
                        : status(text(fields, "status", "statusCategory", "key"), statusName))
                .providerStatus(statusName)
                .severity(severities.of(priority))
                .providerSeverity(priority)
                .title(TextParts.firstNonBlank(text(fields, "summary"), key))
                .description(description(fields.path("description")))
                .resource(project == null ? null : new Resource(project, "jira/project", text(fields, "project", "name"),
                        null, base == null ? null : URI.create(base).getHost()))
                .service(components(fields.path("components")))
                .labels(labels)
                .occurredAt(ProviderTimes.parse(TextParts.firstNonBlank(text(payload, "timestamp"), text(fields, "updated"))))
                .link(base == null ? null : base + "/browse/" + key)
                .providerPriority(priority)
                .build());
    }

    /** {@code new} / {@code indeterminate} / {@code done}; a done issue named Closed is CLOSED, other done ones RESOLVED. */
    private static SignalStatus status(String category, String name) {
        if ("done".equals(category)) {
            return "closed".equalsIgnoreCase(name) ? SignalStatus.CLOSED : SignalStatus.RESOLVED;
        }
        if ("indeterminate".equals(category)) {
            return SignalStatus.IN_PROGRESS;
        }
        return SignalStatus.OPEN;
    }

    /** v2 payloads carry text; Cloud may send Atlassian Document Format: its text nodes, in order. */
    private static String description(JsonNode description) {
        if (description.isTextual()) {
            return description.asText().isBlank() ? null : description.asText();
        }
        if (!description.isObject()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        collectText(description, texts);
        return texts.isEmpty() ? null : String.join(" ", texts);
    }

    private static void collectText(JsonNode node, List<String> texts) {
        if ("text".equals(text(node, "type")) && text(node, "text") != null) {
            texts.add(text(node, "text"));
        }
        for (JsonNode child : node.path("content")) {
            collectText(child, texts);
        }
    }

    private static String components(JsonNode components) {
        return components.isArray() && !components.isEmpty() ? text(components.get(0), "name") : null;
    }

    /** {@code https://x.atlassian.net/rest/api/2/issue/10000} → {@code https://x.atlassian.net}. */
    private static String siteBase(String self) {
        if (self == null) {
            return null;
        }
        int rest = self.indexOf("/rest/");
        return rest < 0 ? null : self.substring(0, rest);
    }
}
