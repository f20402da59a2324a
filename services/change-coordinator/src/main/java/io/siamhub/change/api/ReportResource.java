package io.siamhub.change.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.siamhub.change.report.ChangeReport;
import io.siamhub.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/changes/reports}: change-management evidence for a period (changes whose planned window starts in
 * {@code [from, to)}; default the last 30 days), grouped by provider, type or service; JSON, or CSV with
 * {@code Accept: text/csv} or {@code ?format=csv}.
 */
@Path("/api/changes/reports")
public class ReportResource {

    private final ChangeQueries queries;
    private final Clock clock;

    ReportResource(ChangeQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Changes by outcome, success rate, changes with suspected incidents, emergency share, mean lead time",
            description = "The changes whose planned window starts in [from, to) (default the last 30 days), per group and overall: "
                    + "the ISO/IEC 20000-1 evidence of change management. CSV with Accept: text/csv or format=csv.")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeReport.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, description = "One line per group, then overall"))})
    public Uni<Response> report(
            @Parameter(description = "ISO-8601 instant; default 30 days before to", example = "2027-01-01T00:00:00Z") @QueryParam("from")
            String fromText,
            @Parameter(description = "ISO-8601 instant (exclusive); default now", example = "2027-04-01T00:00:00Z") @QueryParam("to")
            String toText,
            @Parameter(description = "provider (default), type or service", example = "type", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"provider", "type", "service"})) @QueryParam("groupBy") String groupBy,
            @Parameter(description = "json or csv (instead of an Accept header)", example = "csv", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"json", "csv"})) @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        String group = groupBy == null || groupBy.isBlank() ? "provider" : groupBy.strip();
        if (!group.equals("provider") && !group.equals("type") && !group.equals("service")) {
            throw Params.invalid("groupBy", "must be provider, type or service");
        }
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw Params.invalid("format", "must be json or csv");
        }
        Instant to = Params.instant("to", toText);
        Instant from = Params.instant("from", fromText);
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(Duration.ofDays(30));
        if (!end.isAfter(start)) {
            throw Params.invalid("to", "must be after from");
        }
        boolean csv = "csv".equals(format) || format == null && headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> type.getSubtype().equals("csv")) && headers.getAcceptableMediaTypes().stream()
                        .noneMatch(type -> type.getSubtype().equals("json"));
        return queries.inPeriod(start, end).map(changes -> {
            ChangeReport report = ChangeReport.of(start, end, group, changes);
            return csv ? Response.ok(report.csv(), "text/csv;charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"change-report.csv\"").build()
                    : Response.ok(report, MediaType.APPLICATION_JSON).build();
        });
    }
}
