package io.siamhub.adapters.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The newest entry of a ServiceNow journal field, as a business rule or the Table API sends it (pure). */
class ServiceNowJournalTest {

    @Test
    void theEnteredTextAsIsHasNoAuthor() {
        assertThat(ServiceNowJournal.newest("  Customer confirms it.\nSecond line.  "))
                .isEqualTo(new ServiceNowJournal.Entry(null, "Customer confirms it.\nSecond line."));
    }

    @Test
    void aJournalEntryGivesItsAuthorAndTextWithoutTheOlderEntries() {
        String journal = "2026-11-24 10:04:31 - Dana Ops (Work notes)\nRolled back.\n\n2026-11-24 09:58:02 - Sam Lee (Work notes)\nLooking.\n\n";
        assertThat(ServiceNowJournal.newest(journal)).isEqualTo(new ServiceNowJournal.Entry("Dana Ops", "Rolled back."));
    }

    @Test
    void aHeaderInTheUsersDateFormatIsReadToo() {
        assertThat(ServiceNowJournal.newest("24/11/2026 11:04:31 - Dana Ops (Additional comments)\r\nWe are on it.\r\n"))
                .isEqualTo(new ServiceNowJournal.Entry("Dana Ops", "We are on it."));
    }

    @Test
    void aTextThatMerelyHasADashIsNotAHeader() {
        assertThat(ServiceNowJournal.newest("Step 1 - restart (done)\nStep 2 - watch"))
                .isEqualTo(new ServiceNowJournal.Entry(null, "Step 1 - restart (done)\nStep 2 - watch"));
    }

    @Test
    void nothingToNoteInAnEmptyFieldOrAHeaderAlone() {
        assertThat(ServiceNowJournal.newest(null)).isNull();
        assertThat(ServiceNowJournal.newest("  \n")).isNull();
        assertThat(ServiceNowJournal.newest("2026-11-24 10:04:31 - Dana Ops (Work notes)\n\n")).isNull();
    }
}
