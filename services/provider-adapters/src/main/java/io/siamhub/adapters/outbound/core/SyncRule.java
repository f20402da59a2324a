package io.siamhub.adapters.outbound.core;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which incidents a sync target ({@code servicenow}, {@code jira}) keeps a ticket for: an incident event
 * ({@code io.siamhub.incident.*}) whose incident has the priority of {@code .sync-priorities} <em>or</em>
 * the owner of {@code .sync-owners} (both empty: every incident), or that already carries a ticket of the
 * target's system on its {@code externalTickets} (once synced, an incident stays synced when its priority
 * falls). Values compare case-insensitively; {@code .sync-priorities=none} syncs by owner only. SLA and
 * change events are never synced.
 */
public final class SyncRule {

    private SyncRule() {
    }

    /**
     * True when the target's built-in subscription takes this event.
     *
     * @param subscription the target's row: {@code filters.priorities} and {@code filters.owners} hold the rule
     * @param type         the event's {@code ce_type}
     * @param event        the event's JSON ({@code IncidentEvent})
     */
    public static boolean matches(Subscription subscription, String type, JsonNode event) {
        if (!type.startsWith("io.siamhub.incident.")) {
            return false;
        }
        JsonNode incident = event.path("incident");
        for (JsonNode ticket : incident.path("externalTickets")) {
            if (subscription.target().equalsIgnoreCase(ticket.path("system").asText(""))) {
                return true;
            }
        }
        List<String> priorities = subscription.filters().priorities();
        List<String> owners = subscription.filters().owners();
        if (priorities.isEmpty() && owners.isEmpty()) {
            return true;
        }
        return contains(priorities, incident.path("priority").asText("")) || contains(owners, incident.path("owner").asText(""));
    }

    private static boolean contains(List<String> wanted, String value) {
        return !value.isEmpty() && wanted.stream().anyMatch(want -> want.equalsIgnoreCase(value));
    }
}
