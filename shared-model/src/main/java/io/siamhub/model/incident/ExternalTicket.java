package io.siamhub.model.incident;

/**
 * A provider's own ticket linked to an integrated incident.
 *
 * @param system servicenow, jira, pagerduty, ...
 * @param key    the ticket's key in that system (INC0010001, OPS-42, Q1ABCD)
 * @param url    where a person opens it
 * @param status the provider's last known state, verbatim
 */
public record ExternalTicket(String system, String key, String url, String status) {
}
