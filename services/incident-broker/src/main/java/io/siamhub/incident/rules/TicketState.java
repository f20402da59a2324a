package io.siamhub.incident.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.siamhub.model.incident.ExternalTicket;
import io.siamhub.model.signal.SignalStatus;

/**
 * A provider's ticket (ServiceNow, Jira, PagerDuty, ...) as the rules see it. Its id is
 * {@code <system>:<the provider's immutable id>} (a signal's {@code providerRef}); its key is the one
 * people use (the signal's {@code ticketKey} label, else the same id), which changes when a Jira issue
 * moves to another project.
 */
public final class TicketState {

    /** The signal label that carries the key people use, when the provider's id is another. */
    public static final String KEY_LABEL = "ticketKey";
    /** The signal label that carries the key a move replaced (Jira's changelog), when the signal says so. */
    public static final String PREVIOUS_KEY_LABEL = "previousKey";

    /**
     * The signal label naming the incident (its id) a ticket was made for: provider-adapters' sync
     * sets it on the ticket it created in ServiceNow or Jira (and the ServiceNow adapter from the
     * record's {@code correlation_id}). An unlinked ticket is linked to that incident.
     */
    public static final String INCIDENT_LABEL = "siamIncident";

    /**
     * The signal label carrying a ticket's assignment as the ticket system shows it: a ServiceNow
     * {@code assignment_group} (display name, else sys_id), a Jira assignee's {@code accountId}.
     */
    public static final String ASSIGNMENT_LABEL = "assignment";

    /** The signal label naming the hub owner that assignment stands for, when provider-adapters' maps say (absent: unknown). */
    public static final String OWNER_LABEL = "siamOwner";

    /** The incident id a signal's {@link #INCIDENT_LABEL} names, or null (absent, not a UUID). */
    public static UUID labelledIncident(java.util.Map<String, String> labels) {
        String value = labels == null ? null : labels.get(INCIDENT_LABEL);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String id;
    public String system;
    public String key;
    /** The keys it had before (oldest first), never the current one: a person may still link it by them. */
    public List<String> previousKeys = List.of();
    public String url;
    /** The provider's status, verbatim. */
    public String providerStatus;
    public SignalStatus status;
    /** The incident a person linked it to, or null while it waits. */
    public UUID incidentId;
    public Instant updatedAt;
    /**
     * The conflict (field ownership) this ticket last raised per incident field ({@code priority}: the difference as
     * text), while it stands: the same difference on a later signal writes no second timeline line; a field whose
     * difference is gone is removed, so a later one is written again. Never null.
     */
    public java.util.Map<String, String> conflicts = java.util.Map.of();
    /**
     * The assignment ({@link #ASSIGNMENT_LABEL}) the ticket had when its signal was last judged against the incident it is
     * linked to, or null: a difference is judged (applied or a conflict line) once, not again on every later signal.
     */
    public String assignment;

    public static String id(String system, String key) {
        return system + ":" + key;
    }

    /** Notes that the ticket was known as {@code key} (a key a move replaced): kept unless it is the current one. */
    public void keyUsed(String key) {
        List<String> keys = new ArrayList<>(previousKeys);
        if (key != null && !key.isBlank() && !keys.contains(key)) {
            keys.add(key);
        }
        keys.remove(this.key);
        previousKeys = List.copyOf(keys);
    }

    /**
     * Records {@code difference} as the standing conflict on {@code field}; answers false when it was already the
     * standing one (nothing new to write). A null {@code difference} ends the field's conflict.
     */
    public boolean conflict(String field, String difference) {
        if (java.util.Objects.equals(conflicts.get(field), difference)) {
            return false;
        }
        java.util.Map<String, String> now = new java.util.TreeMap<>(conflicts);
        if (difference == null) {
            now.remove(field);
        } else {
            now.put(field, difference);
        }
        conflicts = java.util.Map.copyOf(now);
        return difference != null;
    }

    /** How an incident shows it: system, key, link, and the provider's state (verbatim when known). */
    public ExternalTicket toModel() {
        return new ExternalTicket(system, key, url, providerStatus != null ? providerStatus : status == null ? null : status.name());
    }

    public TicketState copy() {
        TicketState copy = new TicketState();
        copy.id = id;
        copy.system = system;
        copy.key = key;
        copy.previousKeys = previousKeys;
        copy.url = url;
        copy.providerStatus = providerStatus;
        copy.status = status;
        copy.incidentId = incidentId;
        copy.updatedAt = updatedAt;
        copy.conflicts = conflicts;
        copy.assignment = assignment;
        return copy;
    }
}
