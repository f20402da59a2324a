package io.siamhub.adapters.jira;

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
import io.siamhub.adapters.core.TicketAssignments;
import io.siamhub.adapters.core.WebhookRequest;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Uni;

/**
 * Jira admin webhooks (https://developer.atlassian.com/cloud/jira/platform/webhooks/):
 * {@code jira:issue_created}, {@code jira:issue_updated} (with its changelog) and
 * {@code jira:issue_deleted}, as TICKET signals keyed {@code jira:<issue id>}: the id stays when an
 * issue moves to another project, while its key ({@code OPS-12} → {@code SUP-7}) changes; the key
 * people use travels as the label {@code ticketKey} (and the link), the one it had as
 * {@code previousKey}. The status category decides the mapped status; the status name is kept verbatim.
 * <p>
 * A comment ({@code comment_created}, {@code comment_updated}, and {@code jira:issue_updated} of
 * {@code issue_event_type_name} {@code issue_commented} / {@code issue_comment_edited}, which carry it
 * too) is a NOTE for the issue's ticket (the same providerRef, fingerprint and {@code ticketKey}): its
 * body in {@code description}, its author in {@code author}; never a status. Comment events update the
 * ticket only when they carry its status and status category (then a TICKET signal comes first);
 * {@code comment_deleted} says nothing but that and is ignored otherwise. Worklog, attachment, issue link and issue property events carry no issue state and are ignored;
 * project, user, version, sprint, board and option events are not about tickets and are ignored.
 * An event made by siam-hub's integration account ({@code user.accountId}; for a comment event, which names no user, the
 * comment's author, or its editor for an edit) is the echo of the hub's own write and ignored: the comment the sync
 * posted for a comment made in the hub never comes back as a note.
 * Signed with {@code X-Hub-Signature: sha256=<hex>}; {@code X-Atlassian-Webhook-Identifier} is the delivery id.
 */
@ApplicationScoped
public class JiraAdapter implements ProviderAdapter {

    private static final String SIGNATURE = "x-hub-signature";
    /** Events about an issue that carry no issue state of their own. */
    private static final List<String> ABOUT_AN_ISSUE = List.of("worklog_", "jira:worklog_", "attachment_", "issuelink_",
            "issue_property_");
    /** Events about something other than issues. */
    private static final List<String> ABOUT_OTHERS = List.of("project_", "user_", "option_", "sprint_", "board_",
            "jira:version_", "issuetype_", "filter_", "jira:expression_");

    /** ADF nodes that hold blocks, not inline content: their children end their own lines. */
    private static final Set<String> BLOCKS_OF_BLOCKS = Set.of("listItem", "bulletList", "orderedList", "taskList", "decisionList",
            "table", "tableRow", "tableCell", "tableHeader", "panel", "blockquote", "expand", "nestedExpand", "layoutSection",
            "layoutColumn", "mediaGroup", "mediaSingle");

    private final JiraConfig config;
    private final SeverityMap severities;

    private final java.util.Map<String, String> assignees;

    /** Also built directly by the pure mapping tests (without assignment maps). */
    public JiraAdapter(JiraConfig config, MeterRegistry registry) {
        this(config, java.util.Map.of(), registry);
    }

    /** @param assignments the sync's assignment maps: which hub owner an assignee's {@code accountId} stands for */
    @jakarta.inject.Inject
    public JiraAdapter(JiraConfig config, TicketAssignments assignments, MeterRegistry registry) {
        this(config, assignments.jira().assignees(), registry);
    }

    private JiraAdapter(JiraConfig config, java.util.Map<String, String> assignees, MeterRegistry registry) {
        this.assignees = java.util.Map.copyOf(assignees);
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
        JsonNode issue = payload.path("issue");
        JsonNode fields = issue.path("fields");
        boolean comment = event.startsWith("comment_");
        if (ABOUT_AN_ISSUE.stream().anyMatch(event::startsWith)) {
            throw new IgnoredEvent(IgnoredEvent.Reason.ANNOTATION, "Jira " + event + " carries no issue state");
        }
        if (ABOUT_OTHERS.stream().anyMatch(event::startsWith)) {
            throw new IgnoredEvent(IgnoredEvent.Reason.OTHER_RESOURCE, "Jira " + event + " is not about an issue");
        }
        if (!event.startsWith("jira:issue_") && !comment) {
            throw new MappingFailure("unsupported", "Jira event " + event
                    + " (jira:issue_* and comment_* events are mapped, other documented events ignored)");
        }
        boolean noted = event.equals("comment_created") || event.equals("comment_updated")
                || event.equals("jira:issue_updated") && payload.path("comment").isObject();
        // a comment says nothing of the issue's state unless it carries it whole: never guess OPEN for it
        boolean stateless = comment && text(fields, "status", "statusCategory", "key") == null;
        if (stateless && !noted) {
            throw new IgnoredEvent(IgnoredEvent.Reason.ANNOTATION, "Jira " + event + " on issue "
                    + TextParts.firstNonBlank(text(issue, "key"), text(issue, "id")) + " carries no status category");
        }
        String key = text(issue, "key");
        if (key == null) {
            throw MappingFailure.missing("issue.key");
        }
        // comment_* events carry no top-level user: the comment's writer (its editor for an edit) is who acted
        String actor = TextParts.firstNonBlank(text(payload, "user", "accountId"), noted ? writer(payload, event, "accountId") : null);
        if (actor != null && config.integrationUsers().orElse(List.of()).contains(actor)) {
            throw new IgnoredEvent(IgnoredEvent.Reason.ECHO, "Jira " + event + " on " + key + " was made by " + actor
                    + ", siam-hub's own integration account (siam.adapters.jira.integration-users): the echo of its own write");
        }
        List<Signal> signals = new ArrayList<>(2);
        if (!stateless) {
            signals.add(ticket(payload, event, issue, key));
        }
        if (noted) {
            signals.add(note(payload, event, issue, key));
        }
        return signals;
    }

    private Signal ticket(JsonNode payload, String event, JsonNode issue, String key) {
        JsonNode fields = issue.path("fields");
        String id = TextParts.firstNonBlank(text(issue, "id"), key);
        String statusName = text(fields, "status", "name");
        // the priority's name; a payload that only carries its id gets the default scheme's ids (1 Highest .. 5 Lowest)
        String priority = TextParts.firstNonBlank(text(fields, "priority", "name"), text(fields, "priority", "id"));
        String base = siteBase(text(issue, "self"));
        Labels labels = new Labels();
        labels.put("ticketKey", key);
        labels.add("previousKey", previousKey(payload.path("changelog"), key));
        labels.put("webhookEvent", event);
        labels.add("issueEventType", text(payload, "issue_event_type_name"));
        labels.add("issueId", text(issue, "id"));
        labels.add("commentId", text(payload, "comment", "id"));
        labels.add("commentAuthor", text(payload, "comment", "author", "displayName"));
        labels.add("issueType", text(fields, "issuetype", "name"));
        labels.add("statusCategory", text(fields, "status", "statusCategory", "key"));
        labels.add("resolution", text(fields, "resolution", "name"));
        labels.add("assignee", TextParts.firstNonBlank(text(fields, "assignee", "displayName"), text(fields, "assignee", "accountId")));
        // the assignment as the sync writes it (the assignee's accountId), and the hub owner it stands for
        String accountId = text(fields, "assignee", "accountId");
        labels.add(TicketAssignments.ASSIGNMENT_LABEL, TextParts.firstNonBlank(accountId, text(fields, "assignee", "displayName")));
        labels.add(TicketAssignments.OWNER_LABEL, TicketAssignments.owner(assignees, accountId));
        labels.add("user", text(payload, "user", "displayName"));
        for (JsonNode label : fields.path("labels")) {
            String text = label.asText("");
            if (text.startsWith(config.incidentLabelPrefix()) && text.length() > config.incidentLabelPrefix().length()) {
                // an issue siam-hub's sync created: the label names the incident, and the broker links the issue to it
                labels.add("siamIncident", text.substring(config.incidentLabelPrefix().length()));
            }
        }
        for (JsonNode change : payload.path("changelog").path("items")) {
            labels.add("changed." + text(change, "field"),
                    TextParts.firstNonBlank(text(change, "fromString"), "") + " -> " + TextParts.firstNonBlank(text(change, "toString"), ""));
        }
        String project = text(fields, "project", "key");
        return Signal.builder()
                .kind(SignalKind.TICKET)
                .providerRef(id)
                .fingerprint("jira:" + id)
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
                .build();
    }

    /**
     * A comment on the issue as a NOTE: the same ticket identity as its TICKET signals, the body (text or
     * Atlassian Document Format) as {@code description}, the author (the editor for an edit) as {@code author}.
     */
    private static Signal note(JsonNode payload, String event, JsonNode issue, String key) {
        JsonNode comment = payload.path("comment");
        boolean edited = edited(payload, event);
        String author = writer(payload, event, "displayName");
        String base = siteBase(text(issue, "self"));
        Labels labels = new Labels();
        labels.put("ticketKey", key);
        labels.put("webhookEvent", event);
        labels.add("issueEventType", text(payload, "issue_event_type_name"));
        labels.add("issueId", text(issue, "id"));
        labels.add("commentId", text(comment, "id"));
        String id = TextParts.firstNonBlank(text(issue, "id"), key);
        return Signal.builder()
                .kind(SignalKind.NOTE)
                .providerRef(id)
                .fingerprint("jira:" + id)
                .title(edited ? "comment edited" : "comment added")
                .description(description(comment.path("body")))
                .author(author)
                .labels(labels)
                .occurredAt(ProviderTimes.parse(TextParts.firstNonBlank(edited ? text(comment, "updated") : text(comment, "created"),
                        text(payload, "timestamp"))))
                .link(base == null ? null : base + "/browse/" + key)
                .build();
    }

    private static boolean edited(JsonNode payload, String event) {
        return event.equals("comment_updated") || "issue_comment_edited".equals(text(payload, "issue_event_type_name"));
    }

    /** A field ({@code displayName}, {@code accountId}) of who wrote the comment: its editor for an edit, else its author. */
    private static String writer(JsonNode payload, String event, String field) {
        JsonNode comment = payload.path("comment");
        return edited(payload, event) ? TextParts.firstNonBlank(text(comment, "updateAuthor", field), text(comment, "author", field))
                : text(comment, "author", field);
    }

    /** The key before a move: the changelog's {@code Key} item, {@code fromString} → {@code toString}. */
    private static String previousKey(JsonNode changelog, String key) {
        for (JsonNode change : changelog.path("items")) {
            if ("key".equalsIgnoreCase(text(change, "field"))) {
                String before = text(change, "fromString");
                return before == null || before.equals(key) ? null : before;
            }
        }
        return null;
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

    /**
     * v2 payloads carry text; Cloud may send Atlassian Document Format
     * (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/) as plain text: inline nodes
     * joined as they stand (a bold word is its own text node: no space added), a mention as its {@code @name}, an
     * emoji as its text, a link card as its URL, a hard break as a line break, and one line per block (paragraph,
     * heading, list item, code block line by line).
     */
    private static String description(JsonNode description) {
        if (description.isTextual()) {
            return description.asText().isBlank() ? null : description.asText();
        }
        if (!description.isObject()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        adfText(description, text);
        String plain = text.toString().replaceAll("[ \t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
        return plain.isEmpty() ? null : plain;
    }

    private static void adfText(JsonNode node, StringBuilder out) {
        String type = TextParts.firstNonBlank(text(node, "type"), "");
        switch (type) {
            case "text" -> inline(out, node.path("text").asText(""));
            case "mention" -> inline(out, TextParts.firstNonBlank(text(node, "attrs", "text"),
                    text(node, "attrs", "id") == null ? "" : "@" + text(node, "attrs", "id")));
            case "emoji" -> inline(out, TextParts.firstNonBlank(text(node, "attrs", "text"), text(node, "attrs", "shortName"), ""));
            case "inlineCard", "blockCard", "embedCard" -> inline(out, TextParts.firstNonBlank(text(node, "attrs", "url"), ""));
            case "date" -> inline(out, TextParts.firstNonBlank(text(node, "attrs", "timestamp"), ""));
            case "status" -> inline(out, TextParts.firstNonBlank(text(node, "attrs", "text"), ""));
            case "hardBreak" -> out.append('\n');
            default -> {
                for (JsonNode child : node.path("content")) {
                    adfText(child, out);
                }
            }
        }
        if (node.path("content").isArray() && !type.equals("doc") && !type.isEmpty() && !BLOCKS_OF_BLOCKS.contains(type)
                && (out.length() == 0 || out.charAt(out.length() - 1) != '\n')) {
            out.append('\n');
        }
    }

    /**
     * One inline piece after the ones before it, as they stand; a space only where neither side has one and a word
     * would otherwise run into the next (senders that trim their text nodes: {@code "502 for"} + bold {@code "card"}).
     */
    private static void inline(StringBuilder out, String piece) {
        if (piece.isEmpty()) {
            return;
        }
        char last = out.length() == 0 ? '\n' : out.charAt(out.length() - 1);
        char first = piece.charAt(0);
        if (!Character.isWhitespace(last) && Character.isLetterOrDigit(last) && (Character.isLetterOrDigit(first) || first == '@')) {
            out.append(' ');
        }
        out.append(piece);
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
