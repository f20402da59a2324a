package io.siamhub.change.conflict;

import static io.siamhub.change.Fixtures.T0;
import static io.siamhub.change.Fixtures.change;
import static io.siamhub.change.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.siamhub.change.Fixtures;
import io.siamhub.change.calendar.CalendarWindow;
import io.siamhub.change.calendar.WindowKind;
import io.siamhub.change.calendar.WindowScope;
import io.siamhub.change.catalog.CatalogView;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.Conflict;
import io.siamhub.model.change.ConflictKind;

/** Each conflict kind, and its absence when the windows only touch (half-open). */
class ConflictDetectorTest {

    private static final CatalogView CATALOG = Fixtures.catalog();
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void theSameConfigurationItemInOverlappingWindowsClashesTouchingDoesNot() {
        ChangeRequest mine = change("CHG0000001", window(T0, HOUR), "payments-db");
        ChangeRequest overlapping = change("CHG0000002", window(T0.plus(Duration.ofMinutes(59)), HOUR), "payments-db");
        ChangeRequest touching = change("CHG0000003", window(T0.plus(HOUR), HOUR), "payments-db");
        ChangeRequest before = change("CHG0000004", window(T0.minus(HOUR), HOUR), "payments-db");

        List<Conflict> found = detect(mine, List.of(overlapping, touching, before), List.of());

        assertThat(found).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo(ConflictKind.SAME_CONFIGURATION_ITEM);
            assertThat(conflict.with()).isEqualTo(overlapping.id());
            assertThat(conflict.withName()).isEqualTo("CHG0000002");
            assertThat(conflict.blocking()).isFalse();
            assertThat(conflict.detail()).contains("payments-db");
        });
    }

    @Test
    void theSameServiceAndDependingServicesClashOneLevelDeep() {
        ChangeRequest db = change("CHG0000001", window(T0, HOUR), "payments-db");
        ChangeRequest api = change("CHG0000002", window(T0, HOUR), "payments-api");
        ChangeRequest shop = change("CHG0000003", window(T0, HOUR), "webshop-vms");
        ChangeRequest reporting = change("CHG0000004", window(T0, HOUR), "reporting-ec2");

        List<Conflict> found = detect(db, List.of(api, shop, reporting), List.of());

        assertThat(found).extracting(Conflict::kind, Conflict::withName).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ConflictKind.SAME_SERVICE, "CHG0000002"),
                org.assertj.core.groups.Tuple.tuple(ConflictKind.SAME_SERVICE, "CHG0000003"));
        assertThat(found).filteredOn(conflict -> conflict.withName().equals("CHG0000003")).singleElement()
                .satisfies(conflict -> assertThat(conflict.detail()).contains("related service webshop"));
        assertThat(ConflictDetector.detect(Subject.of(db, CATALOG, 0), List.of(Subject.of(shop, CATALOG, 0)), List.of()))
                .as("depth 0: the same service only").isEmpty();
    }

    @Test
    void theSameImplementerOnOverlappingChangesIsBusy() {
        ChangeRequest mine = change("CHG0000001", window(T0, HOUR), "payments-db").toBuilder().implementer("dba-team").build();
        ChangeRequest other = change("CHG0000002", window(T0.plus(Duration.ofMinutes(30)), HOUR), "reporting-ec2").toBuilder()
                .implementer("DBA-team").build();
        ChangeRequest later = change("CHG0000003", window(T0.plus(HOUR), HOUR), "reporting-ec2").toBuilder().implementer("dba-team").build();

        assertThat(detect(mine, List.of(other, later), List.of())).singleElement()
                .satisfies(conflict -> assertThat(conflict.kind()).isEqualTo(ConflictKind.IMPLEMENTER_BUSY));
    }

    @Test
    void aProviderMaintenanceClashesOnItsCiItsServiceAndItsAccountOrRegion() {
        ChangeRequest onDb = change("CHG0000001", window(T0, HOUR), "payments-db");
        ChangeRequest onApi = change("CHG0000002", window(T0, HOUR), "payments-api");
        ChangeRequest elsewhere = change("CHG0000003", window(T0, HOUR), "reporting-ec2");
        ChangeRequest regional = maintenance("CHG0000010", window(T0, HOUR)).toBuilder().region("eu-west-1").build();
        ChangeRequest other = maintenance("CHG0000011", window(T0, HOUR)).toBuilder().account("999999999999").build();

        assertThat(detect(onDb, List.of(regional, other), List.of())).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo(ConflictKind.PROVIDER_MAINTENANCE);
            assertThat(conflict.withName()).isEqualTo("CHG0000010");
            assertThat(conflict.detail()).contains("aws/region/eu-west-1");
        });
        assertThat(detect(onApi, List.of(regional), List.of())).as("no CI of its own in that region, but not the same service either")
                .isEmpty();
        assertThat(detect(elsewhere, List.of(regional), List.of())).isEmpty();
        ChangeRequest onItsCi = maintenance("CHG0000012", window(T0.plus(Duration.ofMinutes(10)), HOUR)).toBuilder()
                .configurationItems(List.of("payments-db")).build();
        assertThat(detect(onDb, List.of(onItsCi), List.of())).extracting(Conflict::kind).containsExactly(ConflictKind.PROVIDER_MAINTENANCE);
        assertThat(detect(onItsCi, List.of(onDb), List.of())).as("both sides see it").extracting(Conflict::kind)
                .containsExactly(ConflictKind.PROVIDER_MAINTENANCE);
    }

    @Test
    void aHardFreezeBlocksASoftOneWarnsAndAScopeLimitsBoth() {
        ChangeRequest mine = change("CHG0000001", window(T0, HOUR), "payments-db");
        CalendarWindow hard = Fixtures.period("Year end", WindowKind.FREEZE, "Europe/Berlin", LocalDateTime.parse("2026-12-01T11:30"),
                LocalDateTime.parse("2026-12-02T00:00"), true, WindowScope.EVERYTHING);
        CalendarWindow soft = Fixtures.period("Soft", WindowKind.FREEZE, "UTC", LocalDateTime.parse("2026-12-01T10:30"),
                LocalDateTime.parse("2026-12-01T12:00"), false, new WindowScope(List.of("payments"), List.of(), List.of()));
        CalendarWindow otherService = Fixtures.period("Reporting", WindowKind.FREEZE, "UTC", LocalDateTime.parse("2026-12-01T00:00"),
                LocalDateTime.parse("2026-12-02T00:00"), true, new WindowScope(List.of("reporting"), List.of(), List.of()));
        // 11:30 Berlin is 10:30Z: inside the change's [10:00Z, 11:00Z)
        List<Conflict> found = detect(mine, List.of(), List.of(hard, soft, otherService));

        assertThat(found).extracting(Conflict::withName, Conflict::blocking).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Year end", true), org.assertj.core.groups.Tuple.tuple("Soft", false));
        assertThat(found.get(0).window().start()).isEqualTo(java.time.Instant.parse("2026-12-01T10:30:00Z"));
        CalendarWindow touching = Fixtures.period("Touching", WindowKind.FREEZE, "UTC", LocalDateTime.parse("2026-12-01T11:00"),
                LocalDateTime.parse("2026-12-01T12:00"), true, WindowScope.EVERYTHING);
        assertThat(detect(mine, List.of(), List.of(touching))).as("a freeze that starts when the change ends").isEmpty();
    }

    @Test
    void aLockdownAlwaysBlocks() {
        ChangeRequest mine = change("CHG0000001", window(T0, HOUR), "payments-db");
        CalendarWindow lockdown = Fixtures.period("Incident lockdown", WindowKind.LOCKDOWN, "UTC", LocalDateTime.parse("2026-12-01T09:00"),
                null, true, new WindowScope(List.of(), List.of(), List.of("aws")));
        assertThat(detect(mine, List.of(), List.of(lockdown))).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo(ConflictKind.LOCKDOWN);
            assertThat(conflict.blocking()).isTrue();
        });
    }

    @Test
    void aChangeOnACiWithMaintenanceWindowsMustFitInsideOneOccurrence() {
        // Tuesdays 20:00-02:00 UTC for payments-db; 2026-12-01 is a Tuesday
        CalendarWindow tuesdays = Fixtures.recurring("Tuesday night", WindowKind.MAINTENANCE, "UTC", "FREQ=WEEKLY;BYDAY=TU",
                LocalTime.of(20, 0), Duration.ofHours(6), LocalDate.parse("2026-11-03"), false,
                new WindowScope(List.of(), List.of("payments-db"), List.of()));
        ChangeRequest inside = change("CHG0000001", new TimeWindow(java.time.Instant.parse("2026-12-01T21:00:00Z"),
                java.time.Instant.parse("2026-12-02T02:00:00Z")), "payments-db");
        ChangeRequest straddling = change("CHG0000002", new TimeWindow(java.time.Instant.parse("2026-12-01T19:00:00Z"),
                java.time.Instant.parse("2026-12-01T21:00:00Z")), "payments-db");
        ChangeRequest otherCi = change("CHG0000003", window(T0, HOUR), "payments-api");

        assertThat(detect(inside, List.of(), List.of(tuesdays))).isEmpty();
        assertThat(detect(straddling, List.of(), List.of(tuesdays))).singleElement().satisfies(conflict -> {
            assertThat(conflict.kind()).isEqualTo(ConflictKind.OUTSIDE_MAINTENANCE_WINDOW);
            assertThat(conflict.detail()).contains("the next starts 2026-12-01T20:00:00Z");
        });
        assertThat(detect(otherCi, List.of(), List.of(tuesdays))).isEmpty();
    }

    @Test
    void everyKindClashesOnOverlapAndNoneWhenTheWindowsOnlyTouch() {
        // one side of each kind in [T0, T0+1h); the other side overlapping by a minute, or touching at either end
        TimeWindow mine = window(T0, HOUR);
        List<TimeWindow> touching = List.of(window(T0.plus(HOUR), HOUR), window(T0.minus(HOUR), HOUR));
        TimeWindow overlapping = window(T0.plus(Duration.ofMinutes(59)), HOUR);
        ChangeRequest subject = change("CHG0000001", mine, "payments-db").toBuilder().implementer("dba-team").build();

        java.util.Map<ConflictKind, java.util.function.Function<TimeWindow, ChangeRequest>> others = new java.util.LinkedHashMap<>();
        others.put(ConflictKind.SAME_CONFIGURATION_ITEM, at -> change("CHG0000002", at, "payments-db"));
        others.put(ConflictKind.SAME_SERVICE, at -> change("CHG0000003", at, "webshop-vms"));
        others.put(ConflictKind.IMPLEMENTER_BUSY, at -> change("CHG0000004", at, "reporting-ec2").toBuilder().implementer("dba-team").build());
        others.put(ConflictKind.PROVIDER_MAINTENANCE, at -> maintenance("CHG0000005", at).toBuilder().region("eu-west-1").build());
        others.forEach((kind, other) -> {
            assertThat(detect(subject, List.of(other.apply(overlapping)), List.of())).as(kind + " on overlap").extracting(Conflict::kind)
                    .containsExactly(kind);
            for (TimeWindow touch : touching) {
                assertThat(detect(subject, List.of(other.apply(touch)), List.of())).as(kind + " touching at " + touch).isEmpty();
            }
        });

        for (WindowKind kind : List.of(WindowKind.FREEZE, WindowKind.LOCKDOWN)) {
            ConflictKind expected = kind == WindowKind.LOCKDOWN ? ConflictKind.LOCKDOWN : ConflictKind.FREEZE_WINDOW;
            // [10:59, 12:00) overlaps; [11:00, 12:00) starts as the change ends; [09:00, 10:00) ends as it starts
            assertThat(detect(subject, List.of(), List.of(utcPeriod(kind, "2026-12-01T10:59", "2026-12-01T12:00")))).as(kind + " on overlap")
                    .extracting(Conflict::kind).containsExactly(expected);
            assertThat(detect(subject, List.of(), List.of(utcPeriod(kind, "2026-12-01T11:00", "2026-12-01T12:00")))).as(kind + " after").isEmpty();
            assertThat(detect(subject, List.of(), List.of(utcPeriod(kind, "2026-12-01T09:00", "2026-12-01T10:00")))).as(kind + " before").isEmpty();
        }

        // a maintenance window that the change fills exactly is no conflict; one that ends as the change starts is
        CalendarWindow exact = utcPeriod(WindowKind.MAINTENANCE, "2026-12-01T10:00", "2026-12-01T11:00");
        assertThat(detect(subject, List.of(), List.of(exact))).isEmpty();
        CalendarWindow before = utcPeriod(WindowKind.MAINTENANCE, "2026-12-01T09:00", "2026-12-01T10:00");
        assertThat(detect(subject, List.of(), List.of(before))).extracting(Conflict::kind).containsExactly(ConflictKind.OUTSIDE_MAINTENANCE_WINDOW);
    }

    private static CalendarWindow utcPeriod(WindowKind kind, String start, String end) {
        WindowScope scope = kind == WindowKind.MAINTENANCE ? new WindowScope(List.of(), List.of("payments-db"), List.of()) : WindowScope.EVERYTHING;
        return Fixtures.period(kind + " " + start, kind, "UTC", LocalDateTime.parse(start), LocalDateTime.parse(end), true, scope);
    }

    @Test
    void aChangeWithoutAWindowHasNoConflicts() {
        ChangeRequest draft = change("CHG0000001", null, "payments-db");
        assertThat(detect(draft, List.of(change("CHG0000002", window(T0, HOUR), "payments-db")), List.of())).isEmpty();
    }

    private static ChangeRequest maintenance(String number, TimeWindow window) {
        return change(number, window).toBuilder().origin(ChangeOrigin.PROVIDER_MAINTENANCE).provider("aws").implementer("aws").build();
    }

    private static List<Conflict> detect(ChangeRequest change, List<ChangeRequest> others, List<CalendarWindow> windows) {
        return ConflictDetector.detect(Subject.of(change, CATALOG, 1), others.stream().map(other -> Subject.of(other, CATALOG, 1)).toList(),
                windows);
    }
}
