package io.siamhub.change.report;

import static io.siamhub.change.Fixtures.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.siamhub.model.TimeWindow;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ChangeType;
import io.siamhub.model.change.IncidentLink;
import io.siamhub.model.change.IncidentRelation;

class ChangeReportTest {

    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2027-01-01T00:00:00Z");

    @Test
    void outcomesSuccessRateSuspectedIncidentsEmergencyShareAndLeadTime() {
        ChangeRequest completed = ran("CHG0000001", ChangeStatus.COMPLETED, ChangeType.NORMAL, Duration.ofHours(48)).toBuilder()
                .implementer("dba-team").build();
        ChangeRequest failed = ran("CHG0000002", ChangeStatus.FAILED, ChangeType.EMERGENCY, Duration.ofHours(2)).toBuilder()
                .implementer("dba-team").relatedIncidents(List.of(new IncidentLink("i", "INC0000001", IncidentRelation.SUSPECTED_CAUSE, "x", 1,
                        FROM))).build();
        ChangeRequest maintenance = ran("CHG0000003", ChangeStatus.COMPLETED, ChangeType.NORMAL, null).toBuilder()
                .origin(ChangeOrigin.PROVIDER_MAINTENANCE).provider("aws").implementer("aws").build();
        ChangeRequest outside = change("CHG0000004", new TimeWindow(TO, TO.plus(Duration.ofHours(1))), "payments-db");

        ChangeReport report = ChangeReport.of(FROM, TO, "provider", List.of(completed, failed, maintenance, outside));

        assertThat(report.groups()).extracting(ChangeReport.Row::key).containsExactly("aws", "dba-team");
        ChangeReport.Row dba = report.groups().get(1);
        assertThat(dba.total()).isEqualTo(2);
        assertThat(dba.successRate()).isEqualTo(0.5);
        assertThat(dba.withSuspectedIncidents()).isEqualTo(1);
        assertThat(dba.emergencyShare()).isEqualTo(0.5);
        assertThat(dba.meanLeadTime()).isEqualTo(Duration.ofHours(25));
        assertThat(report.overall().total()).isEqualTo(3);
        assertThat(report.overall().byOutcome()).containsEntry(ChangeStatus.COMPLETED, 2).containsEntry(ChangeStatus.FAILED, 1);

        String csv = report.csv();
        assertThat(csv.split("\r\n")).hasSize(4);
        assertThat(csv).startsWith("group,total,draft,submitted,approved,rejected,scheduled,in_progress,completed,failed,cancelled,backed_out,"
                + "on_hold,success_rate,with_suspected_incidents,emergency_share,mean_lead_time\r\n");
        assertThat(csv).contains("\r\ndba-team,2,0,0,0,0,0,0,1,1,0,0,0,0.5000,1,0.5000,PT25H\r\n");
        assertThat(ChangeReport.of(FROM, TO, "type", List.of(completed, failed)).groups()).extracting(ChangeReport.Row::key)
                .containsExactly("EMERGENCY", "NORMAL");
    }

    private static ChangeRequest ran(String number, ChangeStatus status, ChangeType type, Duration lead) {
        Instant start = Instant.parse("2026-12-10T10:00:00Z");
        return change(number, new TimeWindow(start, start.plus(Duration.ofHours(1))), "payments-db").toBuilder().status(status).type(type)
                .submittedAt(lead == null ? null : start.minus(lead)).actual(new TimeWindow(start, start.plus(Duration.ofHours(1)))).build();
    }
}
