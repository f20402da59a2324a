package io.siamhub.change;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.siamhub.change.calendar.CalendarWindow;
import io.siamhub.change.calendar.WindowKind;
import io.siamhub.change.calendar.WindowScope;
import io.siamhub.change.catalog.CatalogView;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.catalog.MatchRule;
import io.siamhub.model.catalog.Service;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ChangeType;

/** A small catalog and change builders for the pure unit tests (no Quarkus). */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /**
     * payments (HIGH) with payments-db and payments-api (on aws account 123456789012, eu-west-1); webshop (MEDIUM,
     * depends on payments) with webshop-vms (azure subscription 1111…); reporting (LOW) with reporting-ec2.
     */
    public static CatalogView catalog() {
        return new CatalogView(List.of(
                new Service("payments", "Payments", null, Criticality.HIGH, "finance"),
                new Service("webshop", "Webshop", null, Criticality.MEDIUM, "ecommerce", List.of("payments")),
                new Service("reporting", "Reporting", null, Criticality.LOW, "controlling")),
                List.of(
                        new ConfigurationItem("payments-db", "db", "database", "payments", "aws", null,
                                List.of(new MatchRule(null, null, "aws", "123456789012", "eu-west-1", Map.of()))),
                        new ConfigurationItem("payments-api", "api", "deployment", "payments", "k8s-partner", null,
                                List.of(new MatchRule("payments-api", null, null, null, null, Map.of()))),
                        new ConfigurationItem("webshop-vms", "vms", "vm", "webshop", "azure", null,
                                List.of(new MatchRule(null, null, "azure", "11111111-1111-1111-1111-111111111111", null, Map.of()))),
                        new ConfigurationItem("reporting-ec2", "ec2", "vm", "reporting", "aws", Criticality.LOW,
                                List.of(new MatchRule(null, null, "aws", "257706363616", null, Map.of())))));
    }

    public static TimeWindow window(Instant start, Duration length) {
        return new TimeWindow(start, start.plus(length));
    }

    /** A submitted NORMAL RFC on the given CIs. */
    public static ChangeRequest change(String number, TimeWindow window, String... items) {
        return ChangeRequest.builder().id(UUID.randomUUID().toString()).number(number).title("change " + number).type(ChangeType.NORMAL)
                .origin(ChangeOrigin.RFC).status(ChangeStatus.SUBMITTED).window(window).endKnown(true)
                .configurationItems(List.of(items)).requestedBy("alice").createdAt(T0).updatedAt(T0).version(1).build();
    }

    public static CalendarWindow recurring(String name, WindowKind kind, String zone, String rrule, LocalTime start, Duration length,
            LocalDate first, boolean hard, WindowScope scope) {
        return new CalendarWindow(UUID.randomUUID().toString(), kind, name, zone, rrule, start, length, first, null, null, hard, scope,
                null, "admin", T0, T0, 1);
    }

    public static CalendarWindow period(String name, WindowKind kind, String zone, LocalDateTime start, LocalDateTime end, boolean hard,
            WindowScope scope) {
        return new CalendarWindow(UUID.randomUUID().toString(), kind, name, zone, null, null, null, null, start, end, hard, scope, null,
                "admin", T0, T0, 1);
    }

    private Fixtures() {
    }
}
