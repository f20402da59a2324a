package io.siamhub.adapters.outbound.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.adapters.outbound.core.Subscription;

/**
 * Whether a subscription wants an event: one of its {@code events} patterns matches the event's
 * {@code ce_type} ({@code *} matches any run of characters, so {@code io.siamhub.incident.*} takes every
 * incident event and {@code *.resolved.v1} every resolution), and the event passes every non-empty
 * filter. The filtered values, by event (the JSON on the topic):
 * <ul>
 * <li>incident ({@code IncidentEvent}): {@code incident.priority}, {@code .service}, {@code .owner};
 * providers = the provider prefix of each signal fingerprint ({@code alertmanager:…}) and each external
 * ticket's {@code system};</li>
 * <li>SLA ({@code SlaEvent}): {@code priority}; owner = {@code party}; provider = {@code provider};</li>
 * <li>change ({@code ChangeEvent}): services = {@code change.services}; provider = {@code change.provider}.</li>
 * </ul>
 * An event without a value for a non-empty filter does not pass it.
 */
public final class EventMatcher {

    private EventMatcher() {
    }

    /** True when {@code pattern} (with {@code *} wildcards) matches the whole {@code type}. */
    public static boolean typeMatches(String pattern, String type) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.matches(regex.toString(), type);
    }

    /** True when the subscription takes this event. */
    public static boolean matches(Subscription subscription, String type, JsonNode event) {
        boolean typed = false;
        for (String pattern : subscription.events()) {
            typed |= typeMatches(pattern, type);
        }
        if (!typed) {
            return false;
        }
        Subscription.Filters filters = subscription.filters();
        Facts facts = Facts.of(type, event);
        return passes(filters.priorities(), facts.priorities) && passes(filters.services(), facts.services)
                && passes(filters.owners(), facts.owners) && passes(filters.providers(), facts.providers);
    }

    private static boolean passes(List<String> wanted, List<String> values) {
        if (wanted.isEmpty()) {
            return true;
        }
        for (String value : values) {
            for (String want : wanted) {
                if (want.equalsIgnoreCase(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The filterable values of one event. */
    private record Facts(List<String> priorities, List<String> services, List<String> owners, List<String> providers) {

        static Facts of(String type, JsonNode event) {
            List<String> priorities = new ArrayList<>();
            List<String> services = new ArrayList<>();
            List<String> owners = new ArrayList<>();
            List<String> providers = new ArrayList<>();
            if (type.startsWith("io.siamhub.incident.")) {
                JsonNode incident = event.path("incident");
                add(priorities, incident.path("priority"));
                add(services, incident.path("service"));
                add(owners, incident.path("owner"));
                for (JsonNode fingerprint : incident.path("signals").path("fingerprints")) {
                    String text = fingerprint.asText("");
                    int colon = text.indexOf(':');
                    if (colon > 0) {
                        providers.add(text.substring(0, colon));
                    }
                }
                for (JsonNode ticket : incident.path("externalTickets")) {
                    add(providers, ticket.path("system"));
                }
            } else if (type.startsWith("io.siamhub.sla.")) {
                add(priorities, event.path("priority"));
                add(owners, event.path("party"));
                add(providers, event.path("provider"));
            } else if (type.startsWith("io.siamhub.change.")) {
                JsonNode change = event.path("change");
                for (JsonNode service : change.path("services")) {
                    add(services, service);
                }
                add(providers, change.path("provider"));
            }
            return new Facts(priorities, services, owners, providers);
        }

        private static void add(List<String> values, JsonNode node) {
            if (node.isTextual() && !node.asText().isBlank()) {
                values.add(node.asText());
            }
        }
    }
}
