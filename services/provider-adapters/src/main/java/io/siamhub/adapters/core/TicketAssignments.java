package io.siamhub.adapters.core;

import java.util.Locale;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * The two-way sync's assignment maps ({@code siam.adapters.outbound.servicenow.assignment-groups},
 * {@code siam.adapters.outbound.jira.assignees}: hub owner → the tool's group or account), read here so the inbound
 * adapters can say which hub owner a ticket's assignment stands for (the signal label {@code siamOwner}) without a
 * second map to keep in step. The broker decides what that means ({@code siam.incident.tickets.ownership.assignment}).
 */
@ConfigMapping(prefix = "siam.adapters.outbound")
public interface TicketAssignments {

    /** The label carrying a ticket's assignment as the tool shows it. */
    String ASSIGNMENT_LABEL = "assignment";
    /** The label naming the hub owner that assignment stands for, when a map says. */
    String OWNER_LABEL = "siamOwner";

    ServiceNow servicenow();

    Jira jira();

    /** {@code siam.adapters.outbound.servicenow.*}. */
    interface ServiceNow {
        /** Hub owner → {@code assignment_group} (its sys_id or name). */
        Map<String, String> assignmentGroups();
    }

    /** {@code siam.adapters.outbound.jira.*}. */
    interface Jira {
        /** Hub owner → assignee {@code accountId}. */
        Map<String, String> assignees();
    }

    /**
     * The hub owner whose map entry is one of {@code values} (compared without case: a group's sys_id or name as the
     * tool sent it), or null. Several owners mapped to one group: the first in name order, so the answer is stable.
     */
    static String owner(Map<String, String> byOwner, String... values) {
        return byOwner.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(entry -> matches(entry.getValue(), values)).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static boolean matches(String mapped, String... values) {
        for (String value : values) {
            if (value != null && mapped != null && mapped.strip().toLowerCase(Locale.ROOT).equals(value.strip().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
