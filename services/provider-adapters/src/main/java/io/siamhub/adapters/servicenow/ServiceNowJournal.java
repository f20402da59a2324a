package io.siamhub.adapters.servicenow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a journal field ({@code comments}: "Additional comments", customer-visible; {@code work_notes}:
 * internal) as a business rule or the Table API sends it. A rule that sends {@code current.comments} when it
 * changed sends the entered text as is; {@code current.comments.getJournalEntry(1)} and a record read with
 * display values ({@code sysparm_display_value=true}) send the entry with ServiceNow's journal header
 * ({@code 2026-11-30 10:15:00 - Dana Ops (Additional comments)}, then the text), the newest entry first. The
 * newest entry is what is read: its author from the header when there is one, its text without the header and
 * without the older entries after it. The header's date is in the sending user's format: it is matched loosely
 * (a token with digits, a time {@code hh:mm[:ss][ AM|PM]}, {@code " - "}, a name, a parenthesised field label at the
 * end of the line).
 * See https://www.servicenow.com/docs/bundle/xanadu-api-reference/page/app-store/dev_portal/API_reference/GlideElement/concept/c_GlideElementAPI.html
 * ({@code getJournalEntry}).
 */
public final class ServiceNowJournal {

    /** A journal entry's header line: {@code <date> - <user> (<field label>)}. */
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*(\\S*\\d\\S*\\s+\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[AaPp][Mm])?) - (.+?) \\(([^()]+)\\)\\s*$");

    /**
     * The newest entry of a journal field's text.
     *
     * @param author the user named by the entry's header, or null when the text has no header
     * @param text   the entry's text (never blank)
     */
    public record Entry(String author, String text) {
    }

    private ServiceNowJournal() {
    }

    /** The newest entry of {@code journal}, or null when it holds no text (absent, blank, a header alone). */
    public static Entry newest(String journal) {
        if (journal == null || journal.isBlank()) {
            return null;
        }
        String[] lines = journal.replace("\r\n", "\n").split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        Matcher header = HEADER.matcher(lines[first]);
        String author = null;
        int from = first;
        if (header.matches()) {
            author = header.group(2).strip();
            from = first + 1;
        }
        StringBuilder text = new StringBuilder();
        for (int i = from; i < lines.length; i++) {
            if (author != null && HEADER.matcher(lines[i]).matches()) {
                break; // an older entry starts
            }
            text.append(lines[i]).append('\n');
        }
        String entry = text.toString().strip();
        return entry.isEmpty() ? null : new Entry(author, entry);
    }
}
