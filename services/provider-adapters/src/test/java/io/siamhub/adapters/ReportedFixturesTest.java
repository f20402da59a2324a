package io.siamhub.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.siamhub.adapters.core.IgnoredEvent;
import io.siamhub.adapters.core.Normalized;
import io.siamhub.model.Impact;
import io.siamhub.model.Urgency;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/**
 * The {@code reported} suite ({@code src/test/resources/reported/}, README there): the payloads of
 * public bug reports against other ingestion tools ({@code reported_*}) and, per provider, the cases
 * of each fault kind built from the providers' documentation ({@code identity_*}, {@code eventtype_*},
 * {@code facts_*}). Every case is compared field by field with its expected file; the tests below
 * state, one by one, the values the bug reports name and the sequences (fire, then resolve; create,
 * then move) whose identities must agree. Pure unit tests: no broker, no database.
 */
class ReportedFixturesTest {

    private static final AdapterHarness HARNESS = new AdapterHarness();

    static List<FixtureCase> cases() {
        return FixtureCase.all(FixtureCase.REPORTED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsToTheExpectedSignals(FixtureCase fixture) throws IOException {
        FixtureMapping.assertAsExpected(HARNESS, fixture);
    }

    // ---- the five reported payloads, as ../shared/fixtures/reported/README.md says they must come out

    @Test
    void azurePrometheusKeepsTheSeriesLabelsAndTheAnnotationText() {
        Signal signal = only("azure", "reported_02_prometheus_alert_labels");
        assertThat(signal.labels()).containsEntry("pod", "orders-api-6b7c9d-4kq2z").containsEntry("cluster", "aks-prod-weu-01")
                .containsEntry("namespace", "orders").containsEntry("container", "orders-api");
        assertThat(signal.resource().name()).isEqualTo("orders-api-6b7c9d-4kq2z");
        assertThat(signal.resource().type()).isEqualTo("kubernetes/pod");
        assertThat(signal.description()).isEqualTo("orders-api was OOM killed twice in 10 minutes");
        assertThat(signal.severity()).isIn(Severity.MAJOR, Severity.CRITICAL);
        assertThat(signal.providerSeverity()).isEqualTo("Sev1");
        assertThat(signal.status()).isEqualTo(SignalStatus.FIRING);
    }

    @Test
    void aPagerDutyNoteIsANoteOnItsIncidentNeverATicketOrAStatus() {
        Signal note = only("pagerduty", "reported_06_incident_annotated");
        assertThat(note.kind()).isEqualTo(SignalKind.NOTE);
        assertThat(note.providerRef()).as("the incident Q2K7ZL4N8B1XYZ, not the note PNOTE7X").isEqualTo("Q2K7ZL4N8B1XYZ");
        assertThat(note.fingerprint()).isEqualTo("pagerduty:Q2K7ZL4N8B1XYZ");
        assertThat(note.key()).as("the partition of the incident's own TICKET signals").isEqualTo("pagerduty:Q2K7ZL4N8B1XYZ");
        assertThat(note.status()).as("no status change").isNull();
        assertThat(note.severity()).isNull();
        assertThat(note.description()).isEqualTo("Rolled back release 2026.03.14-2; watching the error rate.");
        assertThat(note.author()).isEqualTo("On-call Engineer");
        assertThat(note.labels()).containsEntry("dataType", "incident_note").containsEntry("dataId", "PNOTE7X");
    }

    @Test
    void datadogPriorityAndTransitionPrefixesLeaveOneTitleAndOneFingerprint() {
        Signal triggered = only("datadog", "reported_08_priority_title_prefix_1_triggered");
        Signal recovered = only("datadog", "reported_08_priority_title_prefix_2_recovered");
        assertThat(triggered.status()).isEqualTo(SignalStatus.FIRING);
        assertThat(recovered.status()).isEqualTo(SignalStatus.RESOLVED);
        assertThat(triggered.title()).isEqualTo("Disk usage high on db-07");
        assertThat(recovered.title()).isEqualTo("Disk usage high on db-07");
        assertThat(recovered.fingerprint()).isEqualTo(triggered.fingerprint());
        assertThat(triggered.providerSeverity()).isEqualTo("P3");
        assertThat(triggered.occurredAt()).isEqualTo(Instant.parse("2026-03-14T09:41:00Z"));
        assertThat(recovered.occurredAt()).isEqualTo(Instant.parse("2026-03-14T10:07:00Z"));
    }

    @Test
    void serviceNowDisplayValuesMapLikeTheRawCodes() {
        Signal signal = only("servicenow", "reported_09_display_values");
        assertThat(signal.status()).isEqualTo(SignalStatus.IN_PROGRESS);
        assertThat(signal.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(signal.impact()).isEqualTo(Impact.HIGH);
        assertThat(signal.urgency()).isEqualTo(Urgency.HIGH);
        assertThat(signal.providerSeverity()).isEqualTo("1 - Critical");
        assertThat(signal.occurredAt()).as("the display date 14/03/2026 11:07:00, read day first").isEqualTo(Instant.parse("2026-03-14T11:07:00Z"));
        Signal raw = only("servicenow", "identity_1_raw_values");
        assertThat(raw.fingerprint()).isEqualTo(signal.fingerprint());
        assertThat(List.<Object> of(raw.status(), raw.severity(), raw.impact(), raw.urgency(), raw.occurredAt()))
                .isEqualTo(List.<Object> of(signal.status(), signal.severity(), signal.impact(), signal.urgency(), signal.occurredAt()));
    }

    @Test
    void aMovedJiraIssueStaysOneTicketWhoseKeyFollowsTheMove() {
        Signal before = only("jira", "reported_10_issue_moved_1_before");
        Signal after = only("jira", "reported_10_issue_moved_2_after");
        assertThat(after.fingerprint()).isEqualTo(before.fingerprint()).isEqualTo("jira:10042");
        assertThat(after.providerRef()).isEqualTo(before.providerRef()).isEqualTo("10042");
        assertThat(before.labels()).containsEntry("ticketKey", "OPS-12");
        assertThat(after.labels()).containsEntry("ticketKey", "SUP-7").containsEntry("previousKey", "OPS-12");
        assertThat(after.link()).isEqualTo("https://example-co.atlassian.net/browse/SUP-7");
        assertThat(after.key()).isEqualTo(before.key());
    }

    // ---- event type: what is said about a ticket is a note on that ticket, never its state

    @Test
    void eventsAboutAPagerDutyIncidentAreNotesOnIt() {
        for (String name : List.of("eventtype_responder_added", "eventtype_responder_replied", "eventtype_status_update_published",
                "eventtype_task_completed_early_access")) {
            Signal note = only("pagerduty", name);
            assertThat(note.kind()).as(name).isEqualTo(SignalKind.NOTE);
            assertThat(note.providerRef()).as(name).isEqualTo("Q2K7ZL4N8B1XYZ");
            assertThat(note.status()).as(name).isNull();
        }
        assertThat(only("pagerduty", "eventtype_responder_added").title()).isEqualTo("responder Payments SRE requested");
        assertThat(only("pagerduty", "eventtype_responder_replied").title()).isEqualTo("responder Payments SRE joined");
        assertThat(only("pagerduty", "eventtype_status_update_published").description())
                .isEqualTo("A fix for the checkout error rate is being rolled out");
    }

    @Test
    void aJiraCommentIsANoteOnItsIssueAndUpdatesTheTicketOnlyWithItsState() {
        Signal withoutState = only("jira", "eventtype_comment_updated_without_status");
        assertThat(withoutState.kind()).isEqualTo(SignalKind.NOTE);
        assertThat(withoutState.status()).isNull();
        assertThat(withoutState.title()).isEqualTo("comment edited");
        assertThat(withoutState.labels()).containsEntry("ticketKey", "SUP-7");
        for (String name : List.of("eventtype_comment_created_on_done_issue", "eventtype_issue_updated_issue_commented")) {
            List<Signal> signals = FixtureMapping.map(HARNESS, FixtureCase.of(FixtureCase.REPORTED, "jira", name)).signals();
            assertThat(signals).as(name).extracting(Signal::kind).containsExactly(SignalKind.TICKET, SignalKind.NOTE);
            assertThat(signals.get(1).key()).as("one ticket, one partition").isEqualTo(signals.get(0).key()).isEqualTo("jira:10042");
            assertThat(signals.get(1).labels()).containsEntry("ticketKey", "SUP-7");
        }
        Signal commented = FixtureMapping.map(HARNESS, FixtureCase.of(FixtureCase.REPORTED, "jira", "eventtype_issue_updated_issue_commented"))
                .signals().get(1);
        assertThat(commented.description()).as("the comment's ADF body as text").isEqualTo("Nightly run passed for every EU merchant.");
        assertThat(commented.author()).isEqualTo("Payments SRE");
        Signal note = only("cloudevents", "eventtype_ticket_comment_note");
        assertThat(note.kind()).isEqualTo(SignalKind.NOTE);
        assertThat(note.status()).as("a note's data never sets a status").isNull();
        assertThat(note.key()).isEqualTo(only("cloudevents", "identity_1_ticket_by_subject_opened").key());
    }

    // ---- identity: what tells two problems apart, and what keeps one problem one

    @Test
    void identitiesSeparateDifferentProblemsAndJoinOneProblemsStates() {
        assertSame("datadog", "identity_1_multi_alert_db07_triggered", "identity_3_multi_alert_db07_recovered");
        assertDifferent("datadog", "identity_1_multi_alert_db07_triggered", "identity_2_multi_alert_db08_triggered");
        assertSame("gcp", "identity_1_series_5xx_monitored_project", "identity_3_series_5xx_closed_new_incident_id");
        assertDifferent("gcp", "identity_1_series_5xx_monitored_project", "identity_2_series_4xx_same_resource");
        assertSame("aws", "eventbridge_identity_1_org_view_account_a", "eventbridge_identity_3_org_view_account_a_closed");
        assertDifferent("aws", "eventbridge_identity_1_org_view_account_a", "eventbridge_identity_2_org_view_account_b");
        assertSame("azure", "reported_02_prometheus_alert_labels", "facts_prometheus_resolved_same_alert");
        assertDifferent("azure", "reported_02_prometheus_alert_labels", "identity_prometheus_second_pod_second_alert");
        assertSame("jira", "identity_1_issue_created_in_ops", "identity_3_issue_deleted_after_move");
        assertSame("jira", "identity_1_issue_created_in_ops", "reported_10_issue_moved_2_after");
        assertSame("servicenow", "identity_1_raw_values", "identity_2_display_value_and_value");
        assertSame("cloudevents", "identity_1_ticket_by_subject_opened", "identity_2_ticket_by_subject_resolved");
        List<Signal> devices = FixtureMapping.map(HARNESS, FixtureCase.of(FixtureCase.REPORTED, "alertmanager",
                "identity_two_devices_one_host")).signals();
        assertThat(devices).extracting(Signal::fingerprint).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void theResolvedStatesResolveTheirOwnProblemOnly() {
        assertThat(only("datadog", "identity_3_multi_alert_db07_recovered").status()).isEqualTo(SignalStatus.RESOLVED);
        assertThat(only("gcp", "identity_3_series_5xx_closed_new_incident_id").status()).isEqualTo(SignalStatus.RESOLVED);
        assertThat(only("aws", "eventbridge_identity_3_org_view_account_a_closed").status()).isEqualTo(SignalStatus.RESOLVED);
        assertThat(only("azure", "facts_prometheus_resolved_same_alert").status()).isEqualTo(SignalStatus.RESOLVED);
        assertThat(only("jira", "identity_3_issue_deleted_after_move").status()).isEqualTo(SignalStatus.CANCELLED);
        assertThat(only("aws", "eventbridge_identity_1_org_view_account_a").resource().account()).isEqualTo("111111111111");
        assertThat(only("gcp", "identity_1_series_5xx_monitored_project").resource().account()).isEqualTo("payments-prod-4711");
    }

    // ---- where the facts are: settings an install makes

    @Test
    void serviceNowDisplayDatesFollowTheConfiguredFormatAndZone() {
        AdapterHarness berlin = new AdapterHarness(Map.of("siam.adapters.servicenow.display-time-zone", "Europe/Berlin",
                "siam.adapters.servicenow.display-date-format", "dd/MM/yyyy HH:mm:ss"));
        Signal signal = FixtureMapping.map(berlin, FixtureCase.of(FixtureCase.REPORTED, "servicenow", "reported_09_display_values"))
                .signals().get(0);
        assertThat(signal.occurredAt()).as("11:07 in Berlin (CET) on 14 March").isEqualTo(Instant.parse("2026-03-14T10:07:00Z"));
        Signal ambiguous = only("servicenow", "facts_display_values_ambiguous_dates");
        assertThat(ambiguous.occurredAt()).as("03/04/2026 reads as 3 April and 4 March: no guess").isNull();
        Signal monthFirst = FixtureMapping.map(new AdapterHarness(Map.of("siam.adapters.servicenow.display-date-format",
                "MM/dd/yyyy HH:mm:ss")), FixtureCase.of(FixtureCase.REPORTED, "servicenow", "facts_display_values_ambiguous_dates"))
                .signals().get(0);
        assertThat(monthFirst.occurredAt()).as("with the instance's format set, it is read").isEqualTo(Instant.parse("2026-03-04T09:15:00Z"));
    }

    @Test
    void aTicketsAssignmentNamesTheHubOwnerTheSyncsAssignmentMapsGiveIt() {
        AdapterHarness mapped = new AdapterHarness(Map.of(
                "siam.adapters.outbound.servicenow.assignment-groups.payments-sre", "payments operations",
                "siam.adapters.outbound.servicenow.assignment-groups.dba-oncall", "287ebd7da9fe198100f92cc8d1d2154e",
                "siam.adapters.outbound.jira.assignees.network-oncall", "5b10ac8d82e05b22cc7d4ef5"));
        Signal byName = FixtureMapping.map(mapped, FixtureCase.of(FixtureCase.REPORTED, "servicenow", "reported_09_display_values"))
                .signals().get(0);
        assertThat(byName.labels()).as("the group's display name, matched without case")
                .containsEntry("assignment", "Payments Operations").containsEntry("siamOwner", "payments-sre");
        Signal bySysId = FixtureMapping.map(mapped, FixtureCase.of(FixtureCase.REPORTED, "servicenow", "identity_1_raw_values"))
                .signals().get(0);
        assertThat(bySysId.labels()).containsEntry("assignment", "287ebd7da9fe198100f92cc8d1d2154e").containsEntry("siamOwner", "dba-oncall");
        Signal jira = FixtureMapping.map(mapped, FixtureCase.of(FixtureCase.REPORTED, "jira", "identity_1_issue_created_in_ops"))
                .signals().get(0);
        assertThat(jira.labels()).containsEntry("assignment", "5b10ac8d82e05b22cc7d4ef5").containsEntry("siamOwner", "network-oncall");
        assertThat(only("servicenow", "identity_1_raw_values").labels()).as("no map entry: no owner, the broker decides")
                .containsKey("assignment").doesNotContainKey("siamOwner");
    }

    @Test
    void ignoredDeliveriesAreCountedByReason() {
        AdapterHarness harness = new AdapterHarness();
        Normalized ping = FixtureMapping.map(harness, FixtureCase.of("pagerduty", "pagey_ping"));
        assertThat(ping.ignored()).isEqualTo(IgnoredEvent.Reason.TEST);
        assertThat(only("pagerduty", "eventtype_incident_reopened_is_the_incident").kind()).isEqualTo(SignalKind.TICKET);
    }

    private static Signal only(String provider, String name) {
        List<Signal> signals = FixtureMapping.map(HARNESS, FixtureCase.of(FixtureCase.REPORTED, provider, name)).signals();
        assertThat(signals).as("signals of %s/%s", provider, name).hasSize(1);
        return signals.get(0);
    }

    private static void assertSame(String provider, String first, String second) {
        Signal a = only(provider, first);
        Signal b = only(provider, second);
        assertThat(b.fingerprint()).as("%s and %s are one problem", first, second).isEqualTo(a.fingerprint());
        assertThat(b.key()).as("and one Kafka key").isEqualTo(a.key());
    }

    private static void assertDifferent(String provider, String first, String second) {
        assertThat(only(provider, second).fingerprint()).as("%s and %s are two problems", first, second)
                .isNotEqualTo(only(provider, first).fingerprint());
    }
}
