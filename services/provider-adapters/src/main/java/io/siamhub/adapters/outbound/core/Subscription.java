package io.siamhub.adapters.outbound.core;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored outbound webhook subscription.
 *
 * @param id             its id
 * @param url            where deliveries are POSTed (checked by {@link TargetAddresses})
 * @param events         {@code ce_type} patterns; {@code *} matches any run of characters ({@code io.siamhub.incident.*})
 * @param filters        which events of those types: by priority, service, owner, provider (empty lists match all)
 * @param format         the body of a delivery
 * @param secrets        Standard Webhooks secrets ({@code whsec_<base64>}), each signs every delivery (rotation)
 * @param enabled        false: nothing is queued for it or sent (410 Gone from the receiver disables it)
 * @param disabledReason why it was disabled by the hub, or null
 * @param target         who sends its deliveries: {@code webhook} (a subscription of {@code /api/subscriptions}), or a
 *                       sync target ({@code servicenow}, {@code jira}) whose built-in row the target keeps from its
 *                       configuration
 */
public record Subscription(UUID id, String url, List<String> events, Filters filters, Format format, List<String> secrets,
        boolean enabled, String disabledReason, Instant createdAt, Instant updatedAt, String target) {

    /** The target of the subscriptions of {@code /api/subscriptions}. */
    public static final String WEBHOOK = "webhook";

    /** A webhook subscription. */
    public Subscription(UUID id, String url, List<String> events, Filters filters, Format format, List<String> secrets,
            boolean enabled, String disabledReason, Instant createdAt, Instant updatedAt) {
        this(id, url, events, filters, format, secrets, enabled, disabledReason, createdAt, updatedAt, WEBHOOK);
    }

    /** True for a sync target's built-in row. */
    public boolean sync() {
        return !WEBHOOK.equals(target);
    }

    /** The body of a delivery. */
    public enum Format {
        /** CloudEvents 1.0 structured mode, {@code application/cloudevents+json}; {@code data} is the event. */
        cloudevents,
        /** The plain snapshot ({@code application/json}): the incident, change or SLA event itself, with the CloudEvent in {@code ce-*} headers. */
        snapshot
    }

    /**
     * Which events of the subscribed types are delivered. Each non-empty list must contain the event's
     * value; an event that has no such field does not pass a non-empty list.
     *
     * @param priorities P1..P5 (incidents, SLA clocks)
     * @param services   service ids (incidents, changes)
     * @param owners     owning provider or resolver group (incidents; an SLA clock's accountable party)
     * @param providers  providers (an incident's signal and ticket providers, an SLA clock's or a change's provider)
     */
    public record Filters(List<String> priorities, List<String> services, List<String> owners, List<String> providers) {
        public Filters {
            priorities = priorities == null ? List.of() : List.copyOf(priorities);
            services = services == null ? List.of() : List.copyOf(services);
            owners = owners == null ? List.of() : List.copyOf(owners);
            providers = providers == null ? List.of() : List.copyOf(providers);
        }

        public static final Filters NONE = new Filters(List.of(), List.of(), List.of(), List.of());
    }
}
