package io.siamhub.sla.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.siamhub.model.Priority;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaMetric;
import io.siamhub.sla.calendar.BusinessCalendar;
import io.siamhub.sla.definition.SlaDefinition;
import io.siamhub.sla.engine.IncidentObservation;

/**
 * The service-level report for a period [from, to): pure arithmetic over clocks and incidents (the README writes out
 * every formula; ISO/IEC 20000-1 8.3.3 and 9.2 evidence).
 * <ul>
 * <li><b>met</b>: clocks MET with {@code stoppedAt} in the period; <b>breached</b>: clocks whose {@code breachedAt} is in
 * the period (stopped or still running); <b>compliance %</b> = met / (met + breached) × 100 (none when both are 0).</li>
 * <li><b>MTTA</b> = mean of (acknowledgedAt − createdAt) over the group's incidents acknowledged in the period;
 * <b>MTTR</b> = mean of (resolvedAt − createdAt) over the group's incidents resolved in the period and still resolved
 * or closed (a reopened incident counts once, with its last resolution). Wall time, and business time on the calendar
 * of the incident's clock in the group (its RESPONSE clock for MTTA, RESOLUTION clock for MTTR, else any; the
 * definition that sorts first).</li>
 * <li><b>hops</b>: ownership changes between parties of the group's incidents; <b>hops per incident</b> = hops / incidents.</li>
 * <li><b>availability %</b> per service and customer SLA (type SLA, metric RESOLUTION, applying to the service and to
 * P1 or P2) = (agreed − downtime) / agreed × 100, where agreed = the calendar's business time in the period and
 * downtime = business time in the period during which at least one P1/P2 incident of the service was open (incidents
 * opened in approved maintenance left out when the definition says {@code excludeMaintenance}).</li>
 * </ul>
 * A group's incidents are those with a clock in the group that was active at some point of the period.
 */
public final class ReportCalculator {

    /** The ways a report groups clocks. {@code provider} counts UC clocks only, by their party. */
    public enum GroupBy {
        PROVIDER, SERVICE, PRIORITY, PARTY, TYPE;

        public static GroupBy parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a report needs of one clock. */
    public record ClockFact(String incidentId, String definitionId, AgreementType type, String party, SlaMetric metric, Priority priority,
            String service, String calendarId, ClockState state, Instant startedAt, Instant stoppedAt, Instant breachedAt) {
    }

    /** What a report needs of one incident: its latest state and its history (for availability). */
    public record IncidentFact(String incidentId, String service, IncidentStatus status, boolean maintenance, Instant createdAt,
            Instant acknowledgedAt, Instant resolvedAt, int hops, List<IncidentObservation> history) {
    }

    /**
     * One group's line. Durations are ISO-8601; percents have two decimals; null where there is nothing to average.
     */
    public record Row(String group, long met, long breached, Double compliancePercent, long incidents, long acknowledged,
            Duration mttaWall, Duration mttaBusiness, long resolved, Duration mttrWall, Duration mttrBusiness, long hops,
            Double hopsPerIncident) {
    }

    /** Availability of one service under one customer SLA's calendar. */
    public record Availability(String service, String definitionId, String calendarId, Duration agreedTime, Duration downtime,
            Double availabilityPercent) {
    }

    /** The report. */
    public record Report(Instant from, Instant to, String groupBy, List<Row> rows, List<Availability> availability) {
    }

    private ReportCalculator() {
    }

    public static Report report(Instant from, Instant to, GroupBy groupBy, List<ClockFact> clocks, Map<String, IncidentFact> incidents,
            Map<String, SlaDefinition> definitions, Map<String, BusinessCalendar> calendars, Set<String> services) {
        Map<String, List<ClockFact>> groups = new TreeMap<>();
        for (ClockFact clock : clocks) {
            String group = group(clock, groupBy);
            if (group != null && activeDuring(clock, from, to)) {
                groups.computeIfAbsent(group, key -> new ArrayList<>()).add(clock);
            }
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((group, members) -> rows.add(row(group, members, from, to, incidents, calendars)));
        return new Report(from, to, groupBy.wireName(), rows, availability(from, to, incidents, definitions, calendars, services));
    }

    private static Row row(String group, List<ClockFact> clocks, Instant from, Instant to, Map<String, IncidentFact> incidents,
            Map<String, BusinessCalendar> calendars) {
        long met = clocks.stream().filter(clock -> clock.state() == ClockState.MET && within(clock.stoppedAt(), from, to)).count();
        long breached = clocks.stream().filter(clock -> within(clock.breachedAt(), from, to)).count();
        Map<String, List<ClockFact>> byIncident = new TreeMap<>();
        clocks.forEach(clock -> byIncident.computeIfAbsent(clock.incidentId(), id -> new ArrayList<>()).add(clock));
        Mean ackWall = new Mean();
        Mean ackBusiness = new Mean();
        Mean resolveWall = new Mean();
        Mean resolveBusiness = new Mean();
        long hops = 0;
        long known = 0;
        for (Map.Entry<String, List<ClockFact>> entry : byIncident.entrySet()) {
            IncidentFact incident = incidents.get(entry.getKey());
            if (incident == null || incident.createdAt() == null) {
                continue;
            }
            known++;
            hops += incident.hops();
            if (within(incident.acknowledgedAt(), from, to)) {
                ackWall.add(Duration.between(incident.createdAt(), incident.acknowledgedAt()));
                BusinessCalendar calendar = calendarFor(entry.getValue(), SlaMetric.RESPONSE, calendars);
                if (calendar != null) {
                    ackBusiness.add(calendar.elapsed(incident.createdAt(), incident.acknowledgedAt()));
                }
            }
            boolean resolvedNow = incident.status() == IncidentStatus.RESOLVED || incident.status() == IncidentStatus.CLOSED;
            if (resolvedNow && within(incident.resolvedAt(), from, to)) {
                resolveWall.add(Duration.between(incident.createdAt(), incident.resolvedAt()));
                BusinessCalendar calendar = calendarFor(entry.getValue(), SlaMetric.RESOLUTION, calendars);
                if (calendar != null) {
                    resolveBusiness.add(calendar.elapsed(incident.createdAt(), incident.resolvedAt()));
                }
            }
        }
        return new Row(group, met, breached, percent(met, met + breached), known, ackWall.count, ackWall.mean(), ackBusiness.mean(),
                resolveWall.count, resolveWall.mean(), resolveBusiness.mean(), hops, known == 0 ? null : round((double) hops / known));
    }

    private static List<Availability> availability(Instant from, Instant to, Map<String, IncidentFact> incidents,
            Map<String, SlaDefinition> definitions, Map<String, BusinessCalendar> calendars, Set<String> services) {
        List<Availability> result = new ArrayList<>();
        Set<String> allServices = new TreeSet<>(services);
        incidents.values().stream().map(IncidentFact::service).filter(java.util.Objects::nonNull).forEach(allServices::add);
        List<SlaDefinition> customer = definitions.values().stream()
                .filter(definition -> definition.type() == AgreementType.SLA && definition.metric() == SlaMetric.RESOLUTION)
                .filter(definition -> definition.appliesTo().priorities().isEmpty() || definition.appliesTo().priorities().contains(Priority.P1)
                        || definition.appliesTo().priorities().contains(Priority.P2))
                .sorted(Comparator.comparing(SlaDefinition::id)).toList();
        for (String service : allServices) {
            for (SlaDefinition definition : customer) {
                if (!definition.appliesTo().services().isEmpty() && !definition.appliesTo().services().contains(service)) {
                    continue;
                }
                BusinessCalendar calendar = calendars.get(definition.calendarId());
                if (calendar == null) {
                    continue;
                }
                Duration agreed = calendar.elapsed(from, to);
                List<Instant[]> down = new ArrayList<>();
                for (IncidentFact incident : incidents.values()) {
                    if (service.equals(incident.service()) && !(definition.excludeMaintenance() && incident.maintenance())) {
                        down.addAll(majorOpenSpans(incident.history(), from, to));
                    }
                }
                Duration downtime = Duration.ZERO;
                for (Instant[] span : union(down)) {
                    downtime = downtime.plus(calendar.elapsed(span[0], span[1]));
                }
                result.add(new Availability(service, definition.id(), definition.calendarId(), agreed, downtime,
                        agreed.isZero() ? null : round(100.0 * (agreed.toNanos() - downtime.toNanos()) / agreed.toNanos())));
            }
        }
        return result;
    }

    /** The spans of [from, to) during which the incident was open with priority P1 or P2. */
    static List<Instant[]> majorOpenSpans(List<IncidentObservation> history, Instant from, Instant to) {
        List<Instant[]> spans = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            IncidentObservation observation = history.get(i);
            Instant start = i == 0 && observation.createdAt() != null && observation.createdAt().isBefore(observation.at())
                    ? observation.createdAt() : observation.at();
            Instant end = i + 1 < history.size() ? history.get(i + 1).at() : to;
            boolean major = observation.priority() == Priority.P1 || observation.priority() == Priority.P2;
            if (major && observation.status().isOpen()) {
                Instant clippedStart = start.isBefore(from) ? from : start;
                Instant clippedEnd = end.isAfter(to) ? to : end;
                if (clippedEnd.isAfter(clippedStart)) {
                    spans.add(new Instant[] {clippedStart, clippedEnd});
                }
            }
        }
        return spans;
    }

    private static List<Instant[]> union(List<Instant[]> spans) {
        spans.sort(Comparator.comparing(span -> span[0]));
        List<Instant[]> merged = new ArrayList<>();
        for (Instant[] span : spans) {
            Instant[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !span[0].isAfter(last[1])) {
                if (span[1].isAfter(last[1])) {
                    last[1] = span[1];
                }
            } else {
                merged.add(new Instant[] {span[0], span[1]});
            }
        }
        return merged;
    }

    private static BusinessCalendar calendarFor(List<ClockFact> clocks, SlaMetric preferred, Map<String, BusinessCalendar> calendars) {
        return clocks.stream().sorted(Comparator.comparing((ClockFact clock) -> clock.metric() != preferred)
                .thenComparing(ClockFact::definitionId)).map(clock -> calendars.get(clock.calendarId()))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static String group(ClockFact clock, GroupBy groupBy) {
        return switch (groupBy) {
            case PROVIDER -> clock.type() == AgreementType.UC ? clock.party() : null;
            case SERVICE -> clock.service() == null ? "(none)" : clock.service();
            case PRIORITY -> clock.priority() == null ? "(none)" : clock.priority().name();
            case PARTY -> clock.party();
            case TYPE -> clock.type().name();
        };
    }

    /** The clock counted at some instant of [from, to). */
    private static boolean activeDuring(ClockFact clock, Instant from, Instant to) {
        return clock.startedAt().isBefore(to) && (clock.stoppedAt() == null || !clock.stoppedAt().isBefore(from)
                || within(clock.breachedAt(), from, to));
    }

    private static boolean within(Instant instant, Instant from, Instant to) {
        return instant != null && !instant.isBefore(from) && instant.isBefore(to);
    }

    private static Double percent(long part, long whole) {
        return whole == 0 ? null : round(100.0 * part / whole);
    }

    private static Double round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** A mean of durations, exact to the nanosecond (integer division). */
    private static final class Mean {
        private long count;
        private java.math.BigInteger nanos = java.math.BigInteger.ZERO;

        void add(Duration duration) {
            count++;
            nanos = nanos.add(java.math.BigInteger.valueOf(duration.toNanos()));
        }

        Duration mean() {
            return count == 0 ? null : Duration.ofNanos(nanos.divide(java.math.BigInteger.valueOf(count)).longValue());
        }
    }

    /** The report's columns as CSV, one line per group (availability columns filled for {@code groupBy=service}). */
    public static String csv(Report report) {
        StringBuilder csv = new StringBuilder("group,met,breached,compliance_percent,incidents,acknowledged,mtta_wall,mtta_business,"
                + "resolved,mttr_wall,mttr_business,hops,hops_per_incident,availability_percent,agreed_time,downtime\r\n");
        Map<String, Availability> byService = new LinkedHashMap<>();
        if (report.groupBy().equals("service")) {
            report.availability().forEach(availability -> byService.putIfAbsent(availability.service(), availability));
        }
        for (Row row : report.rows()) {
            Availability availability = byService.get(row.group());
            csv.append(cell(row.group())).append(',').append(row.met()).append(',').append(row.breached()).append(',')
                    .append(text(row.compliancePercent())).append(',').append(row.incidents()).append(',').append(row.acknowledged())
                    .append(',').append(text(row.mttaWall())).append(',').append(text(row.mttaBusiness())).append(',').append(row.resolved())
                    .append(',').append(text(row.mttrWall())).append(',').append(text(row.mttrBusiness())).append(',').append(row.hops())
                    .append(',').append(text(row.hopsPerIncident())).append(',')
                    .append(availability == null ? "" : text(availability.availabilityPercent())).append(',')
                    .append(availability == null ? "" : text(availability.agreedTime())).append(',')
                    .append(availability == null ? "" : text(availability.downtime())).append("\r\n");
        }
        return csv.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** RFC 4180: quote a cell with a comma, quote or line break; a leading =, +, - or @ is prefixed (no spreadsheet formulas). */
    static String cell(String value) {
        String safe = value != null && !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value == null ? "" : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
