package io.siamhub.adapters.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.siamhub.adapters.core.NormalizerVersion;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** {@code /api/dlq}: the raw webhooks the normalizer could not map, and their replay after a fix. */
@Path("/api/dlq")
public class DeadLetterResource {

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
    public record Detail(Summary summary, JsonNode headers, String body) {
    }

    /** What a bulk replay did, with the mapping version that ran it. */
    public record BulkResult(int normalizerVersion, int replayed, int failed, List<DeadLetterReplay.Result> results) {
    }

    private final DeadLetterReplay replay;
    private final ObjectMapper mapper;

    DeadLetterResource(DeadLetterReplay replay, ObjectMapper mapper) {
        this.replay = replay;
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List dead-lettered webhooks, newest first")
    public Uni<List<Summary>> list(@QueryParam("provider") String provider,
            @QueryParam("status") @DefaultValue("PENDING") String statusName,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        DeadLetter.Status status = status(statusName);
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
    public Uni<Detail> get(@PathParam("id") String id) {
        return Panache.withSession(() -> find(id))
                .map(entry -> new Detail(Summary.of(entry), readTree(entry.headers),
                        new String(entry.body, StandardCharsets.UTF_8)));
    }

    @POST
    @Path("{id}/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Run one dead-lettered webhook through the current mapping; 422 if it still fails")
    public Uni<DeadLetterReplay.Result> replayOne(@PathParam("id") String id) {
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
    public Uni<BulkResult> replayAll(@QueryParam("provider") String provider) {
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
            return DeadLetter.Status.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status " + name + " is not one of " + java.util.Arrays.toString(DeadLetter.Status.values()));
        }
    }

    private static Uni<DeadLetter> find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProblemException.badRequest(id + " is not a dead-letter id (a UUID)"));
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
