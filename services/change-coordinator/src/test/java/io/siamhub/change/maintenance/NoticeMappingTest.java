package io.siamhub.change.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.siamhub.change.AdapterSignals;
import io.siamhub.change.Fixtures;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.signal.Signal;

/** The adapters' maintenance signals (their golden files) as changes, pure. */
class NoticeMappingTest {

    private static final Duration HORIZON = Duration.ofHours(24);
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void anAwsScheduledChangeFollowsItsNoticesOnOneRecord() {
        Signal upcoming = AdapterSignals.of("aws/eventbridge_health_scheduledChange_ec2_upcoming");
        Signal moved = AdapterSignals.of("aws/sns_health_scheduledChange_ec2_rescheduled");
        Signal closed = AdapterSignals.of("aws/eventbridge_health_scheduledChange_ec2_closed");
        assertThat(moved.providerRef()).isEqualTo(upcoming.providerRef()).isEqualTo(closed.providerRef());

        ChangeRequest first = NoticeMapping.apply(null, upcoming, Fixtures.catalog(), HORIZON, NOW, "id-1", "CHG0000001");
        assertThat(first.origin()).isEqualTo(ChangeOrigin.PROVIDER_MAINTENANCE);
        assertThat(first.status()).isEqualTo(ChangeStatus.SCHEDULED);
        assertThat(first.window()).isEqualTo(new TimeWindow(Instant.parse("2026-12-05T22:00:00Z"), Instant.parse("2026-12-06T02:00:00Z")));
        assertThat(first.endKnown()).isTrue();
        assertThat(first.configurationItems()).as("the catalog's rule for account 123456789012 in eu-west-1").containsExactly("payments-db");
        assertThat(first.services()).containsExactly("payments");
        assertThat(first.account()).isEqualTo("123456789012");
        assertThat(first.region()).isEqualTo("eu-west-1");
        assertThat(first.provider()).isEqualTo("aws");
        assertThat(first.implementer()).isEqualTo("aws");

        ChangeRequest second = NoticeMapping.apply(first, moved, Fixtures.catalog(), HORIZON, NOW, "ignored", "ignored");
        assertThat(second.id()).isEqualTo("id-1");
        assertThat(second.window().start()).isEqualTo(Instant.parse("2026-12-12T22:00:00Z"));
        assertThat(second.sequence()).as("a reschedule raises the iCalendar SEQUENCE").isEqualTo(1);

        ChangeRequest third = NoticeMapping.apply(second, closed, Fixtures.catalog(), HORIZON, NOW, "x", "x");
        assertThat(third.status()).isEqualTo(ChangeStatus.COMPLETED);
        assertThat(third.actual()).isEqualTo(new TimeWindow(Instant.parse("2026-12-12T22:00:00Z"), Instant.parse("2026-12-13T01:40:00Z")));
    }

    @Test
    void anAzurePlannedMaintenanceIsRescheduledThenCancelled() {
        Signal planned = AdapterSignals.of("azure/service_health_maintenance_vm_planned");
        Signal rescheduled = AdapterSignals.of("azure/service_health_maintenance_vm_rescheduled");
        Signal cancelled = AdapterSignals.of("azure/service_health_maintenance_vm_cancelled");

        ChangeRequest first = NoticeMapping.apply(null, planned, Fixtures.catalog(), HORIZON, NOW, "id-2", "CHG0000002");
        assertThat(first.providerRef()).isEqualTo("7T1V-BZ8");
        assertThat(first.status()).isEqualTo(ChangeStatus.SCHEDULED);
        assertThat(first.configurationItems()).containsExactly("webshop-vms");
        ChangeRequest second = NoticeMapping.apply(first, rescheduled, Fixtures.catalog(), HORIZON, NOW, "x", "x");
        assertThat(second.status()).isEqualTo(ChangeStatus.SCHEDULED);
        assertThat(second.window().start()).isEqualTo(Instant.parse("2026-12-09T01:00:00Z"));
        ChangeRequest third = NoticeMapping.apply(second, cancelled, Fixtures.catalog(), HORIZON, NOW, "x", "x");
        assertThat(third.status()).isEqualTo(ChangeStatus.CANCELLED);
        assertThat(third.sequence()).isEqualTo(2);
    }

    @Test
    void aNoticeWithoutAnEndGetsTheHorizonAndSaysSo() {
        Signal open = AdapterSignals.of("aws/eventbridge_health_scheduledChange_ec2_upcoming").toBuilder()
                .window(new TimeWindow(Instant.parse("2026-12-05T22:00:00Z"), null)).endsAt(null).build();
        ChangeRequest change = NoticeMapping.apply(null, open, Fixtures.catalog(), HORIZON, NOW, "id", "CHG0000003");
        assertThat(change.endKnown()).isFalse();
        assertThat(change.window().end()).isEqualTo(Instant.parse("2026-12-06T22:00:00Z"));
    }

    @Test
    void aNoticeTouchesEveryCiWhoseRuleMatchesAndNothingWhenNoneDoes() {
        Signal cloudShell = AdapterSignals.of("aws/eventbridge_health_scheduledChange_cloudshell");
        ChangeRequest change = NoticeMapping.apply(null, cloudShell, Fixtures.catalog(), HORIZON, NOW, "id", "CHG0000004");
        assertThat(change.configurationItems()).containsExactly("reporting-ec2");
        assertThat(change.status()).as("closed long ago").isEqualTo(ChangeStatus.COMPLETED);
        assertThat(NoticeMapping.apply(null, AdapterSignals.of("cloudevents/structured_maintenance"), Fixtures.catalog(), HORIZON, NOW, "id",
                "CHG0000005").configurationItems()).isEqualTo(List.of());
    }
}
