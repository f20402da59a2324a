package io.siamhub.localstack;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Jira Cloud site on loopback with one project and the default workflow (To Do → In Progress → Done,
 * any to any), as REST v3 documents it (https://developer.atlassian.com/cloud/jira/platform/rest/v3/):
 * {@code POST /rest/api/3/issue} (201 {@code {"id", "key", "self"}}; 400 with {@code errors.<field>} for a
 * missing summary, an unknown project or priority, a description that is not an Atlassian Document),
 * {@code GET|PUT /issue/{id}} (200 with the issue, 204), {@code GET|POST /issue/{id}/transitions} (the transitions there are; 400
 * for one that is not), {@code POST /issue/{id}/comment} (201), {@code GET /search/jql?jql=labels = "<label>"}
 * — which, like Jira's index, sees an issue only {@link #searchLag} after its creation. Errors are
 * {@code {"errorMessages": [...], "errors": {...}}}. Each change is sent to the webhook as a
 * {@code jira:issue_created} / {@code jira:issue_updated} event naming the acting {@code user.accountId},
 * signed {@code X-Hub-Signature: sha256=<hex>}, with a fresh {@code X-Atlassian-Webhook-Identifier}; a comment as
 * {@code comment_created} naming its author ({@code comment.author.accountId}) and no {@code user}.
 */
public final class JiraDouble extends ApiDouble {

    private static final String API = "/rest/api/3";
    private static final Pattern LABEL_QUERY = Pattern.compile("labels\\s*=\\s*\"?([^\"]+)\"?");
    private static final Set<String> PRIORITIES = Set.of("Highest", "High", "Medium", "Low", "Lowest");
    private static final Map<String, String> TRANSITIONS = Map.of("11", "To Do", "21", "In Progress", "31", "Done");

    private final String project;
    private final String accountId;
    private final Map<String, ObjectNode> issues = new LinkedHashMap<>();
    private final Map<String, Instant> createdAt = new LinkedHashMap<>();
    private final Map<String, List<JsonNode>> comments = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(10000);
    private final AtomicInteger numbers = new AtomicInteger();
    private volatile Duration searchLag = Duration.ZERO;

    private JiraDouble(int port, String user, String token, String accountId, String project) throws IOException {
        super(port, user, token);
        this.accountId = accountId;
        this.project = project;
    }

    /** A site on a free loopback port: API user {@code email} / {@code token} (account {@code accountId}), project {@code project}. */
    public static JiraDouble start(String email, String token, String accountId, String project) throws IOException {
        return new JiraDouble(0, email, token, accountId, project);
    }

    /** Issues show in searches only this long after their creation (Jira's index lags behind creates). */
    public void searchLag(Duration lag) {
        this.searchLag = lag;
    }

    public static String error(String field, String message) {
        return "{\"errorMessages\":[],\"errors\":{\"" + field + "\":\"" + message.replace("\"", "'") + "\"}}";
    }

    public static String errorMessage(String message) {
        return "{\"errorMessages\":[\"" + message.replace("\"", "'") + "\"],\"errors\":{}}";
    }

    /** The issues, in creation order (copies). */
    public synchronized List<JsonNode> issues() {
        return issues.values().stream().map(issue -> (JsonNode) issue.deepCopy()).toList();
    }

    public synchronized JsonNode issue(String id) {
        ObjectNode issue = issues.get(id);
        return issue == null ? null : issue.deepCopy();
    }

    public synchronized List<JsonNode> comments(String id) {
        return List.copyOf(comments.getOrDefault(id, List.of()));
    }

    /** A person (account {@code by}) comments on an issue (ADF {@code body}); the {@code comment_created} webhook is sent. */
    public JsonNode comment(String id, JsonNode body, String by) {
        ObjectNode event;
        synchronized (this) {
            ObjectNode issue = issues.get(id);
            event = commentEvent(issue, comment(issue, body, by));
        }
        notify(event);
        return event;
    }

    /** A person (account {@code by}) moves an issue to {@code status}; the automation sends the webhook. */
    public JsonNode transition(String id, String status, String by) {
        ObjectNode issue;
        synchronized (this) {
            issue = issues.get(id);
            status(issue, status);
            issue = issue.deepCopy();
        }
        notify(event("jira:issue_updated", issue, by));
        return issue;
    }

    @Override
    protected Answer unauthenticated() {
        return new Answer(401, Map.of(), errorMessage("You are not authenticated. Authentication required to perform this operation."), null);
    }

    /** {@code auth.atlassian.com/oauth/token} refusing a client: 401 {@code {"error": "access_denied", "error_description": "Unauthorized"}}. */
    @Override
    protected Answer tokenRefused() {
        try {
            return json(401, Map.of("error", "access_denied", "error_description", "Unauthorized"), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The API gateway ({@code api.atlassian.com/ex/jira/<cloudId>}) refusing a token: 401 {@code {"code": 401, "message": "Unauthorized"}}. */
    @Override
    protected Answer bearerRefused() {
        try {
            return json(401, Map.of("code", 401, "message", "Unauthorized"), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected byte[] webhookBody(ObjectNode changed) throws JsonProcessingException {
        return mapper.writeValueAsBytes(changed);
    }

    @Override
    protected Map<String, String> webhookHeaders(byte[] body, String secret) {
        return Map.of("X-Hub-Signature", "sha256=" + hmacHex(secret, body), "X-Atlassian-Webhook-Identifier", UUID.randomUUID().toString());
    }

    @Override
    protected Answer answer(String method, String path, Map<String, String> query, String body) throws JsonProcessingException {
        if (!path.startsWith(API)) {
            return new Answer(404, Map.of(), errorMessage("No API here"), null);
        }
        String[] parts = path.substring(API.length()).split("/");
        // "", "issue", "{id}", "transitions" | "comment"  or  "", "search", "jql"
        if (parts.length == 3 && parts[1].equals("search") && parts[2].equals("jql") && method.equals("GET")) {
            return search(query);
        }
        if (parts.length == 2 && parts[1].equals("issue") && method.equals("POST")) {
            return create(body);
        }
        ObjectNode issue = parts.length >= 3 && parts[1].equals("issue") ? find(parts[2]) : null;
        if (issue == null) {
            return new Answer(404, Map.of(), errorMessage("Issue does not exist or you do not have permission to see it."), null);
        }
        ObjectNode values = method.equals("GET") ? mapper.createObjectNode() : object(body);
        if (values == null) {
            return new Answer(400, Map.of(), errorMessage("Unexpected character: the body is not JSON"), null);
        }
        String what = parts.length == 4 ? parts[3] : "";
        return switch (method + " " + what) {
            case "GET " -> json(200, issue, null);
            case "PUT " -> edit(issue, values);
            case "GET transitions" -> transitions(issue);
            case "POST transitions" -> {
                String to = TRANSITIONS.get(values.path("transition").path("id").asText());
                if (to == null || to.equals(issue.path("fields").path("status").path("name").asText())) {
                    yield new Answer(400, Map.of(), errorMessage("Transition id '" + values.path("transition").path("id").asText()
                            + "' is not valid for this issue."), null);
                }
                status(issue, to);
                yield new Answer(204, Map.of(), "", event("jira:issue_updated", issue.deepCopy(), accountId));
            }
            case "POST comment" -> {
                if (!values.path("body").path("type").asText().equals("doc")) {
                    yield new Answer(400, Map.of(), error("comment", "Comment body is not valid!"), null);
                }
                ObjectNode comment = comment(issue, values.get("body"), accountId);
                yield json(201, comment, commentEvent(issue, comment));
            }
            default -> new Answer(405, Map.of(), errorMessage(method + " " + path + " is not supported"), null);
        };
    }

    private Answer create(String body) throws JsonProcessingException {
        ObjectNode values = object(body);
        if (values == null) {
            return new Answer(400, Map.of(), errorMessage("Unexpected character: the body is not JSON"), null);
        }
        JsonNode fields = values.path("fields");
        if (!project.equals(fields.path("project").path("key").asText())) {
            return new Answer(400, Map.of(), error("project", "valid project is required"), null);
        }
        if (fields.path("summary").asText("").isBlank()) {
            return new Answer(400, Map.of(), error("summary", "You must specify a summary of the issue."), null);
        }
        if (fields.has("description") && !fields.path("description").path("type").asText().equals("doc")) {
            return new Answer(400, Map.of(), error("description", "Operation value must be an Atlassian Document (see the Atlassian Document Format)"), null);
        }
        if (fields.has("priority") && !PRIORITIES.contains(fields.path("priority").path("name").asText())) {
            return new Answer(400, Map.of(), error("priority", "Specify a valid 'id' or 'name' for Priority"), null);
        }
        String id = Integer.toString(ids.incrementAndGet());
        String key = project + "-" + numbers.incrementAndGet();
        ObjectNode issue = mapper.createObjectNode();
        issue.put("id", id);
        issue.put("key", key);
        issue.put("self", url() + API + "/issue/" + id);
        ObjectNode stored = issue.putObject("fields");
        fields.fields().forEachRemaining(field -> stored.set(field.getKey(), field.getValue()));
        status(issue, "To Do");
        issues.put(id, issue);
        createdAt.put(id, Instant.now());
        return json(201, Map.of("id", id, "key", key, "self", issue.path("self").asText()), event("jira:issue_created", issue.deepCopy(), accountId));
    }

    private Answer edit(ObjectNode issue, ObjectNode values) throws JsonProcessingException {
        JsonNode fields = values.path("fields");
        if (fields.has("priority") && !PRIORITIES.contains(fields.path("priority").path("name").asText())) {
            return new Answer(400, Map.of(), error("priority", "Specify a valid 'id' or 'name' for Priority"), null);
        }
        ObjectNode stored = (ObjectNode) issue.get("fields");
        fields.fields().forEachRemaining(field -> stored.set(field.getKey(), field.getValue()));
        return new Answer(204, Map.of(), "", event("jira:issue_updated", issue.deepCopy(), accountId));
    }

    private Answer transitions(ObjectNode issue) throws JsonProcessingException {
        String current = issue.path("fields").path("status").path("name").asText();
        ArrayNode list = mapper.createArrayNode();
        TRANSITIONS.entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(t -> !t.getValue().equals(current)).forEach(t -> {
            ObjectNode transition = list.addObject();
            transition.put("id", t.getKey());
            transition.put("name", t.getValue());
            ObjectNode to = transition.putObject("to");
            to.put("name", t.getValue());
            to.putObject("statusCategory").put("key", category(t.getValue()));
        });
        return json(200, mapper.createObjectNode().put("expand", "transitions").set("transitions", list), null);
    }

    private Answer search(Map<String, String> query) throws JsonProcessingException {
        Matcher label = LABEL_QUERY.matcher(query.getOrDefault("jql", ""));
        if (!label.find()) {
            return new Answer(400, Map.of(), errorMessage("The JQL query is not supported here: " + query.get("jql")), null);
        }
        Instant indexed = Instant.now().minus(searchLag);
        ArrayNode found = mapper.createArrayNode();
        issues.values().stream().filter(issue -> !createdAt.get(issue.path("id").asText()).isAfter(indexed))
                .filter(issue -> {
                    for (JsonNode l : issue.path("fields").path("labels")) {
                        if (l.asText().equals(label.group(1).strip())) {
                            return true;
                        }
                    }
                    return false;
                }).limit(Math.max(1, Integer.parseInt(query.getOrDefault("maxResults", "50"))))
                .forEach(issue -> found.add(issue.deepCopy()));
        return json(200, mapper.createObjectNode().put("isLast", true).set("issues", found), null);
    }

    private ObjectNode find(String idOrKey) {
        ObjectNode byId = issues.get(idOrKey);
        return byId != null ? byId
                : issues.values().stream().filter(issue -> issue.path("key").asText().equals(idOrKey)).findFirst().orElse(null);
    }

    private static void status(ObjectNode issue, String name) {
        ObjectNode status = ((ObjectNode) issue.get("fields")).putObject("status");
        status.put("name", name);
        status.putObject("statusCategory").put("key", category(name));
    }

    private static String category(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "done" -> "done";
            case "to do" -> "new";
            default -> "indeterminate";
        };
    }

    /** Stores a comment by {@code by}: {@code id}, {@code author}, {@code updateAuthor}, {@code body}, {@code created}, {@code updated}. */
    private ObjectNode comment(ObjectNode issue, JsonNode body, String by) {
        ObjectNode comment = mapper.createObjectNode();
        comment.put("id", Integer.toString(ids.incrementAndGet()));
        ObjectNode author = comment.putObject("author").put("accountId", by).put("displayName", name(by));
        comment.set("updateAuthor", author.deepCopy());
        comment.set("body", body);
        String now = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now());
        comment.put("created", now);
        comment.put("updated", now);
        comments.computeIfAbsent(issue.path("id").asText(), key -> new ArrayList<>()).add(body);
        return comment;
    }

    /**
     * Jira's {@code comment_created} webhook: the comment (its author, no top-level {@code user}) and the issue with a
     * few fields (summary, status, priority, issue type, project).
     */
    private ObjectNode commentEvent(ObjectNode issue, ObjectNode comment) {
        ObjectNode event = mapper.createObjectNode();
        event.put("timestamp", Instant.now().toEpochMilli());
        event.put("webhookEvent", "comment_created");
        event.set("comment", comment.deepCopy());
        ObjectNode about = event.putObject("issue");
        about.put("id", issue.path("id").asText());
        about.put("key", issue.path("key").asText());
        about.put("self", issue.path("self").asText());
        ObjectNode fields = about.putObject("fields");
        for (String field : List.of("summary", "status", "priority", "issuetype", "project")) {
            if (issue.path("fields").has(field)) {
                fields.set(field, issue.path("fields").get(field).deepCopy());
            }
        }
        return event;
    }

    private String name(String account) {
        return account.equals(accountId) ? "siam-hub integration" : account;
    }

    /** The webhook event of a change, as Jira sends it. */
    private ObjectNode event(String type, ObjectNode issue, String by) {
        ObjectNode event = mapper.createObjectNode();
        event.put("timestamp", Instant.now().toEpochMilli());
        event.put("webhookEvent", type);
        event.put("issue_event_type_name", type.equals("jira:issue_created") ? "issue_created" : "issue_generic");
        event.putObject("user").put("accountId", by).put("displayName", by.equals(accountId) ? "siam-hub integration" : by);
        event.set("issue", issue);
        return event;
    }
}
