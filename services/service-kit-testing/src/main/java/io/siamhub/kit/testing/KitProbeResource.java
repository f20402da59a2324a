package io.siamhub.kit.testing;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.kit.outbox.Outbox;
import io.siamhub.kit.outbox.OutboxEvent;
import io.siamhub.kit.outbox.OutboxRelay;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** A state change with its outbox event, behind JWT roles and Bean Validation: the kit on a real request path. */
@Path("/api/kit-probe")
public class KitProbeResource {

    public static final String EVENTS_TOPIC = "siam.kit-probe-events.v1";
    public static final String EVENT_TYPE = "io.siamhub.kit-probe.written.v1";

    public record ProbeRequest(@NotBlank String id, @NotBlank @Size(max = 64) String value, boolean failAfterOutbox) {
    }

    public record ProbeView(String id, String value, int applied) {
        static ProbeView of(KitProbe probe) {
            return new ProbeView(probe.id, probe.value, probe.applied);
        }
    }

    public record OutboxView(String id, String ceType, boolean sent) {
    }

    /** The optional body of a probe's status-change-like action. */
    public record TouchRequest(@Size(max = 100) String reason) {
    }

    public record TouchView(String id, String reason) {
    }

    private final Outbox outbox;
    private final OutboxRelay relay;

    KitProbeResource(Outbox outbox, OutboxRelay relay) {
        this.outbox = outbox;
        this.relay = relay;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> write(@Valid @NotNull ProbeRequest request) {
        return Panache.withTransaction(() -> KitProbe.<KitProbe> findById(request.id())
                .map(existing -> existing != null ? existing : KitProbe.named(request.id()))
                .invoke(probe -> probe.value = request.value())
                .call(probe -> probe.persist())
                .call(probe -> outbox.append(EVENTS_TOPIC, probe.id, EVENT_TYPE, probe.id, ProbeView.of(probe)))
                .invoke(() -> {
                    if (request.failAfterOutbox()) {
                        throw ProblemException.conflict("the probe failed after its outbox append, as asked");
                    }
                }))
                .map(probe -> Response.status(Response.Status.CREATED).entity(ProbeView.of(probe)).build());
    }

    /** An action whose body is optional, like an incident's acknowledge: answers what it was given. */
    @POST
    @Path("{id}/touch")
    @RolesAllowed(Roles.AGENT)
    public TouchView touch(@PathParam("id") String id, @Valid TouchRequest request) {
        return new TouchView(id, request == null ? null : request.reason());
    }

    /** Up to {@code limit} probes whose value starts with {@code value} (query parameters to mistype). */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<ProbeView>> list(@QueryParam("value") String value, @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return Panache.withSession(() -> KitProbe.<KitProbe> find("value like ?1", (value == null ? "" : value) + "%").page(0, limit).list())
                .map(probes -> probes.stream().map(ProbeView::of).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ProbeView> read(@PathParam("id") String id) {
        return Panache.withSession(() -> KitProbe.<KitProbe> findById(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no probe " + id))
                .map(ProbeView::of);
    }

    /**
     * Plays a relay that crashed after the broker acknowledged the probe's events and before it marked
     * them sent: holding the relay's lock, the rows become unsent again and the relay is told to check.
     */
    @POST
    @Path("{id}/outbox/unconfirm")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> unconfirm(@PathParam("id") String id) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(hashtext(:lock))")
                        .setParameter("lock", relay.lockName()).getSingleResult())
                .invoke(relay::recheckPublished)
                .chain(() -> OutboxEvent.update("sent = null where aggregateId = ?1", id)))
                .invoke(relay::wake)
                .map(count -> Response.noContent().build());
    }

    /**
     * Plays another instance's relay that took the relay over, had the broker acknowledge the probe's
     * events and was killed before it marked them sent: holding the relay's lock, the rows become unsent
     * again and {@code outbox_relay} names another holder, silent for an hour; this instance's relay is
     * told nothing.
     */
    @POST
    @Path("{id}/outbox/unconfirm-as-another-instance")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> unconfirmAsAnotherInstance(@PathParam("id") String id) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(hashtext(:lock))")
                        .setParameter("lock", relay.lockName()).getSingleResult()
                        .chain(() -> session.createNativeQuery("update outbox_relay set holder = :other, since = now() - interval '1 hour'")
                                .setParameter("other", UUID.randomUUID()).executeUpdate()))
                .chain(() -> OutboxEvent.update("sent = null where aggregateId = ?1", id)))
                .invoke(relay::wake)
                .map(count -> Response.noContent().build());
    }

    @GET
    @Path("{id}/outbox")
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<OutboxView>> outbox(@PathParam("id") String id) {
        return Panache.withSession(() -> OutboxEvent.<OutboxEvent> list("aggregateId", id))
                .map(events -> events.stream()
                        .map(event -> new OutboxView(event.id.toString(), event.ceType, event.sent != null))
                        .toList());
    }
}
