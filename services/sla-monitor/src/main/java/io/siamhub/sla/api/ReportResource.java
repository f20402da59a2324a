package io.siamhub.sla.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.siamhub.kit.security.Roles;
import io.siamhub.model.Priority;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaMetric;
import io.siamhub.sla.Invalid;
import io.siamhub.sla.SlaConfig;
import io.siamhub.sla.catalog.CatalogParties;
import io.siamhub.sla.clock.ClockEntity;
import io.siamhub.sla.clock.ClockRows;
import io.siamhub.sla.clock.IncidentStateEntity;
import io.siamhub.sla.clock.ObservationEntity;
import io.siamhub.sla.definition.ModelStore;
import io.siamhub.sla.engine.IncidentObservation;
import io.siamhub.sla.report.ReportCalculator;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/sla/reports?from=&to=&groupBy=} ({@code siam-viewer}): service-level reporting for a period, as JSON
 * or, with {@code Accept: text/csv}, CSV. Every formula is in {@link ReportCalculator} and the README.
 */
@Path("/api/sla/reports")
public class ReportResource {

    /** The longest period one report covers. */
    static final Duration LONGEST = Duration.ofDays(400);
    private static final String CLOCKS = "startedAt < :to and (stoppedAt is null or stoppedAt >= :from or (breachedAt >= :from and breachedAt < :to))";
    private static final String SERVICE_INCIDENTS = "service in :services and createdAt < :to and (resolvedAt is null or resolvedAt >= :from"
            + " or status not in ('RESOLVED', 'CLOSED'))";

    private final ModelStore models;
    private final CatalogParties catalog;
    private final Clock clock;
    private final ZoneId zone;

    ReportResource(ModelStore models, CatalogParties catalog, Clock clock, SlaConfig config) {
        this.models = models;
        this.catalog = catalog;
        this.clock = clock;
        this.zone = ZoneId.of(config.timeZone());
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Clocks met and breached, compliance %, MTTA and MTTR (wall and business time), hops per incident and "
            + "availability per service for [from, to) (default: this month until now); groupBy provider|service|priority|party|type. "
            + "JSON, or CSV (RFC 4180, one line per group) with Accept: text/csv")
    @APIResponse(responseCode = "200", description = "The report: JSON, or CSV when the Accept header names text/csv",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportCalculator.Report.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING,
                            description = "RFC 4180, a header line then one line per group; the availability columns are filled for "
                                    + "groupBy=service"), example = ApiExamples.CSV)})
    @APIResponse(responseCode = "400", description = "`from` or `to` is not an ISO-8601 instant with an offset, `to` is not after `from`, "
            + "the period is longer than 400 days, or `groupBy` is none of provider, service, priority, party, type")
    public Uni<Response> report(
            @Parameter(description = "Start of the period (inclusive), an ISO-8601 instant; default: the first day of this month, 00:00 in "
                    + "siam.sla.time-zone", example = "2026-11-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "End of the period (exclusive); default: now", example = "2026-12-01T00:00:00Z") @QueryParam("to") String to,
            @Parameter(description = "How clocks are grouped: provider (UC clocks by their party), service, priority, party, type",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"provider", "service", "priority", "party", "type"},
                            defaultValue = "provider")) @QueryParam("groupBy") @DefaultValue("provider") String groupBy,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean csv = accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
        return report(from, to, groupBy).map(report -> csv
                ? Response.ok(ReportCalculator.csv(report), "text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"sla-report-" + report.groupBy() + ".csv\"").build()
                : Response.ok(report, MediaType.APPLICATION_JSON).build());
    }

    private Uni<ReportCalculator.Report> report(String fromText, String toText, String groupByText) {
        ReportCalculator.GroupBy groupBy;
        try {
            groupBy = ReportCalculator.GroupBy.parse(groupByText);
        } catch (IllegalArgumentException e) {
            throw Invalid.field("groupBy", groupByText + " is not one of provider, service, priority, party, type");
        }
        Instant now = clock.instant();
        Instant from = fromText == null || fromText.isBlank() ? LocalDate.ofInstant(now, zone).withDayOfMonth(1).atStartOfDay(zone).toInstant()
                : CalendarResource.instant("from", fromText);
        Instant to = toText == null || toText.isBlank() ? now : CalendarResource.instant("to", toText);
        if (!to.isAfter(from)) {
            throw Invalid.field("to", to + " is not after from " + from);
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw Invalid.field("to", "a report covers at most " + LONGEST.toDays() + " days");
        }
        Parameters period = Parameters.with("from", from).and("to", to);
        return Panache.withSession(() -> models.current().chain(model -> ClockEntity.<ClockEntity> list(CLOCKS, period)
                .chain(clocks -> catalog.services().chain(services -> {
                    Set<String> allServices = new LinkedHashSet<>(services);
                    clocks.forEach(row -> {
                        if (row.service != null) {
                            allServices.add(row.service);
                        }
                    });
                    Set<UUID> ids = new LinkedHashSet<>();
                    clocks.forEach(row -> ids.add(row.incidentId));
                    Uni<List<IncidentStateEntity>> ofServices = allServices.isEmpty() ? Uni.createFrom().item(List.of())
                            : IncidentStateEntity.list(SERVICE_INCIDENTS, Parameters.with("services", allServices).and("from", from).and("to", to));
                    return ofServices.chain(serviceIncidents -> {
                        serviceIncidents.forEach(row -> ids.add(row.incidentId));
                        List<UUID> all = new ArrayList<>(ids);
                        Uni<List<IncidentStateEntity>> states = all.isEmpty() ? Uni.createFrom().item(List.of())
                                : IncidentStateEntity.list("incidentId in ?1", all);
                        Uni<List<ObservationEntity>> histories = all.isEmpty() ? Uni.createFrom().item(List.of())
                                : ObservationEntity.list("incidentId in ?1", Sort.by("incidentId").and("version"), all);
                        return states.chain(incidentRows -> histories.map(historyRows -> {
                            Map<UUID, List<IncidentObservation>> history = new HashMap<>();
                            historyRows.forEach(row -> history.computeIfAbsent(row.incidentId, id -> new ArrayList<>())
                                    .add(ClockRows.observation(row)));
                            Map<String, ReportCalculator.IncidentFact> incidents = new HashMap<>();
                            for (IncidentStateEntity row : incidentRows) {
                                incidents.put(row.incidentId.toString(), new ReportCalculator.IncidentFact(row.incidentId.toString(), row.service,
                                        IncidentStatus.valueOf(row.status), row.maintenance, row.createdAt, row.acknowledgedAt, row.resolvedAt,
                                        row.hops, history.getOrDefault(row.incidentId, List.of())));
                            }
                            List<ReportCalculator.ClockFact> facts = clocks.stream().map(ReportResource::fact).toList();
                            return ReportCalculator.report(from, to, groupBy, facts, incidents, model.definitions(), model.calendars(),
                                    allServices);
                        }));
                    });
                }))));
    }

    private static ReportCalculator.ClockFact fact(ClockEntity row) {
        return new ReportCalculator.ClockFact(row.incidentId.toString(), row.definitionId, AgreementType.valueOf(row.type), row.party,
                SlaMetric.valueOf(row.metric), row.priority == null ? null : Priority.valueOf(row.priority), row.service, row.calendarId,
                ClockState.valueOf(row.state), row.startedAt, row.stoppedAt, row.breachedAt);
    }
}
