package io.siamhub.adapters.outbound.webhook;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.siamhub.adapters.core.StandardWebhooks;
import io.siamhub.adapters.outbound.core.Subscription;
import io.siamhub.adapters.outbound.core.TargetAddresses;
import io.siamhub.kit.api.ApiDescription;
import io.siamhub.model.EventTypes;
import io.siamhub.model.Priority;
import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.sla.SlaEventKind;

/**
 * Checks a subscription request field by field; each refusal names the field and what to do. The
 * URL's address is checked by {@link TargetAddresses} (its name's resolution by the resource). Limits:
 * {@code url} at most {@value #MAX_URL_LENGTH} characters; at most 50 {@code events} patterns, each
 * matching at least one of {@link #PUBLISHED_TYPES} (else the refusal names {@code events[i]} and the
 * nearest valid pattern); each filter list at most {@value #MAX_FILTER_VALUES} non-blank values of at most
 * {@value #MAX_FILTER_VALUE_LENGTH} characters; priorities {@code P1}..{@code P5} ({@link Priority});
 * services, owners and providers are not checked against the catalog (this service holds no copy of it).
 */
public final class SubscriptionRules {

    /** The valid fields of a request, ready to store. */
    public record Checked(String url, List<String> events, Subscription.Filters filters, Subscription.Format format,
            List<String> secrets, boolean enabled) {
    }

    /** A refused field. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern EVENT = Pattern.compile("[A-Za-z0-9._*-]{1,200}");
    private static final int MAX_SECRETS = 5;
    /** Longest {@code url} accepted, in characters (browsers' and proxies' common limit). */
    public static final int MAX_URL_LENGTH = 2_048;
    /** Longest filter value accepted, in characters. */
    public static final int MAX_FILTER_VALUE_LENGTH = 200;
    /** Most values accepted in one filter list. */
    public static final int MAX_FILTER_VALUES = 100;

    /**
     * Every {@code ce_type} the hub publishes to subscribers: the incident events of {@code siam.incidents.v1},
     * the SLA events of {@code siam.sla.v1}, the change events of {@code siam.changes.v1} (all from
     * shared-model's {@link EventTypes}) and the test ping.
     */
    public static final List<String> PUBLISHED_TYPES = publishedTypes();

    /** The patterns offered as the nearest valid one: each published type and each family's wildcard. */
    private static final List<String> SUGGESTIONS = suggestions();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SubscriptionRules() {
    }

    /**
     * Checks a request.
     *
     * @param current the secrets kept when the request has none (a replacement), or null on creation (then one is generated)
     * @throws Refused naming the field
     */
    public static Checked check(SubscriptionRequest request, TargetAddresses addresses, List<String> current) {
        if (request == null) {
            throw new Refused("a JSON body is required: {\"url\": \"https://...\", \"events\": [\"io.siamhub.incident.*\"]}");
        }
        if (request.url() != null && request.url().length() > MAX_URL_LENGTH) {
            throw new Refused("url is " + request.url().length() + " characters; at most " + MAX_URL_LENGTH);
        }
        try {
            addresses.checkUrl(request.url());
        } catch (TargetAddresses.Refused refused) {
            throw new Refused(refused.getMessage());
        }
        if (request.events() == null || request.events().isEmpty()) {
            throw new Refused("events is required: one or more ce_type patterns, e.g. [\"io.siamhub.incident.*\"]");
        }
        if (request.events().size() > 50) {
            throw new Refused("events has " + request.events().size() + " patterns; at most 50");
        }
        for (int i = 0; i < request.events().size(); i++) {
            String event = request.events().get(i);
            if (event == null || !EVENT.matcher(event).matches()) {
                throw new Refused("events[" + i + "]: " + event + " is not a ce_type pattern (letters, digits, . _ - and * for any run,"
                        + " e.g. io.siamhub.incident.*)");
            }
            if (PUBLISHED_TYPES.stream().noneMatch(type -> EventMatcher.typeMatches(event, type))) {
                throw new Refused("events[" + i + "]: " + event + " matches no event type the hub publishes; did you mean "
                        + nearest(event) + "? (the types are io.siamhub.incident.*, io.siamhub.sla.*, io.siamhub.change.* and "
                        + SubscriptionResource.PING_TYPE + ")");
            }
        }
        Subscription.Filters filters = request.filters() == null ? Subscription.Filters.NONE : request.filters();
        checkSizes("priorities", filters.priorities());
        List<String> priorities = new ArrayList<>();
        for (String priority : filters.priorities()) {
            String upper = priority == null ? "" : priority.strip().toUpperCase(Locale.ROOT);
            if (!PRIORITY_NAMES.contains(upper)) {
                throw new Refused("filters.priorities: " + priority + " is not one of " + String.join(", ", PRIORITY_NAMES)
                        + " (ITIL priority, P1 the most urgent)");
            }
            priorities.add(upper);
        }
        checkSizes("services", filters.services());
        checkSizes("owners", filters.owners());
        checkSizes("providers", filters.providers());
        filters = new Subscription.Filters(priorities, filters.services(), filters.owners(), filters.providers());
        Subscription.Format format = format(request.format());
        List<String> secrets;
        if (request.secrets() == null) {
            secrets = current != null ? current : List.of(generateSecret());
        } else {
            secrets = secrets(request.secrets());
        }
        return new Checked(request.url().strip(), List.copyOf(request.events()), filters, format, secrets,
                request.enabled() == null || request.enabled());
    }

    private static final List<String> PRIORITY_NAMES = java.util.Arrays.stream(Priority.values()).map(Enum::name).toList();

    private static void checkSizes(String name, List<String> values) {
        if (values.size() > MAX_FILTER_VALUES) {
            throw new Refused("filters." + name + " has " + values.size() + " values; at most " + MAX_FILTER_VALUES);
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                throw new Refused("filters." + name + "[" + i + "]: empty values are not allowed (leave a list empty to take every value)");
            }
            if (value.length() > MAX_FILTER_VALUE_LENGTH) {
                throw new Refused("filters." + name + "[" + i + "] is " + value.length() + " characters; at most " + MAX_FILTER_VALUE_LENGTH);
            }
        }
    }

    /** The published type or family wildcard closest to {@code pattern} (Levenshtein distance). */
    static String nearest(String pattern) {
        String best = SUGGESTIONS.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : SUGGESTIONS) {
            int distance = ApiDescription.distance(pattern, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static List<String> publishedTypes() {
        List<String> types = new ArrayList<>();
        for (IncidentEventKind kind : IncidentEventKind.values()) {
            types.add(EventTypes.incident(kind));
        }
        for (SlaEventKind kind : SlaEventKind.values()) {
            types.add(EventTypes.sla(kind));
        }
        for (ChangeEventKind kind : ChangeEventKind.values()) {
            types.add(EventTypes.change(kind));
        }
        types.add(SubscriptionResource.PING_TYPE);
        return List.copyOf(types);
    }

    private static List<String> suggestions() {
        List<String> patterns = new ArrayList<>(List.of("io.siamhub.incident.*", "io.siamhub.sla.*", "io.siamhub.change.*"));
        patterns.addAll(PUBLISHED_TYPES);
        return List.copyOf(patterns);
    }

    /** A new secret: {@code whsec_} and 32 random bytes in base64. */
    public static String generateSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return StandardWebhooks.SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    private static Subscription.Format format(String value) {
        if (value == null) {
            return Subscription.Format.cloudevents;
        }
        try {
            return Subscription.Format.valueOf(value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused("format " + value + " is not cloudevents (a CloudEvents 1.0 JSON document) or snapshot (the plain incident JSON)");
        }
    }

    private static List<String> secrets(List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new Refused("secrets must hold at least one whsec_ secret (or be left out to have one generated)");
        }
        if (secrets.size() > MAX_SECRETS) {
            throw new Refused("secrets has " + secrets.size() + " entries; at most " + MAX_SECRETS + " (rotate by replacing old ones)");
        }
        for (String secret : secrets) {
            if (secret == null || !secret.startsWith(StandardWebhooks.SECRET_PREFIX)) {
                throw new Refused("secrets: each is whsec_ followed by base64 of 24 to 64 random bytes"
                        + " (leave secrets out to have one generated)");
            }
            byte[] key;
            try {
                key = StandardWebhooks.key(secret);
            } catch (IllegalArgumentException e) {
                throw new Refused("secrets: the part after whsec_ is not base64");
            }
            if (key.length < 24 || key.length > 64) {
                throw new Refused("secrets: a key of " + key.length + " bytes; Standard Webhooks keys are 24 to 64 bytes");
            }
        }
        return List.copyOf(secrets);
    }
}
