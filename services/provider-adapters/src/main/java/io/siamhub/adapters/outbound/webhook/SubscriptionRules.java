package io.siamhub.adapters.outbound.webhook;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.siamhub.adapters.core.StandardWebhooks;
import io.siamhub.adapters.outbound.core.Subscription;
import io.siamhub.adapters.outbound.core.TargetAddresses;

/**
 * Checks a subscription request field by field; each refusal names the field and what to do. The
 * URL's address is checked by {@link TargetAddresses} (its name's resolution by the resource).
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
    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");
    private static final int MAX_SECRETS = 5;
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
        for (String event : request.events()) {
            if (event == null || !EVENT.matcher(event).matches()) {
                throw new Refused("events: " + event + " is not a ce_type pattern (letters, digits, . _ - and * for any run,"
                        + " e.g. io.siamhub.incident.*)");
            }
        }
        Subscription.Filters filters = request.filters() == null ? Subscription.Filters.NONE : request.filters();
        List<String> priorities = new ArrayList<>();
        for (String priority : filters.priorities()) {
            String upper = priority == null ? "" : priority.strip().toUpperCase(Locale.ROOT);
            if (!PRIORITIES.contains(upper)) {
                throw new Refused("filters.priorities: " + priority + " is not one of P1, P2, P3, P4, P5");
            }
            priorities.add(upper);
        }
        for (List<String> values : List.of(filters.services(), filters.owners(), filters.providers())) {
            for (String value : values) {
                if (value == null || value.isBlank()) {
                    throw new Refused("filters: empty values are not allowed (leave a list empty to take every value)");
                }
            }
        }
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
