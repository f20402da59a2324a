package io.siamhub.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.siamhub.adapters.core.HttpHeaders;
import io.siamhub.adapters.core.IgnoredEvent;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.Normalized;
import io.siamhub.adapters.core.NormalizedSignals;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.model.signal.InboundOffset;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;

/**
 * NOTE signals from payloads real senders produce at the edges: empty, huge or odd notes, notes that name no
 * ticket, the hub's own comments coming back, rich Jira comment bodies, CloudEvents notes without data or in the
 * hub's own signal types. Pure: the adapters as the service builds them, through {@link Normalized#by} (what the
 * normalizer runs), no Quarkus.
 */
class NoteEdgeCasesTest {

    private static final String HUB_ACCOUNT = "5f0c-siam-hub-integration";

    private final AdapterHarness harness = new AdapterHarness(Map.of("siam.adapters.jira.integration-users", HUB_ACCOUNT));

    // --- PagerDuty ---

    @Test
    void aPagerDutyNoteWithAnEmptyOrNonStringContentIsANoteWithoutText() {
        Signal empty = single(map("pagerduty", pagerDutyNote("\"\"")));
        assertThat(empty.kind()).isEqualTo(SignalKind.NOTE);
        assertThat(empty.providerRef()).isEqualTo("Q2K7ZL4N8B1XYZ");
        assertThat(empty.description()).isNull();
        assertThat(empty.status()).isNull();

        assertThat(single(map("pagerduty", pagerDutyNote("42"))).description()).isEqualTo("42");
        assertThat(single(map("pagerduty", pagerDutyNote("{\"text\": \"x\"}"))).description()).as("an object is no text").isNull();
    }

    @Test
    void aHugeNoteIsKeptBoundedWithAMarkerSayingHowLongItWas() {
        String huge = "rolled back. ".repeat(40_000);
        Signal note = single(map("pagerduty", pagerDutyNote("\"" + huge + "\"")));
        assertThat(note.description()).hasSizeLessThan(NormalizedSignals.DESCRIPTION_MAX + 60)
                .startsWith("rolled back. rolled back.").endsWith("… [truncated: " + huge.length() + " characters]");
    }

    @Test
    void controlCharactersAreRemovedFromANoteButLineBreaksStay() {
        Signal note = single(map("pagerduty", pagerDutyNote("\"step 1\\u0000 done\\u0007\\nstep 2\\tdone\\u001b[31m\"")));
        // PostgreSQL refuses a NUL in text: it must never reach the incident broker's timeline
        assertThat(note.description()).isEqualTo("step 1 done\nstep 2\tdone[31m");
    }

    @Test
    void aPagerDutyEventAboutAnIncidentThatNamesNoneIsAMissingFieldNeverTheIncidentItself() {
        String noIncident = pagerDutyNote("\"rolled back\"").replace("""
                "incident": {"html_url": "https://acme.pagerduty.com/incidents/Q2K7ZL4N8B1XYZ", "id": "Q2K7ZL4N8B1XYZ",
                 "self": "https://api.pagerduty.com/incidents/Q2K7ZL4N8B1XYZ", "summary": "Disk full", "type": "incident_reference"},""",
                "");
        assertThat(noIncident).doesNotContain("Q2K7ZL4N8B1XYZ");
        assertThatThrownBy(() -> map("pagerduty", noIncident)).isInstanceOf(MappingFailure.class)
                .hasMessageContaining("event.data.incident.id").hasMessageContaining("incident.annotated");

        // an older or trimmed payload without data.type: the note's id must not become a ticket (it would be OPEN)
        String untyped = pagerDutyNote("\"rolled back\"").replace("\"type\": \"incident_note\",", "");
        Signal note = single(map("pagerduty", untyped));
        assertThat(note.kind()).isEqualTo(SignalKind.NOTE);
        String untypedNoIncident = noIncident.replace("\"type\": \"incident_note\",", "");
        assertThatThrownBy(() -> map("pagerduty", untypedNoIncident)).isInstanceOf(MappingFailure.class)
                .hasMessageContaining("event.data.incident.id");
    }

    @Test
    void aResponderEventWithoutAnIncidentIdIsAMissingField() {
        String responder = """
                {"event": {"id": "01DW6", "event_type": "incident.responder.added", "resource_type": "incident",
                 "occurred_at": "2026-11-30T10:00:00Z", "agent": {"summary": "Dana Ops", "type": "user_reference"},
                 "data": {"type": "incident_responder", "user": {"summary": "Payments SRE"}, "message": "please join",
                  "incident": {"type": "incident_reference"}}}}""";
        assertThatThrownBy(() -> map("pagerduty", responder)).isInstanceOf(MappingFailure.class)
                .hasMessageContaining("event.data.incident.id");
    }

    // --- Jira ---

    @Test
    void aCommentTheHubsOwnIntegrationAccountWroteIsItsEchoNotANote() {
        // comment_* webhooks carry no top-level user: the comment's author is who acted
        Normalized echo = map("jira", jiraComment("comment_created", HUB_ACCOUNT, "\"siam-hub: priority P2 -> P1\"", ""));
        assertThat(echo.signals()).isEmpty();
        assertThat(echo.ignored()).isEqualTo(IgnoredEvent.Reason.ECHO);

        // an edit is the editor's: a person editing the hub's comment is a note, the hub editing a person's is its echo
        String personEdits = jiraComment("comment_updated", HUB_ACCOUNT, "\"fixed typo\"", "")
                .replace("\"updateAuthor\": {\"accountId\": \"" + HUB_ACCOUNT + "\"", "\"updateAuthor\": {\"accountId\": \"557058:dana\"");
        assertThat(single(map("jira", personEdits)).kind()).isEqualTo(SignalKind.NOTE);

        Normalized person = map("jira", jiraComment("comment_created", "557058:dana", "\"rolled back\"", ""));
        assertThat(single(person).author()).isEqualTo("Dana Ops");
    }

    @Test
    void anAdfCommentIsReadAsTextWithMentionsCodeAndLinesKept() {
        String adf = """
                {"type": "doc", "version": 1, "content": [
                  {"type": "paragraph", "content": [
                    {"type": "mention", "attrs": {"id": "557058:sam", "text": "@Sam Lee"}},
                    {"type": "text", "text": " rolled "},
                    {"type": "text", "text": "back", "marks": [{"type": "strong"}]},
                    {"type": "text", "text": " the release"},
                    {"type": "emoji", "attrs": {"shortName": ":white_check_mark:", "text": "✅"}},
                    {"type": "hardBreak"},
                    {"type": "text", "text": "see "},
                    {"type": "inlineCard", "attrs": {"url": "https://status.example.com/i/42"}}]},
                  {"type": "codeBlock", "attrs": {"language": "bash"}, "content": [
                    {"type": "text", "text": "kubectl rollout undo deploy/payments\\nkubectl get pods"}]},
                  {"type": "bulletList", "content": [
                    {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "first"}]}]},
                    {"type": "listItem", "content": [{"type": "paragraph", "content": [
                      {"type": "text", "text": "second, nested:"}]},
                      {"type": "bulletList", "content": [{"type": "listItem", "content": [
                        {"type": "paragraph", "content": [{"type": "text", "text": "deep"}]}]}]}]}]},
                  {"type": "mention", "attrs": {"id": "557058:kim"}}]}""";
        Signal note = single(map("jira", jiraComment("comment_created", "557058:dana", adf, "")));
        assertThat(note.description()).isEqualTo("""
                @Sam Lee rolled back the release✅
                see https://status.example.com/i/42
                kubectl rollout undo deploy/payments
                kubectl get pods
                first
                second, nested:
                deep
                @557058:kim""");
    }

    @Test
    void aCommentWithoutABodyIsANoteWithoutTextAndADeletedOneChangesNothing() {
        Signal bodiless = single(map("jira", jiraComment("comment_created", "557058:dana", "null", "")));
        assertThat(bodiless.kind()).isEqualTo(SignalKind.NOTE);
        assertThat(bodiless.description()).isNull();
        assertThat(bodiless.author()).isEqualTo("Dana Ops");

        Normalized deleted = map("jira", jiraComment("comment_deleted", "557058:dana", "\"rolled back\"", ""));
        assertThat(deleted.signals()).isEmpty();
        assertThat(deleted.ignored()).isEqualTo(IgnoredEvent.Reason.ANNOTATION);
    }

    @Test
    void aCommentOnAnIssueThatMovedIsANoteForTheIssueIdWithItsKeyNow() {
        Signal note = single(map("jira", jiraComment("comment_created", "557058:dana", "\"moved here\"", "")
                .replace("\"key\": \"SUP-7\"", "\"key\": \"OPS-31\"")));
        assertThat(note.providerRef()).as("the id stays across a move").isEqualTo("10042");
        assertThat(note.labels()).containsEntry("ticketKey", "OPS-31");
    }

    // --- CloudEvents ---

    @Test
    void aCloudEventsNoteWithoutDataOrWithTextDataIsANoteForItsSubject() {
        Signal bare = single(map("cloudevents", cloudEvent("com.example.ticket.comment.added", "\"subject\": \"TCK-9\"", null)));
        assertThat(bare.kind()).isEqualTo(SignalKind.NOTE);
        assertThat(bare.providerRef()).isEqualTo("TCK-9");
        assertThat(bare.status()).isNull();

        Signal text = single(map("cloudevents", cloudEvent("com.example.ticket.comment.added", "\"subject\": \"TCK-9\"",
                "\"rolled back the release\"")));
        assertThat(text.description()).isEqualTo("rolled back the release");

        assertThatThrownBy(() -> map("cloudevents", cloudEvent("com.example.ticket.comment.added", "\"data_base64\": \"AAEC\"", null)))
                .isInstanceOf(MappingFailure.class).hasMessageContaining("data_base64");
        assertThatThrownBy(() -> map("cloudevents", cloudEvent("com.example.ticket.comment.added", "\"subject\": \"TCK-9\"", "[1, 2]")))
                .isInstanceOf(MappingFailure.class).hasMessageContaining("array");
    }

    @Test
    void theHubsOwnSignalTypesAreSignalsNotAnotherHubsIncidentFeed() {
        Signal note = single(map("cloudevents", cloudEvent("io.siamhub.signal.note.v1", "\"subject\": \"TCK-9\"", """
                {"description": "rolled back", "author": "Dana Ops", "status": "RESOLVED", "severity": "CRITICAL"}""")));
        assertThat(note.kind()).isEqualTo(SignalKind.NOTE);
        assertThat(note.providerRef()).isEqualTo("TCK-9");
        assertThat(note.author()).isEqualTo("Dana Ops");
        assertThat(note.status()).as("a note has no state: dropped, as the README says").isNull();
        assertThat(note.severity()).isNull();

        assertThat(single(map("cloudevents", cloudEvent("io.siamhub.signal.ticket.v1", "\"subject\": \"TCK-9\"", "{}"))).kind())
                .isEqualTo(SignalKind.TICKET);
        Normalized change = map("cloudevents", cloudEvent("io.siamhub.change.updated.v1", "\"subject\": \"c-1\"", "{}"));
        assertThat(change.ignored()).isEqualTo(IgnoredEvent.Reason.OTHER_RESOURCE);
        assertThat(change.detail()).contains("io.siamhub.incident.* only");
    }

    // --- helpers ---

    private Normalized map(String provider, String body) {
        RawWebhook webhook = new RawWebhook("ce-note-edge", provider, provider, FixtureCase.RECEIVED_AT, null,
                HttpHeaders.of(Map.of("content-type", provider.equals("cloudevents") ? "application/cloudevents+json" : "application/json")
                        .entrySet()), HttpHeaders.EMPTY, body.getBytes(StandardCharsets.UTF_8), new InboundOffset(0, 1));
        return Normalized.by(harness.adapter(provider), webhook, false);
    }

    private static Signal single(Normalized normalized) {
        assertThat(normalized.ignored()).as(normalized.detail()).isNull();
        List<Signal> signals = normalized.signals();
        assertThat(signals).hasSize(1);
        return signals.get(0);
    }

    private static String pagerDutyNote(String content) {
        return """
                {"event": {"id": "01DW6QW", "event_type": "incident.annotated", "resource_type": "incident",
                 "occurred_at": "2026-11-30T10:00:00Z", "agent": {"summary": "Dana Ops", "type": "user_reference"},
                 "data": {"type": "incident_note", "id": "PNOTE42",
                "incident": {"html_url": "https://acme.pagerduty.com/incidents/Q2K7ZL4N8B1XYZ", "id": "Q2K7ZL4N8B1XYZ",
                 "self": "https://api.pagerduty.com/incidents/Q2K7ZL4N8B1XYZ", "summary": "Disk full", "type": "incident_reference"},
                  "content": %s}}}""".formatted(content);
    }

    private static String jiraComment(String event, String accountId, String body, String unused) {
        return """
                {"timestamp": 1773489600000, "webhookEvent": "%s",
                 "comment": {"id": "20311", "body": %s,
                  "author": {"accountId": "%s", "displayName": "Dana Ops"},
                  "updateAuthor": {"accountId": "%s", "displayName": "Dana Ops"},
                  "created": "2026-03-14T12:00:00.000+0000", "updated": "2026-03-14T12:00:00.000+0000"},
                 "issue": {"id": "10042", "self": "https://example-co.atlassian.net/rest/api/2/issue/10042", "key": "SUP-7",
                  "fields": {"summary": "Nightly export fails"}}}""".formatted(event, body, accountId, accountId);
    }

    private static String cloudEvent(String type, String extra, String data) {
        return """
                {"specversion": "1.0", "id": "ev-1", "source": "/tickets", "type": "%s", %s%s}"""
                .formatted(type, extra, data == null ? "" : ", \"data\": " + data);
    }
}
