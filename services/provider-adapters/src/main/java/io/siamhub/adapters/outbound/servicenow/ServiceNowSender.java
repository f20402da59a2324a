package io.siamhub.adapters.outbound.servicenow;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 * Keeps a ServiceNow incident record per synced incident through the Table API ({@link ServiceNowTableApi}):
 * <ul>
 * <li>a record a person linked to the incident: found by {@code GET ?sysparm_query=number=<key>} and kept in
 * step like one the hub made;</li>
 * <li>create: {@code GET ?sysparm_query=correlation_id=<incident id>} first, since the Table API has no
 * idempotency key and an earlier attempt may have created the record before its answer was lost; found
 * → adopted and brought up to date, else {@code POST} with {@code correlation_id} = the incident id and
 * {@code correlation_display};</li>
 * <li>update: {@code PATCH} of the changed synced fields ({@code state}, {@code impact}, {@code urgency},
 * {@code priority}, {@code assignment_group}; a resolution with {@code close_code} / {@code close_notes})
 * and a {@code work_notes} line saying what changed, by whom and why; On Hold with {@code hold_reason};</li>
 * <li>a person's comment on the incident in the hub: a {@code PATCH} of {@code comment-field} ({@code work_notes} or
 * {@code comments}) naming who wrote it. The instance's webhook of that write is the integration user's, an echo
 * the inbound side drops, so the comment never comes back as a note.</li>
 * </ul>
 * 429 ({@code Retry-After}, {@code X-RateLimit-*}) is retried and holds the target back; 5xx, timeouts
 * and connection errors are retried; 400/401/403/404 are dead-lettered with ServiceNow's
 * {@code error.message}. The credentials go only into the Authorization header: never logged, never
 * stored with a delivery.
 */
@Singleton // no client proxy: its base class has no no-args constructor
public class ServiceNowSender extends SyncTarget {

    /** The target's name: the {@code target} of its subscription row and metrics, the ticket {@code system}. */
    public static final String TARGET = "servicenow";
    /** The built-in subscription row of this target. */
    public static final UUID SUBSCRIPTION = SyncTarget.subscriptionId(TARGET);
    static final String FIELDS = "sys_id,number,state";

    private final ServiceNowSyncConfig config;
    private final ServiceNowFields fields;
    private final ServiceNowTableApi api;

    ServiceNowSender(ServiceNowSyncConfig config, OutboundConfig outbound, SyncTickets tickets, TicketLinks links,
            SubscriptionStore subscriptions, ObjectMapper mapper, Clock clock, io.quarkus.oidc.client.OidcClients oidc) {
        super(TARGET, outbound.timeout(), SyncAuthorization.of(TARGET, config.username(), config.password(), config.passwordFile(),
                config.oauth(), oidc, clock, mapper), tickets, links, subscriptions, mapper, clock);
        if (!List.of("work_notes", "comments").contains(config.commentField())) {
            throw new IllegalStateException("siam.adapters.outbound.servicenow.comment-field is '" + config.commentField()
                    + "': it must be work_notes (internal work notes) or comments (additional comments, visible to the caller)");
        }
        this.config = config;
        this.fields = new ServiceNowFields(config);
        this.api = config.url().map(url -> SyncHttp.client(url, outbound.timeout(), ServiceNowTableApi.class)).orElse(null);
    }

    void start(@Observes StartupEvent event) {
        keepRow(config.syncPriorities(), config.syncOwners().orElse(List.of()));
    }

    @Override
    protected Optional<String> url() {
        return config.url().map(Object::toString);
    }

    @Override
    protected Map<String, String> synced(JsonNode incident) {
        return fields.synced(incident);
    }

    @Override
    protected Uni<Attempt> create(String incidentId, JsonNode event, Map<String, String> synced, long started) {
        return call(api.query(authorization(), "correlation_id=" + incidentId, FIELDS, 1), started).chain(found -> {
            JsonNode result = found.json(mapper).path("result");
            if (result.isArray() && !result.isEmpty()) {
                // an earlier attempt created it and its answer was lost: adopt it, then bring it up to date
                return adopted(ticket(incidentId, result.get(0), Map.of()), event, synced, started);
            }
            return call(api.create(authorization(), FIELDS, json(fields.create(event.path("incident"), synced))), started)
                    .chain(answer -> created(ticket(incidentId, answer.json(mapper).path("result"), synced), event, answer.attempt(started)));
        });
    }

    /** Finds the linked record by its {@code number} ({@code GET ?sysparm_query=number=<key>}). */
    @Override
    protected Uni<Attempt> adoptLinked(String incidentId, String key, JsonNode event, Map<String, String> synced, long started) {
        return call(api.query(authorization(), "number=" + key, FIELDS, 1), started).chain(found -> {
            JsonNode result = found.json(mapper).path("result");
            if (result.isArray() && !result.isEmpty()) {
                JsonNode record = result.get(0);
                Map<String, String> written = record.path("state").asText("").isEmpty() ? Map.of()
                        : Map.of(ServiceNowFields.STATE, record.path("state").asText());
                return adopted(ticket(incidentId, record, written), event, synced, started);
            }
            return Uni.createFrom().item(linkedTicketMissing(key, started));
        });
    }

    @Override
    protected Uni<Attempt> push(SyncTickets.Ticket ticket, JsonNode event, Map<String, String> changed, long started) {
        return call(api.update(authorization(), ticket.externalId(), FIELDS, json(fields.update(event, changed))), started)
                .map(answer -> answer.attempt(started));
    }

    @Override
    protected String providerStatus(SyncTickets.Ticket ticket) {
        return ticket.written().getOrDefault(ServiceNowFields.STATE, "1");
    }

    @Override
    protected SignalStatus status(SyncTickets.Ticket ticket) {
        return ServiceNowFields.status(providerStatus(ticket));
    }

    private SyncTickets.Ticket ticket(String incidentId, JsonNode record, Map<String, String> written) {
        String sysId = record.path("sys_id").asText("");
        if (sysId.isEmpty()) {
            throw new SyncHttp.CallFailed(Attempt.answered(502, Duration.ZERO, null, "ServiceNow answered without result.sys_id"));
        }
        String base = config.url().map(Object::toString).orElse("").replaceAll("/+$", "");
        return new SyncTickets.Ticket(TARGET, incidentId, sysId, record.path("number").asText(sysId),
                base + "/nav_to.do?uri=incident.do?sys_id=" + sysId, written, false);
    }

    /** ServiceNow's {@code error.message} (and {@code detail}), else the start of the body. */
    @Override
    protected String error(SyncHttp.Answer answer) {
        try {
            JsonNode error = mapper.readTree(answer.body() == null || answer.body().isBlank() ? "{}" : answer.body()).path("error");
            if (error.isObject()) {
                String detail = error.path("detail").asText("");
                return error.path("message").asText("") + (detail.isEmpty() ? "" : " (" + detail + ")");
            }
        } catch (JsonProcessingException e) {
            // not JSON: its start is shown
        }
        return answer.start();
    }
}
