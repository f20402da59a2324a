package io.siamhub.adapters.outbound.core;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/dlq/outbound}: outbound deliveries that failed permanently (a 4xx, a redirect, a refused
 * address, 410 Gone) or ran out of retries, and their replay: the same event id (so the same
 * {@code webhook-id}), due at once, with a fresh retry window.
 */
@Path("/api/dlq/outbound")
public class OutboundDeadLetterResource {

    private static final String ID = "The delivery's id (a UUID, from the list)";

    private final DeliveryQueue queue;
    private final SubscriptionStore store;
    private final OutboundDispatcher dispatcher;
    private final Clock clock;

    OutboundDeadLetterResource(DeliveryQueue queue, SubscriptionStore store, OutboundDispatcher dispatcher, Clock clock) {
        this.queue = queue;
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List dead outbound deliveries, newest first")
    @APIResponse(responseCode = "200", description = "The dead deliveries", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = DeliveryQueue.View.class)))
    @APIResponse(responseCode = "400", description = "subscription is not a UUID")
    @APIResponse(responseCode = "404", description = "No subscription (webhook or ticket-sync target) has this id")
    public Uni<List<DeliveryQueue.View>> listOutboundDeadLetters(
            @Parameter(description = "Only this subscription's", example = "3f2b0c1e-8d4a-4c5e-9b7f-0a1b2c3d4e5f") @QueryParam("subscription") String subscription,
            @Parameter(description = "At most this many", example = "100") @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        if (subscription == null) {
            return queue.dead(null, limit);
        }
        UUID id = uuid(subscription, "subscription");
        return store.exists(id).chain(exists -> {
            if (!exists) {
                throw ProblemException.notFound("subscription: no subscription " + subscription + " (GET /api/subscriptions lists them)");
            }
            return queue.dead(id, limit);
        });
    }

    @POST
    @Path("{id}/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Queue a dead delivery again (same webhook-id, due now, a fresh retry window)")
    @APIResponse(responseCode = "200", description = "Queued again", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DeliveryQueue.View.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such delivery")
    @APIResponse(responseCode = "409", description = "The delivery is not dead (pending or delivered)")
    public Uni<DeliveryQueue.View> replayOutboundDeadLetter(@Parameter(description = ID, example = "3f2b0c1e-8d4a-4c5e-9b7f-0a1b2c3d4e5f") @PathParam("id") String id) {
        UUID uuid = uuid(id, "id");
        return queue.replay(uuid, clock.instant()).chain(replayed -> {
            if (replayed != null) {
                dispatcher.wake();
                return Uni.createFrom().item(replayed);
            }
            return queue.find(uuid).map(existing -> {
                if (existing == null) {
                    throw ProblemException.notFound("no outbound delivery " + id);
                }
                throw ProblemException.conflict("delivery " + id + " is " + existing.status() + ", not DEAD: only dead deliveries are replayed");
            });
        });
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field + " " + value + " is not a UUID (GET /api/dlq/outbound lists the deliveries)");
        }
    }
}
