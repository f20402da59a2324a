package io.siamhub.adapters.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.siamhub.adapters.core.AdapterRegistry;
import io.siamhub.adapters.core.NormalizerVersion;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/dlq}: the raw webhooks the normalizer could not map, their replay after a fix, and their
 * purge. Entries leave the index by themselves after {@code siam.adapters.dlq.retention} (pending) or
 * {@code siam.adapters.dlq.replayed-retention} (replayed); see {@link DeadLetterRetention}.
 */
@Path("/api/dlq")
public class DeadLetterResource {

    private static final String ID = "The dead letter's id (a UUID, from the list)";
    private static final String PROVIDER = "Only this provider's (alertmanager, aws, azure, gcp, pagerduty, datadog, servicenow, jira, cloudevents)";

    /** What a purge removed. */
    public record PurgeResult(int purged) {
    }

    /**
     * One entry in a list (no body). {@code normalizerVersion} is the mapping version that last failed
     * it; below {@code currentNormalizerVersion} a replay may well map it now.
     */
    public record Summary(String id, String inboundCeId, String provider, String endpoint, String cause, String reason,
            String adapterVersion, int normalizerVersion, int currentNormalizerVersion, Instant receivedAt, Instant failedAt,
            int failures, DeadLetter.Status status, Instant replayedAt, String inbound) {
        static Summary of(DeadLetter entry) {
            return new Summary(entry.id.toString(), entry.inboundCeId, entry.provider, entry.endpoint, entry.cause, entry.reason,
                    entry.adapterVersion, entry.normalizerVersion, NormalizerVersion.CURRENT, entry.receivedAt, entry.failedAt,
                    entry.failures, entry.status, entry.replayedAt,
                    "siam.inbound.v1/" + entry.inboundPartition + "@" + entry.inboundOffset);
        }
    }

    /** One entry with its stored headers and body. */
    public record Detail(Summary summary,
            @Schema(type = SchemaType.ARRAY, description = "The stored request headers as [name, value] pairs (secrets removed)")
            JsonNode headers,
            String body) {
    }

    /** What a bulk replay did, with the mapping version that ran it. */
    public record BulkResult(int normalizerVersion, int replayed, int failed, List<DeadLetterReplay.Result> results) {
    }

    private final DeadLetterReplay replay;
    private final ObjectMapper mapper;
    private final AdapterRegistry adapters;

    DeadLetterResource(DeadLetterReplay replay, ObjectMapper mapper, AdapterRegistry adapters) {
        this.replay = replay;
        this.mapper = mapper;
        this.adapters = adapters;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List dead-lettered webhooks, newest first")
    @APIResponse(responseCode = "200", description = "The dead letters", content = @Content(mediaType = "application/json",
            schema = @Schema(type = SchemaType.ARRAY, implementation = Summary.class)))
    public Uni<List<Summary>> list(@Parameter(description = PROVIDER, example = "servicenow") @QueryParam("provider") String provider,
            @Parameter(description = "PENDING (waiting for a replay) or REPLAYED", example = "PENDING") @QueryParam("status")
            @DefaultValue("PENDING") String statusName,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        DeadLetter.Status status = status(statusName);
        checkProvider(provider);
        String query = provider == null ? "status = :status" : "status = :status and provider = :provider";
        Parameters parameters = Parameters.with("status", status);
        if (provider != null) {
            parameters = parameters.and("provider", provider);
        }
        Parameters bound = parameters;
        return Panache.withSession(() -> DeadLetter.<DeadLetter> find(query, Sort.descending("failedAt"), bound)
                .page(0, limit).list())
                .map(entries -> entries.stream().map(Summary::of).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One dead-lettered webhook with its stored headers and body")
    @APIResponse(responseCode = "200", description = "The dead letter", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Detail.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter (it may have passed its retention)")
    public Uni<Detail> get(@Parameter(description = ID, example = "3f2b0c1e-8d4a-4c5e-9b7f-0a1b2c3d4e5f") @PathParam("id") String id) {
        return Panache.withSession(() -> find(id))
                .map(entry -> new Detail(Summary.of(entry), readTree(entry.headers),
                        new String(entry.body, StandardCharsets.UTF_8)));
    }

    @POST
    @Path("{id}/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Run one dead-lettered webhook through the current mapping; 422 if it still fails")
    @APIResponse(responseCode = "200", description = "Replayed: its signals are published", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DeadLetterReplay.Result.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter")
    @APIResponse(responseCode = "422", description = "The current mapping still cannot map it; the detail says why")
    public Uni<DeadLetterReplay.Result> replayOne(@Parameter(description = ID, example = "3f2b0c1e-8d4a-4c5e-9b7f-0a1b2c3d4e5f")
            @PathParam("id") String id) {
        return Panache.withTransaction(() -> find(id).chain(replay::replay))
                .invoke(result -> {
                    if (result.status() != DeadLetter.Status.REPLAYED) {
                        throw new ProblemException(io.siamhub.kit.problem.Problem.of(422, "still-unmappable",
                                "Still cannot be mapped", result.reason()));
                    }
                });
    }

    @POST
    @Path("replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replay every pending dead letter, or those of one provider, through the current mapping version")
    @APIResponse(responseCode = "200", description = "What was replayed, and what still fails", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = BulkResult.class)))
    public Uni<BulkResult> replayAll(@Parameter(description = PROVIDER, example = "servicenow") @QueryParam("provider") String provider) {
        checkProvider(provider);
        String query = provider == null ? "status = ?1" : "status = ?1 and provider = ?2";
        Object[] parameters = provider == null ? new Object[] {DeadLetter.Status.PENDING}
                : new Object[] {DeadLetter.Status.PENDING, provider};
        return Panache.withTransaction(() -> DeadLetter.<DeadLetter> list(query, Sort.ascending("failedAt"), parameters)
                .chain(entries -> replayInOrder(entries, 0, new ArrayList<>())))
                .map(results -> {
                    int replayed = (int) results.stream().filter(r -> r.status() == DeadLetter.Status.REPLAYED).count();
                    return new BulkResult(NormalizerVersion.CURRENT, replayed, results.size() - replayed, results);
                });
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Purge one dead letter from the index (the DLQ topic keeps its record until the topic's retention)")
    @APIResponse(responseCode = "204", description = "Purged")
    @APIResponse(responseCode = "404", description = "No such dead letter")
    public Uni<Response> purgeOne(@Parameter(description = ID, example = "3f2b0c1e-8d4a-4c5e-9b7f-0a1b2c3d4e5f") @PathParam("id") String id) {
        return Panache.withTransaction(() -> find(id).chain(entry -> entry.delete())).replaceWith(Response.noContent().build());
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Purge dead letters of a status from the index, optionally of one provider and failed before an instant",
            description = "status is required, so a purge always says what it removes: REPLAYED (done with) or PENDING (given up on).")
    @APIResponse(responseCode = "200", description = "How many were purged", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = PurgeResult.class)))
    public Uni<PurgeResult> purge(@Parameter(description = "PENDING or REPLAYED", required = true, example = "REPLAYED")
            @QueryParam("status") String statusName,
            @Parameter(description = PROVIDER) @QueryParam("provider") String provider,
            @Parameter(description = "Only those that last failed before this ISO-8601 instant", example = "2026-11-01T00:00:00Z")
            @QueryParam("before") String before) {
        if (statusName == null || statusName.isBlank()) {
            throw ProblemException.badRequest("status is required: status=REPLAYED purges replayed dead letters, status=PENDING"
                    + " those still waiting for a replay");
        }
        DeadLetter.Status status = status(statusName);
        checkProvider(provider);
        StringBuilder query = new StringBuilder("status = :status");
        Parameters parameters = Parameters.with("status", status);
        if (provider != null) {
            query.append(" and provider = :provider");
            parameters.and("provider", provider);
        }
        if (before != null) {
            query.append(" and failedAt < :before");
            parameters.and("before", instant(before));
        }
        return Panache.withTransaction(() -> DeadLetter.delete(query.toString(), parameters)).map(count -> new PurgeResult(count.intValue()));
    }

    private void checkProvider(String provider) {
        if (provider != null && adapters.forProvider(provider).isEmpty()) {
            throw ProblemException.badRequest("provider " + provider + " is not one of " + String.join(", ", adapters.providers()));
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("before " + value + " is not an ISO-8601 instant (2026-11-24T10:00:00Z)");
        }
    }

    private Uni<List<DeadLetterReplay.Result>> replayInOrder(List<DeadLetter> entries, int next,
            List<DeadLetterReplay.Result> results) {
        if (next == entries.size()) {
            return Uni.createFrom().item(results);
        }
        return replay.replay(entries.get(next)).chain(result -> {
            results.add(result);
            return replayInOrder(entries, next + 1, results);
        });
    }

    private static DeadLetter.Status status(String name) {
        try {
            return DeadLetter.Status.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status " + name + " is not PENDING or REPLAYED");
        }
    }

    private static Uni<DeadLetter> find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProblemException.badRequest(id + " is not a dead-letter id: ids are UUIDs (GET /api/dlq lists them)"));
        }
        return DeadLetter.<DeadLetter> findById(uuid)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no dead letter " + id));
    }

    private JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(json);
        }
    }
}
