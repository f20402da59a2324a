package io.siamhub.sla.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.siamhub.kit.security.Roles;
import io.siamhub.model.Priority;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.ClockState;
import io.siamhub.sla.SlaConfig;
import io.siamhub.sla.calendar.BusinessCalendar;
import io.siamhub.sla.catalog.CatalogParties;
import io.siamhub.sla.clock.ClockEntity;
import io.siamhub.sla.clock.ClockRows;
import io.siamhub.sla.clock.IncidentStateEntity;
import io.siamhub.sla.definition.ModelStore;
import io.siamhub.sla.definition.SlaModel;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/sla/status} ({@code siam-viewer}): right now. Running clocks, the ones at risk (a warning stage
 * reached, not breached) with business time left, soonest first; the ones breached and still open; met and breached
 * today ({@code siam.sla.time-zone}); and every service's state: BREACHED when one of its open clocks breached, AT_RISK
 * when one is at risk, else GREEN.
 */
@Path("/api/sla/status")
public class StatusResource {

    private static final int LIST_LIMIT = 50;

    /** Service state on the status page. */
    public enum ServiceState {
        GREEN, AT_RISK, BREACHED
    }

    /** One clock on the status page. {@code ticking}: running and its calendar open now (a countdown moves). */
    public record Item(UUID clockId, String incidentId, String incidentNumber, String title, String definitionId, String definitionName,
            AgreementType type, String party, Priority priority, String service, String owner, ClockState state, int stage, Instant dueAt,
            Duration remaining, boolean ticking, Instant breachedAt) {
    }

    /** A service's line: its state and how many of its open clocks are in each. */
    public record ServiceLine(String service, ServiceState state, long running, long atRisk, long breached) {
    }

    /**
     * @param asOf          the moment of the answer (UTC)
     * @param timeZone      the zone of "today"
     * @param running       open clocks (RUNNING or PAUSED)
     * @param paused        of those, PAUSED
     * @param atRisk        at risk, soonest first (at most 50)
     * @param atRiskCount   how many are at risk
     * @param breachedOpen  breached and still open, latest breach first (at most 50)
     * @param breachedOpenCount how many
     * @param metToday      clocks met today
     * @param breachedToday clocks that breached today
     * @param breachesToday those, latest first (at most 50)
     */
    public record Status(Instant asOf, String timeZone, long running, long paused, List<Item> atRisk, long atRiskCount,
            List<Item> breachedOpen, long breachedOpenCount, long metToday, long breachedToday, List<Item> breachesToday,
            List<ServiceLine> services) {
    }

    private final ModelStore models;
    private final CatalogParties catalog;
    private final Clock clock;
    private final ZoneId zone;

    StatusResource(ModelStore models, CatalogParties catalog, Clock clock, SlaConfig config) {
        this.models = models;
        this.catalog = catalog;
        this.clock = clock;
        this.zone = ZoneId.of(config.timeZone());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Right now: running, at risk (business time left, soonest first), breached and still open, met and breached "
            + "today, and each service's state; filters service, provider (party or owner), priority")
    @APIResponse(responseCode = "200", description = "The SLA state right now", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Status.class)))
    public Uni<Status> status(@Parameter(description = "Only this service's clocks", example = "payments") @QueryParam("service") String service,
            @Parameter(description = "Only clocks whose party or incident owner is this provider or group", example = "aws")
            @QueryParam("provider") String provider,
            @Parameter(description = "Only this priority, P1 to P5", example = "P1") @QueryParam("priority") String priority) {
        StringBuilder filter = new StringBuilder();
        Parameters parameters = new Parameters();
        if (service != null && !service.isBlank()) {
            filter.append(" and service = :service");
            parameters.and("service", service.strip());
        }
        if (provider != null && !provider.isBlank()) {
            filter.append(" and (party = :provider or owner = :provider)");
            parameters.and("provider", provider.strip());
        }
        if (priority != null && !priority.isBlank()) {
            filter.append(" and priority = :priority");
            parameters.and("priority", ClockResource.parse(Priority.class, "priority", priority).name());
        }
        Instant now = clock.instant();
        Instant today = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
        String open = "state in ('RUNNING', 'PAUSED')" + filter;
        Parameters withToday = copy(parameters).and("today", today);
        return Panache.withSession(() -> models.current().chain(model -> {
            Gathered found = new Gathered();
            return counts(open, parameters).invoke(counts -> found.counts = counts)
                    .chain(() -> ClockEntity.<ClockEntity> find(open + " and breached = false and stage > 0", Sort.ascending("dueAt"), parameters)
                            .page(0, 200).list()).invoke(rows -> found.atRisk = rows)
                    .chain(() -> ClockEntity.<ClockEntity> find(open + " and breached = true", Sort.descending("breachedAt"), parameters)
                            .page(0, LIST_LIMIT).list()).invoke(rows -> found.breachedOpen = rows)
                    .chain(() -> ClockEntity.<ClockEntity> find("breachedAt >= :today" + filter, Sort.descending("breachedAt"), withToday)
                            .page(0, LIST_LIMIT).list()).invoke(rows -> found.breachesToday = rows)
                    .chain(() -> ClockEntity.count("state = 'MET' and stoppedAt >= :today" + filter, withToday)).invoke(n -> found.metToday = n)
                    .chain(() -> ClockEntity.count("breachedAt >= :today" + filter, withToday)).invoke(n -> found.breachedToday = n)
                    .chain(catalog::services).invoke(services -> found.services = services)
                    .chain(() -> titles(found.atRisk, found.breachedOpen, found.breachesToday))
                    .map(titles -> assemble(model, now, found, titles, service));
        }));
    }

    /** What the status queries found. */
    private static final class Gathered {
        Map<String, long[]> counts;
        List<ClockEntity> atRisk;
        List<ClockEntity> breachedOpen;
        List<ClockEntity> breachesToday;
        long metToday;
        long breachedToday;
        java.util.Set<String> services;
    }

    /** Per service: running, paused, at risk, breached open clocks. */
    private static Uni<Map<String, long[]>> counts(String open, Parameters parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery("select service, state, breached, case when stage > 0 then 1 else 0 end, count(*) from ClockEntity where "
                    + open + " group by service, state, breached, case when stage > 0 then 1 else 0 end", Object[].class);
            parameters.map().forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> {
            Map<String, long[]> counts = new TreeMap<>();
            for (Object[] row : rows) {
                String service = row[0] == null ? "(none)" : (String) row[0];
                long[] line = counts.computeIfAbsent(service, key -> new long[4]);
                long count = ((Number) row[4]).longValue();
                line[0] += count;
                if ("PAUSED".equals(row[1])) {
                    line[1] += count;
                }
                if (Boolean.TRUE.equals(row[2])) {
                    line[3] += count;
                } else if (((Number) row[3]).intValue() == 1) {
                    line[2] += count;
                }
            }
            return counts;
        });
    }

    private static Uni<Map<UUID, IncidentStateEntity>> titles(List<ClockEntity> a, List<ClockEntity> b, List<ClockEntity> c) {
        List<UUID> ids = new ArrayList<>();
        for (List<ClockEntity> rows : List.of(a, b, c)) {
            rows.forEach(row -> ids.add(row.incidentId));
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return IncidentStateEntity.<IncidentStateEntity> list("incidentId in ?1", ids).map(rows -> {
            Map<UUID, IncidentStateEntity> byId = new HashMap<>();
            rows.forEach(row -> byId.put(row.incidentId, row));
            return byId;
        });
    }

    private Status assemble(SlaModel model, Instant now, Gathered found, Map<UUID, IncidentStateEntity> titles, String onlyService) {
        Map<String, long[]> counts = found.counts;
        List<ClockEntity> atRiskRows = found.atRisk;
        List<ClockEntity> breachedRows = found.breachedOpen;
        List<ClockEntity> todayRows = found.breachesToday;
        long metToday = found.metToday;
        long breachedToday = found.breachedToday;
        java.util.Set<String> catalogServices = found.services;
        List<Item> atRisk = new ArrayList<>();
        atRiskRows.forEach(row -> atRisk.add(item(row, model, now, titles)));
        atRisk.removeIf(item -> item.breachedAt() != null);
        atRisk.sort(Comparator.comparing(Item::remaining));
        List<Item> breachedOpen = breachedRows.stream().map(row -> item(row, model, now, titles)).toList();
        List<Item> breaches = todayRows.stream().map(row -> item(row, model, now, titles)).toList();
        Map<String, long[]> lines = new TreeMap<>(counts);
        if (onlyService == null || onlyService.isBlank()) {
            catalogServices.forEach(service -> lines.putIfAbsent(service, new long[4]));
        }
        List<ServiceLine> services = new ArrayList<>();
        long running = 0;
        long paused = 0;
        long atRiskCount = 0;
        long breachedCount = 0;
        for (Map.Entry<String, long[]> line : lines.entrySet()) {
            long[] value = line.getValue();
            running += value[0];
            paused += value[1];
            atRiskCount += value[2];
            breachedCount += value[3];
            ServiceState state = value[3] > 0 ? ServiceState.BREACHED : value[2] > 0 ? ServiceState.AT_RISK : ServiceState.GREEN;
            services.add(new ServiceLine(line.getKey(), state, value[0], value[2], value[3]));
        }
        return new Status(now, zone.getId(), running, paused, atRisk.size() > LIST_LIMIT ? atRisk.subList(0, LIST_LIMIT) : atRisk,
                atRiskCount, breachedOpen, breachedCount, metToday, breachedToday, breaches, services);
    }

    private static Item item(ClockEntity row, SlaModel model, Instant now, Map<UUID, IncidentStateEntity> titles) {
        io.siamhub.sla.engine.Clock clock = ClockResource.live(ClockRows.clock(row), model, now);
        BusinessCalendar calendar = model.calendars().get(clock.calendarId());
        boolean ticking = clock.state() == ClockState.RUNNING && calendar != null && calendar.isOpen(now);
        var definition = model.definitions().get(clock.definitionId());
        IncidentStateEntity incident = titles.get(row.incidentId);
        return new Item(clock.id(), clock.incidentId(), clock.incidentNumber(), incident == null ? null : incident.title, clock.definitionId(),
                definition == null ? clock.definitionId() : definition.name(), clock.type(), clock.party(), clock.priority(), clock.service(),
                clock.owner(), clock.state(), clock.stage(), clock.dueAt(), clock.remaining(), ticking, clock.breachedAt());
    }

    private static Parameters copy(Parameters parameters) {
        Parameters copy = new Parameters();
        parameters.map().forEach(copy::and);
        return copy;
    }
}
