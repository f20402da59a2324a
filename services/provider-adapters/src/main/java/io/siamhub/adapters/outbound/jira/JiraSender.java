package io.siamhub.adapters.outbound.jira;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.siamhub.adapters.outbound.core.Attempt;
import io.siamhub.adapters.outbound.core.OutboundConfig;
import io.siamhub.adapters.outbound.core.SubscriptionStore;
import io.siamhub.adapters.outbound.core.SyncAuthorization;
import io.siamhub.adapters.outbound.core.SyncHttp;
import io.siamhub.adapters.outbound.core.SyncTarget;
import io.siamhub.adapters.outbound.core.SyncTickets;
import io.siamhub.adapters.outbound.core.TicketLinks;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Uni;

/**
 * Keeps a Jira Cloud issue per synced incident through REST v3 ({@link JiraRestApi}):
 * <ul>
 * <li>create: {@code POST /issue} in {@code project-key} with {@code issue-type}, the summary, a
 * description in Atlassian Document Format, the mapped priority and assignee, and the label
 * {@code siam-<incident id>}. The issue is recorded locally ({@code sync_ticket}), since Jira's search
 * lags behind its creates; only when nothing is recorded (a create whose answer was lost) is the label
 * searched ({@code /search/jql}) for an orphan, which is adopted rather than made again. A new issue is
 * taken to be in the workflow's initial status, {@code statuses.NEW};</li>
 * <li>update: {@code PUT /issue/{id}} for priority and assignee; the status through the transitions API
 * (the transition whose target status has the mapped name; none: nothing to do when the issue is in that status
 * already, else dead-lettered naming the status and the transitions there are); a comment (ADF) saying what
 * changed, by whom and why;</li>
 * <li>a person's comment on the incident in the hub: {@code POST /issue/{id}/comment}, its body in ADF, naming who
 * wrote it. Jira's {@code comment_created} webhook of it names the integration account as the comment's author: an
 * echo the inbound side drops.</li>
 * </ul>
 * 429 with {@code Retry-After} is retried and holds the target back; 5xx and network errors are
 * retried; other 4xx are dead-lettered with Jira's {@code errorMessages} and {@code errors}.
 */
@Singleton // no client proxy: its base class has no no-args constructor
public class JiraSender extends SyncTarget {

    /** The target's name: the {@code target} of its subscription row and metrics, the ticket {@code system}. */
    public static final String TARGET = "jira";
    /** The built-in subscription row of this target. */
    public static final UUID SUBSCRIPTION = SyncTarget.subscriptionId(TARGET);
    static final String STATUS = "status";

    private final JiraSyncConfig config;
    private final JiraRestApi api;

    JiraSender(JiraSyncConfig config, OutboundConfig outbound, SyncTickets tickets, TicketLinks links, SubscriptionStore subscriptions,
            ObjectMapper mapper, Clock clock, io.quarkus.oidc.client.OidcClients oidc) {
        super(TARGET, outbound.timeout(), SyncAuthorization.of(TARGET, config.username(), config.password(), config.passwordFile(),
                config.oauth(), oidc, clock, mapper), tickets, links, subscriptions, mapper, clock);
        this.config = config;
        this.api = config.url().map(url -> SyncHttp.client(url, outbound.timeout(), JiraRestApi.class)).orElse(null);
    }

    void start(@Observes StartupEvent event) {
        keepRow(config.syncPriorities(), config.syncOwners().orElse(List.of()));
    }

    @Override
    protected Optional<String> url() {
        return config.url().map(Object::toString);
    }

    /** {@code status} (a status name), {@code priority} (a priority name), {@code assignee} (an accountId), as mapped. */
    @Override
    protected Map<String, String> synced(JsonNode incident) {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, STATUS, config.statuses().get(incident.path("status").asText("")));
        put(fields, "priority", config.priorities().get(incident.path("priority").asText("")));
        put(fields, "assignee", config.assignees().get(incident.path("owner").asText("")));
        return fields;
    }

    @Override
    protected Uni<Attempt> create(String incidentId, JsonNode event, Map<String, String> synced, long started) {
        String label = config.labelPrefix() + incidentId;
        return call(api.search(authorization(), "labels = \"" + label + "\"", "status", 1), started).chain(found -> {
            JsonNode issues = found.json(mapper).path("issues");
            if (issues.isArray() && !issues.isEmpty()) {
                // an earlier attempt created it and its answer was lost: adopt it (in the status it is in), then bring it up to date
                String status = issues.get(0).path("fields").path("status").path("name").asText("");
                return adopted(ticket(incidentId, issues.get(0), status.isEmpty() ? Map.of() : Map.of(STATUS, status)), event, synced, started);
            }
            JsonNode incident = event.path("incident");
            Map<String, Object> fields = new LinkedHashMap<>();
            config.createFields().forEach((field, value) -> fields.put(field, fieldValue(value)));
            fields.put("project", Map.of("key", config.projectKey()));
            fields.put("issuetype", Map.of("name", config.issueType()));
            fields.put("summary", incident.path("number").asText("") + " " + incident.path("title").asText(""));
            fields.put("description", JiraDocuments.description(incident));
            fields.put("labels", List.of(label));
            fields.putAll(edits(synced));
            // a new issue starts in the workflow's initial status, taken as statuses.NEW: only a later status needs a transition
            Map<String, String> written = new LinkedHashMap<>(synced);
            written.put(STATUS, config.statuses().getOrDefault("NEW", ""));
            return call(api.create(authorization(), json(Map.of("fields", fields))), started).chain(answer -> {
                SyncTickets.Ticket ticket = ticket(incidentId, answer.json(mapper), written);
                Map<String, String> pending = synced.containsKey(STATUS) && !synced.get(STATUS).equals(written.get(STATUS))
                        ? Map.of(STATUS, synced.get(STATUS)) : Map.of();
                return pending.isEmpty() ? created(ticket, event, answer.attempt(started))
                        : transition(ticket, pending.get(STATUS), started).chain(attempt -> created(ticket.wrote(pending), event, attempt));
            });
        });
    }

    /** Finds the linked issue by its key ({@code GET /rest/api/3/issue/<key>?fields=status}); 404 → not in Jira. */
    @Override
    protected Uni<Attempt> adoptLinked(String incidentId, String key, JsonNode event, Map<String, String> synced, long started) {
        return call(api.issue(authorization(), key, "status"), started).map(found -> found.json(mapper))
                .onFailure(failure -> failure instanceof SyncHttp.CallFailed failed && Integer.valueOf(404).equals(failed.attempt().status()))
                .recoverWithNull()
                .chain(issue -> {
                    if (issue == null) {
                        return Uni.createFrom().item(linkedTicketMissing(key, started));
                    }
                    String status = issue.path("fields").path("status").path("name").asText("");
                    return adopted(ticket(incidentId, issue, status.isEmpty() ? Map.of() : Map.of(STATUS, status)), event, synced, started);
                });
    }

    @Override
    protected Uni<Attempt> push(SyncTickets.Ticket ticket, JsonNode event, Map<String, String> changed, long started) {
        Map<String, Object> edits = edits(changed);
        Uni<Attempt> edited = edits.isEmpty() ? Uni.createFrom().nullItem()
                : call(api.edit(authorization(), ticket.externalId(), json(Map.of("fields", edits))), started).map(answer -> answer.attempt(started));
        String comment = SyncTarget.comment(event);
        return edited
                .chain(() -> changed.containsKey(STATUS) ? transition(ticket, changed.get(STATUS), started) : Uni.createFrom().nullItem())
                .chain(() -> changed.isEmpty() ? Uni.createFrom().<SyncHttp.Answer> nullItem()
                        : call(api.comment(authorization(), ticket.externalId(), json(Map.of("body", JiraDocuments.note(event)))), started))
                .chain(noted -> comment == null ? Uni.createFrom().item(noted)
                        : call(api.comment(authorization(), ticket.externalId(), json(Map.of("body", JiraDocuments.comment(event, comment)))),
                                started))
                .map(answer -> answer == null ? Attempt.nothingToSend("nothing changed", SyncHttp.elapsed(started)) : answer.attempt(started));
    }

    /** Moves the issue to the status named {@code target} through the transition that leads there. */
    private Uni<Attempt> transition(SyncTickets.Ticket ticket, String target, long started) {
        return call(api.transitions(authorization(), ticket.externalId()), started).chain(answer -> {
            List<String> there = new ArrayList<>();
            for (JsonNode transition : answer.json(mapper).path("transitions")) {
                String to = transition.path("to").path("name").asText("");
                there.add(transition.path("name").asText("") + " → " + to);
                if (to.equalsIgnoreCase(target)) {
                    return call(api.transition(authorization(), ticket.externalId(),
                            json(Map.of("transition", Map.of("id", transition.path("id").asText())))), started)
                            .map(done -> done.attempt(started));
                }
            }
            // no transition leads there: fine when the issue is there already (a person moved it), else the workflow cannot
            return call(api.issue(authorization(), ticket.externalId(), STATUS), started).map(issue -> {
                String current = issue.json(mapper).path("fields").path("status").path("name").asText("");
                if (current.equalsIgnoreCase(target)) {
                    return Attempt.nothingToSend("issue " + ticket.key() + " is in " + current + " already", SyncHttp.elapsed(started));
                }
                throw new SyncHttp.CallFailed(Attempt.permanent("issue " + ticket.key() + " (in " + current + ") has no transition to status '"
                        + target + "' (there are: " + String.join(", ", there) + "); map the hub status to a reachable one in"
                        + " siam.adapters.outbound.jira.statuses", SyncHttp.elapsed(started)));
            });
        });
    }

    @Override
    protected String providerStatus(SyncTickets.Ticket ticket) {
        return ticket.written().getOrDefault(STATUS, "");
    }

    /** The mapped statuses back: RESOLVED's and CLOSED's names are done, NEW's is open, any other in progress. */
    @Override
    protected SignalStatus status(SyncTickets.Ticket ticket) {
        String name = providerStatus(ticket).toLowerCase(Locale.ROOT);
        if (name.equalsIgnoreCase(config.statuses().getOrDefault("CLOSED", "")) && !name.equalsIgnoreCase(config.statuses().getOrDefault("RESOLVED", ""))) {
            return SignalStatus.CLOSED;
        }
        if (name.equalsIgnoreCase(config.statuses().getOrDefault("RESOLVED", ""))) {
            return SignalStatus.RESOLVED;
        }
        return name.equalsIgnoreCase(config.statuses().getOrDefault("NEW", "")) ? SignalStatus.OPEN : SignalStatus.IN_PROGRESS;
    }

    /** A configured create field's value: its JSON when it reads as a JSON object, array or number, else the text. */
    private Object fieldValue(String value) {
        String trimmed = value.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.matches("-?[0-9]+(\\.[0-9]+)?")) {
            try {
                return mapper.readTree(trimmed);
            } catch (JsonProcessingException e) {
                return value;
            }
        }
        return value;
    }

    /** The field edits of the changed priority and assignee. */
    private static Map<String, Object> edits(Map<String, String> changed) {
        Map<String, Object> edits = new LinkedHashMap<>();
        if (changed.containsKey("priority")) {
            edits.put("priority", Map.of("name", changed.get("priority")));
        }
        if (changed.containsKey("assignee")) {
            edits.put("assignee", Map.of("accountId", changed.get("assignee")));
        }
        return edits;
    }

    private SyncTickets.Ticket ticket(String incidentId, JsonNode issue, Map<String, String> written) {
        String id = issue.path("id").asText("");
        String key = issue.path("key").asText("");
        if (id.isEmpty() || key.isEmpty()) {
            throw new SyncHttp.CallFailed(Attempt.answered(502, Duration.ZERO, null, "Jira answered without the issue's id and key"));
        }
        String base = config.siteUrl().or(config::url).map(Object::toString).orElse("").replaceAll("/+$", "");
        return new SyncTickets.Ticket(TARGET, incidentId, id, key, base + "/browse/" + key, written, false);
    }

    /** Jira's {@code errorMessages} and {@code errors} ({@code field: message}), else the start of the body. */
    @Override
    protected String error(SyncHttp.Answer answer) {
        try {
            JsonNode body = mapper.readTree(answer.body() == null || answer.body().isBlank() ? "{}" : answer.body());
            List<String> messages = new ArrayList<>();
            body.path("errorMessages").forEach(message -> messages.add(message.asText()));
            body.path("errors").fields().forEachRemaining(field -> messages.add(field.getKey() + ": " + field.getValue().asText()));
            if (!messages.isEmpty()) {
                return String.join("; ", messages);
            }
        } catch (JsonProcessingException e) {
            // not JSON: its start is shown
        }
        return answer.start();
    }

    private static void put(Map<String, String> fields, String field, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(field, value);
        }
    }
}
