package io.siamhub.adapters.outbound.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.siamhub.adapters.outbound.core.Attempt;
import io.siamhub.adapters.outbound.core.DeliveryQueue;
import io.siamhub.adapters.outbound.core.Subscription;
import io.siamhub.adapters.outbound.core.SubscriptionStore;
import io.siamhub.adapters.outbound.core.TargetAddresses;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * {@code /api/subscriptions}: outbound webhook subscriptions (role {@code siam-admin}). A
 * subscription's secrets are shown once, in the answer to its creation; afterwards only their
 * fingerprints. Its URL is checked when saved (shape, scheme, and the addresses its host resolves to)
 * and again before every delivery.
 */
@Path("/api/subscriptions")
@RolesAllowed(Roles.ADMIN)
public class SubscriptionResource {

    /** The ce_type of the test ping. */
    public static final String PING_TYPE = "io.siamhub.subscription.ping.v1";

    private static final String ID = "The subscription's id (a UUID, from the list or the creation answer)";
    private static final String ID_EXAMPLE = "3f2b0c1e-8d4a-4c5e-9b7f-0a1b2c3d4e5f";
    private static final String NOT_FOUND = "No such subscription";
    private static final String BAD = "A field is missing or invalid (url not https, too long, not resolving or an internal address;"
            + " a pattern matching no published type, a bad priority, an oversized filter, a bad secret); the detail names it";
    // an address, not a name: a host name that does not resolve is refused at save, and example.com names do not resolve
    // (203.0.113.0/24 is TEST-NET-3, RFC 5737: public, never routed)
    private static final String EXAMPLE = """
            {"url": "https://203.0.113.10/hooks/siam", "events": ["io.siamhub.incident.*"],
             "filters": {"priorities": ["P1", "P2"], "services": [], "owners": [], "providers": []},
             "format": "cloudevents", "secrets": ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], "enabled": true}""";

    /**
     * What the test ping did.
     *
     * @param webhookId the ping's {@code webhook-id}
     * @param delivered true when the receiver answered 2xx
     * @param status    the receiver's HTTP status, or null when none came
     * @param latencyMs how long the attempt took, in milliseconds
     * @param error     the failure (status and the start of the answer, or the network error), when not delivered
     */
    public record TestResult(String webhookId, boolean delivered, Integer status, long latencyMs, String error) {
    }

    private final SubscriptionStore store;
    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final ObjectMapper mapper;
    private final Clock clock;

    SubscriptionResource(SubscriptionStore store, DeliveryQueue queue, WebhookSender sender, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.sender = sender;
        this.mapper = mapper;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "List the outbound webhook subscriptions (secrets as fingerprints)")
    @APIResponse(responseCode = "200", description = "The subscriptions, oldest first", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = SubscriptionView.class)))
    public Uni<List<SubscriptionView>> listSubscriptions() {
        return store.list().map(all -> all.stream().map(SubscriptionView::of).toList());
    }

    @POST
    @Operation(summary = "Subscribe a URL to events; the answer shows the secrets once",
            description = "Without secrets one is generated. Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp,"
                    + " webhook-signature).")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubscriptionRequest.class),
            examples = @ExampleObject(name = "incidents P1-P2", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Subscribed; secrets shown this once", headers = @Header(name = "Location",
            description = "The subscription's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = BAD)
    public Uni<Response> createSubscription(SubscriptionRequest request) {
        SubscriptionRules.Checked checked = check(request, null);
        Instant now = clock.instant();
        return resolvable(checked.url())
                .chain(() -> store.insert(new Subscription(UUID.randomUUID(), checked.url(), checked.events(), checked.filters(),
                        checked.format(), checked.secrets(), checked.enabled(), null, now, now)))
                .map(saved -> Response.created(URI.create("/api/subscriptions/" + saved.id())).entity(SubscriptionView.created(saved))
                        .build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One subscription (secrets as fingerprints)")
    @APIResponse(responseCode = "200", description = "The subscription", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Uni<SubscriptionView> getSubscription(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        return find(id).map(SubscriptionView::of);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a subscription; without secrets its current ones are kept",
            description = "enabled=true resumes a subscription the hub disabled after a 410 Gone; its pending deliveries then go out.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubscriptionRequest.class),
            examples = @ExampleObject(name = "incidents P1-P2", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Replaced (secrets as fingerprints)", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = BAD)
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Uni<SubscriptionView> replaceSubscription(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
            SubscriptionRequest request) {
        return find(id).chain(current -> {
            SubscriptionRules.Checked checked = check(request, current.secrets());
            return resolvable(checked.url()).chain(() -> store.update(new Subscription(current.id(), checked.url(), checked.events(),
                    checked.filters(), checked.format(), checked.secrets(), checked.enabled(),
                    checked.enabled() ? null : current.disabledReason(), current.createdAt(), clock.instant())));
        }).onItem().ifNull().failWith(() -> ProblemException.notFound("no subscription " + id)).map(SubscriptionView::of);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a subscription and its queued deliveries")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Uni<Response> deleteSubscription(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id) {
        UUID uuid = uuid(id);
        return store.delete(uuid).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("no subscription " + id);
            }
            return Response.noContent().build();
        });
    }

    @POST
    @Path("{id}/test")
    @Operation(summary = "Send a signed ping (type io.siamhub.subscription.ping.v1) now, once, and say how the receiver answered",
            description = "Not queued and not retried; sent to a disabled subscription too, to check it before enabling it.")
    @APIResponse(responseCode = "200", description = "The attempt (delivered or not)", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = TestResult.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID, or a body was sent (the ping takes none)")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Uni<TestResult> testSubscription(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
            @Context HttpHeaders headers) {
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = headers.getHeaderString("Transfer-Encoding") != null;
        if (chunked || (length != null && !length.strip().equals("0"))) {
            throw ProblemException.badRequest("the test ping takes no body: POST /api/subscriptions/" + id
                    + "/test with nothing (no -d); the ping's content is fixed");
        }
        return find(id).chain(subscription -> {
            String eventId = UUID.randomUUID().toString();
            Instant now = clock.instant();
            ObjectNode data = mapper.createObjectNode();
            data.put("subscription", subscription.id().toString());
            data.put("message", "siam-hub test ping: the signature verifies with this subscription's secret");
            WebhookPayloads.Body body = WebhookPayloads.body(mapper, subscription.format(), eventId, "/api/subscriptions", PING_TYPE,
                    subscription.id().toString(), now, data);
            DeliveryQueue.Claimed ping = new DeliveryQueue.Claimed(null, subscription.id(), subscription.url(), subscription.secrets(),
                    eventId, PING_TYPE, "/api/subscriptions", subscription.id().toString(), now, body.contentType(), body.text(), 0, now, now, Subscription.WEBHOOK);
            return sender.send(ping).map(attempt -> new TestResult(eventId, attempt.verdict() == Attempt.Verdict.DELIVERED,
                    attempt.status(), attempt.latency().toMillis(), attempt.verdict() == Attempt.Verdict.DELIVERED ? null : attempt.summary()));
        });
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "The subscription's deliveries, newest first: attempts, last status, next attempt, latency")
    @APIResponse(responseCode = "200", description = "Its deliveries", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = DeliveryQueue.View.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID, or status is not PENDING, DELIVERED or DEAD")
    @APIResponse(responseCode = "404", description = NOT_FOUND)
    public Uni<List<DeliveryQueue.View>> listDeliveries(@Parameter(description = ID, example = ID_EXAMPLE) @PathParam("id") String id,
            @Parameter(description = "PENDING, DELIVERED or DEAD, repeated or comma-separated (all when absent)", example = "PENDING")
            @QueryParam("status") List<String> status,
            @Parameter(description = "At most this many", example = "100") @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        java.util.Set<DeliveryQueue.Status> wanted = java.util.EnumSet.noneOf(DeliveryQueue.Status.class);
        for (String value : status == null ? List.<String> of() : status) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                DeliveryQueue.Status parsed = DeliveryQueue.Status.parse(part.strip());
                if (parsed == null) {
                    throw ProblemException.badRequest("status " + part.strip() + " is not PENDING, DELIVERED or DEAD");
                }
                wanted.add(parsed);
            }
        }
        return find(id).chain(subscription -> queue.list(subscription.id(), wanted, limit));
    }

    private SubscriptionRules.Checked check(SubscriptionRequest request, List<String> currentSecrets) {
        try {
            return SubscriptionRules.check(request, sender.addresses(), currentSecrets);
        } catch (SubscriptionRules.Refused refused) {
            throw ProblemException.badRequest(refused.getMessage());
        }
    }

    /**
     * Resolves the URL's host (on a worker thread) and refuses it (400 naming {@code url}) when it does
     * not resolve or any address is internal. Every delivery resolves and checks it again.
     */
    private Uni<Void> resolvable(String url) {
        String host = TargetAddresses.host(URI.create(url));
        TargetAddresses addresses = sender.addresses();
        return Uni.createFrom().<Void> item(() -> {
            try {
                addresses.checkAll(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                throw ProblemException.badRequest("url host " + host + " does not resolve: check the name (it is resolved again"
                        + " before every delivery)");
            } catch (TargetAddresses.Refused refused) {
                throw ProblemException.badRequest("url " + host + ": " + refused.getMessage());
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Uni<Subscription> find(String id) {
        UUID uuid = uuid(id);
        return store.find(uuid).onItem().ifNull().failWith(() -> ProblemException.notFound("no subscription " + id));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(id + " is not a subscription id: ids are UUIDs (GET /api/subscriptions lists them)");
        }
    }
}
