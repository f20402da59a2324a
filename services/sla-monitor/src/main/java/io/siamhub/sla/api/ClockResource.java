package io.siamhub.sla.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.siamhub.kit.api.PageCursor;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.siamhub.model.Priority;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaMetric;
import io.siamhub.sla.Invalid;
import io.siamhub.sla.calendar.BusinessCalendar;
import io.siamhub.sla.clock.ClockEntity;
import io.siamhub.sla.clock.ClockRows;
import io.siamhub.sla.clock.ObservationEntity;
import io.siamhub.sla.definition.ModelStore;
import io.siamhub.sla.definition.SlaModel;
import io.siamhub.sla.engine.ClockTimer;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/sla/clocks} ({@code siam-viewer}): the clocks, filtered and paged, and one clock with its segments and
 * the timeline of what started, paused, resumed and stopped it and why. Elapsed and remaining of a running clock are
 * computed for the moment of the request.
 */
@Path("/api/sla/clocks")
public class ClockResource {

    private static final java.util.regex.Pattern INCIDENT_NUMBER = java.util.regex.Pattern.compile("INC\\d+");

    /** One clock. Durations are business time (ISO-8601), instants UTC. */
    public record ClockView(UUID id, String incidentId, String incidentNumber, String definitionId, int generation, AgreementType type,
            String party, SlaMetric metric, String calendar, Duration target, Priority priority, String service, String owner,
            ClockState state, boolean breached, Instant breachedAt, Instant startedAt, Instant stoppedAt, Instant dueAt, Duration elapsed,
            Duration remaining, int stage) {

        static ClockView of(io.siamhub.sla.engine.Clock clock) {
            return new ClockView(clock.id(), clock.incidentId(), clock.incidentNumber(), clock.definitionId(), clock.generation(),
                    clock.type(), clock.party(), clock.metric(), clock.calendarId(), clock.target(), clock.priority(), clock.service(),
                    clock.owner(), clock.state(), clock.breached(), clock.breachedAt(), clock.startedAt(), clock.stoppedAt(), clock.dueAt(),
                    clock.elapsed(), clock.remaining(), clock.stage());
        }
    }

    /** Who owned the incident when: the party segments of the incident. */
    public record OwnerSpan(String owner, Instant from, Instant to) {
    }

    /** One clock with its history: why is it (not) breached. */
    public record ClockDetail(ClockView clock, String definitionName, List<io.siamhub.sla.engine.Clock.Segment> segments,
            List<io.siamhub.sla.engine.Clock.TimelineEntry> timeline, List<OwnerSpan> ownership, int hops) {
    }

    /** One page; {@code nextCursor} is null on the last. */
    public record Page(List<ClockView> items, String nextCursor) {
    }

    private final ModelStore models;
    private final Clock clock;

    ClockResource(ModelStore models, Clock clock) {
        this.models = models;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Clocks, newest first; filters incident (id or number), state (repeat or comma-separate), party, type, "
            + "definition, breached; follow nextCursor")
    @APIResponse(responseCode = "200", description = "One page of clocks (newest start first); `nextCursor` is absent on the last page",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Page.class)))
    public Uni<Page> listClocks(
            @Parameter(description = "The incident's id (a UUID) or number", example = "INC0000001")
            @QueryParam("incident") String incident,
            @Parameter(description = "RUNNING, PAUSED, MET, BREACHED, CANCELLED; repeat or comma-separate", example = "RUNNING,PAUSED")
            @QueryParam("state") List<String> state,
            @Parameter(description = "The party held to account: integrator, a resolver group or a provider id", example = "aws")
            @QueryParam("party") String party,
            @Parameter(description = "SLA, OLA or UC", schema = @Schema(type = SchemaType.STRING, enumeration = {"SLA", "OLA", "UC"}),
                    example = "UC") @QueryParam("type") String type,
            @Parameter(description = "The definition's id", example = ApiExamples.DEMO_DEFINITION) @QueryParam("definition") String definition,
            @Parameter(description = "true: only clocks that breached (running or stopped); false: only the others",
                    schema = @Schema(type = SchemaType.BOOLEAN), example = "true") @QueryParam("breached") String breached,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500",
                    defaultValue = "50")) @QueryParam("limit") @DefaultValue("50") String limitText) {
        int limit = limit(limitText);
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (incident != null && !incident.isBlank()) {
            if (INCIDENT_NUMBER.matcher(incident.strip()).matches()) {
                where.append(" and incidentNumber = :incident");
                parameters.and("incident", incident.strip());
            } else {
                where.append(" and incidentId = :incident");
                parameters.and("incident", uuid("incident", incident, "an incident's id (a UUID) or number (INC0000001)"));
            }
        }
        List<String> states = states(state);
        if (!states.isEmpty()) {
            where.append(" and state in :states");
            parameters.and("states", states);
        }
        if (party != null && !party.isBlank()) {
            where.append(" and party = :party");
            parameters.and("party", party.strip());
        }
        if (type != null && !type.isBlank()) {
            where.append(" and type = :type");
            parameters.and("type", parse(AgreementType.class, "type", type).name());
        }
        if (definition != null && !definition.isBlank()) {
            where.append(" and definitionId = :definition");
            parameters.and("definition", definition.strip());
        }
        if (breached != null && !breached.isBlank()) {
            if (!breached.equals("true") && !breached.equals("false")) {
                throw Invalid.field("breached", breached + " is neither true nor false");
            }
            where.append(" and breached = :breached");
            parameters.and("breached", Boolean.parseBoolean(breached));
        }
        if (cursor != null && !cursor.isBlank()) {
            PageCursor after = PageCursor.decode(cursor);
            where.append(" and (startedAt < :cursorAt or (startedAt = :cursorAt and id < :cursorId))");
            parameters.and("cursorAt", after.at()).and("cursorId", after.id());
        }
        return Panache.withSession(() -> models.current().chain(model -> ClockEntity.<ClockEntity> find(where.toString(),
                Sort.descending("startedAt", "id"), parameters).page(0, limit + 1).list().map(rows -> {
                    List<ClockEntity> page = rows.size() > limit ? rows.subList(0, limit) : rows;
                    Instant now = clock.instant();
                    List<ClockView> items = new ArrayList<>();
                    page.forEach(row -> items.add(ClockView.of(live(ClockRows.clock(row), model, now))));
                    String next = rows.size() > limit ? new PageCursor(page.get(page.size() - 1).startedAt, page.get(page.size() - 1).id).encode()
                            : null;
                    return new Page(items, next);
                })));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One clock with its segments, the incident's ownership and the timeline of what caused each change",
            description = "The \"why is this breached?\" answer: each timeline line names what started, paused, resumed, warned, breached "
                    + "or stopped the clock and the incident event that caused it (number, version, actor and reason).")
    @APIResponse(responseCode = "200", description = "The clock as of now, with its history", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ClockDetail.class)))
    @APIResponse(responseCode = "400", description = "The id is not a UUID")
    @APIResponse(responseCode = "404", description = "No clock with this id")
    public Uni<ClockDetail> getClock(@Parameter(description = "The clock's id (a UUID)", example = ApiExamples.CLOCK_ID) @PathParam("id") String id) {
        UUID clockId = uuid("id", id);
        return Panache.withSession(() -> models.current().chain(model -> ClockEntity.<ClockEntity> findById(clockId).chain(row -> {
            if (row == null) {
                throw ProblemException.notFound("no clock " + id);
            }
            io.siamhub.sla.engine.Clock clock = live(ClockRows.clock(row), model, this.clock.instant());
            return ObservationEntity.<ObservationEntity> list("incidentId", Sort.by("version"), row.incidentId).map(history -> {
                List<OwnerSpan> owners = new ArrayList<>();
                int hops = 0;
                for (ObservationEntity observation : history) {
                    OwnerSpan last = owners.isEmpty() ? null : owners.get(owners.size() - 1);
                    if (last == null || !java.util.Objects.equals(last.owner(), observation.owner)) {
                        Instant from = last == null && observation.createdAt != null ? observation.createdAt : observation.at;
                        if (last != null) {
                            owners.set(owners.size() - 1, new OwnerSpan(last.owner(), last.from(), observation.at));
                            hops++;
                        }
                        owners.add(new OwnerSpan(observation.owner, from, null));
                    }
                }
                var definition = model.definitions().get(clock.definitionId());
                return new ClockDetail(ClockView.of(clock), definition == null ? null : definition.name(), clock.segments(), clock.timeline(),
                        owners, hops);
            });
        })));
    }

    /** A running clock as of {@code now} (elapsed, remaining, stage, breach): what the timer will make of it. */
    static io.siamhub.sla.engine.Clock live(io.siamhub.sla.engine.Clock clock, SlaModel model, Instant now) {
        BusinessCalendar calendar = model.calendars().get(clock.calendarId());
        return calendar == null || clock.state() != ClockState.RUNNING ? clock : ClockTimer.advance(clock, calendar, now);
    }

    static int limit(String text) {
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= 500) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Invalid.field("limit", text + " is not a whole number from 1 to 500");
    }

    static UUID uuid(String name, String text) {
        return uuid(name, text, "a UUID");
    }

    private static UUID uuid(String name, String text, String what) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw Invalid.field(name, text + " is not " + what);
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String name, String text) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Invalid.field(name, text + " is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static List<String> states(List<String> given) {
        List<String> states = new ArrayList<>();
        if (given != null) {
            for (String value : given) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        states.add(parse(ClockState.class, "state", part).name());
                    }
                }
            }
        }
        return states;
    }
}
