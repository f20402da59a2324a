package io.siamhub.change.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ChangeType;
import io.siamhub.model.change.IncidentRelation;

/**
 * The change-management evidence of a period (ISO/IEC 20000-1 §8.5.1), pure: per group (provider, type or service)
 * and overall, changes by outcome, success rate (COMPLETED of those that ran to an end: completed, failed, backed
 * out), changes with suspected (or confirmed) incidents, emergency share, and mean lead time from submit to start.
 *
 * @param from    period start: changes whose planned window starts in {@code [from, to)}
 * @param to      period end
 * @param groupBy provider, type or service
 * @param groups  one row per group, by key
 * @param overall the whole period
 */
public record ChangeReport(Instant from, Instant to, String groupBy, List<Row> groups, Row overall) {

    /**
     * @param key                    the group: a provider id ({@code internal} for RFCs without one), a type, or a service
     * @param total                  changes
     * @param byOutcome              count per status
     * @param successRate            completed / (completed + failed + backed out), null when none ended
     * @param withSuspectedIncidents changes with at least one SUSPECTED_CAUSE or CAUSED incident
     * @param emergencyShare         EMERGENCY changes / total, null when none
     * @param meanLeadTime           mean of submit → start over changes that started, null when none
     */
    public record Row(String key, int total, Map<ChangeStatus, Integer> byOutcome, Double successRate, int withSuspectedIncidents,
            Double emergencyShare, Duration meanLeadTime) {
    }

    public static ChangeReport of(Instant from, Instant to, String groupBy, List<ChangeRequest> changes) {
        List<ChangeRequest> inPeriod = changes.stream().filter(change -> change.window() != null
                && !change.window().start().isBefore(from) && change.window().start().isBefore(to)).toList();
        Map<String, List<ChangeRequest>> grouped = new TreeMap<>();
        for (ChangeRequest change : inPeriod) {
            for (String key : keys(change, groupBy)) {
                grouped.computeIfAbsent(key, ignored -> new ArrayList<>()).add(change);
            }
        }
        List<Row> rows = new ArrayList<>();
        grouped.forEach((key, members) -> rows.add(row(key, members)));
        rows.sort(Comparator.comparing(Row::key));
        return new ChangeReport(from, to, groupBy, rows, row("overall", inPeriod));
    }

    /** The CSV form: one line per group, then {@code overall}; durations ISO-8601, rates 0..1. */
    public String csv() {
        StringBuilder out = new StringBuilder("group,total");
        for (ChangeStatus status : ChangeStatus.values()) {
            out.append(',').append(status.name().toLowerCase(Locale.ROOT));
        }
        out.append(",success_rate,with_suspected_incidents,emergency_share,mean_lead_time\r\n");
        List<Row> all = new ArrayList<>(groups);
        all.add(overall);
        for (Row row : all) {
            out.append(cell(row.key())).append(',').append(row.total());
            for (ChangeStatus status : ChangeStatus.values()) {
                out.append(',').append(row.byOutcome().getOrDefault(status, 0));
            }
            out.append(',').append(row.successRate() == null ? "" : String.format(Locale.ROOT, "%.4f", row.successRate()))
                    .append(',').append(row.withSuspectedIncidents())
                    .append(',').append(row.emergencyShare() == null ? "" : String.format(Locale.ROOT, "%.4f", row.emergencyShare()))
                    .append(',').append(row.meanLeadTime() == null ? "" : row.meanLeadTime().toString())
                    .append("\r\n");
        }
        return out.toString();
    }

    private static List<String> keys(ChangeRequest change, String groupBy) {
        return switch (groupBy) {
            case "type" -> List.of(change.type().name());
            case "service" -> change.services().isEmpty() ? List.of("(none)") : change.services();
            default -> List.of(change.origin() == ChangeOrigin.PROVIDER_MAINTENANCE || change.implementer() == null
                    ? (change.provider() != null ? change.provider() : change.implementer() != null ? change.implementer() : "internal")
                    : change.implementer());
        };
    }

    private static Row row(String key, List<ChangeRequest> members) {
        Map<ChangeStatus, Integer> outcomes = new EnumMap<>(ChangeStatus.class);
        int suspected = 0;
        int emergency = 0;
        long leadSeconds = 0;
        int started = 0;
        for (ChangeRequest change : members) {
            outcomes.merge(change.status(), 1, Integer::sum);
            if (change.relatedIncidents().stream().anyMatch(link -> link.relation() == IncidentRelation.SUSPECTED_CAUSE
                    || link.relation() == IncidentRelation.CAUSED)) {
                suspected++;
            }
            if (change.type() == ChangeType.EMERGENCY) {
                emergency++;
            }
            if (change.submittedAt() != null && change.actual() != null && change.actual().start() != null) {
                leadSeconds += Math.max(0, Duration.between(change.submittedAt(), change.actual().start()).toSeconds());
                started++;
            }
        }
        int completed = outcomes.getOrDefault(ChangeStatus.COMPLETED, 0);
        int ended = completed + outcomes.getOrDefault(ChangeStatus.FAILED, 0) + outcomes.getOrDefault(ChangeStatus.BACKED_OUT, 0);
        return new Row(key, members.size(), outcomes, ended == 0 ? null : (double) completed / ended, suspected,
                members.isEmpty() ? null : (double) emergency / members.size(), started == 0 ? null : Duration.ofSeconds(leadSeconds / started));
    }

    private static String cell(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
