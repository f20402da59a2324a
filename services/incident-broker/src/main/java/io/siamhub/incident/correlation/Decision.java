package io.siamhub.incident.correlation;

import java.util.List;

import io.siamhub.incident.rules.FingerprintState;
import io.siamhub.incident.rules.IncidentState;
import io.siamhub.incident.rules.TicketState;
import io.siamhub.incident.rules.TimelineLine;
import io.siamhub.model.signal.Signal;

/**
 * What the rules decided for one signal, with everything a writer needs: the states it left behind
 * (copies taken right after this decision) and the timeline lines it wrote.
 *
 * @param kind            which rule applied
 * @param outcome         the {@code outcome} label of {@code siam_incident_signals_total} it counts under (null: not counted)
 * @param signal          the signal
 * @param incident        the incident after the decision, or null (IGNORE, a ticket no incident is linked to)
 * @param fingerprint     the fingerprint's row after the decision (ALERT signals not ignored), or null
 * @param newFingerprint  whether that row is new (a fingerprint joining or opening an incident)
 * @param ticket          the ticket after the decision (TICKET signals), or null (a NOTE changes no ticket)
 * @param newTicket       whether that row is new (first seen, or taking over the row a person linked by key)
 * @param retiredTicket   the id of the row it took over (linked by key before its first signal), or null
 * @param linkedChange    the change whose maintenance window the new incident opened in, or null
 * @param flappingStarted whether the fingerprint started flapping with this signal
 * @param lines           the timeline lines, quiet ones included, in order
 */
public record Decision(Kind kind, String outcome, Signal signal, IncidentState incident, FingerprintState fingerprint,
        boolean newFingerprint, TicketState ticket, boolean newTicket, String retiredTicket, String linkedChange,
        boolean flappingStarted, List<TimelineLine> lines) {

    public Decision {
        lines = List.copyOf(lines);
    }

    /** The rules, in the order they are tried for an alert (tickets and the rest after). */
    public enum Kind {
        /** Dedup: the fingerprint is on an open incident. */
        REPEAT,
        /** The fingerprint's incident resolved within the reopen window. */
        REOPEN,
        /** A flapping fingerprint of a resolved incident fired: it stays resolved. */
        HOLD_WHILE_FLAPPING,
        /** A new fingerprint joined an open incident of its CI or service. */
        JOIN,
        /** A new incident. */
        OPEN,
        /** A RESOLVED signal of a known fingerprint. */
        RESOLVE,
        /** A provider ticket's state. */
        TICKET_UPDATE,
        /** A note about a provider ticket: a line on its linked incident's timeline, nothing else. */
        NOTE,
        /** Nothing to do: a resolved signal nothing knows, or a maintenance notice (the change coordinator's). */
        IGNORE,
        /**
         * Not a rule's answer but its precondition: the fingerprint's flapping cleared because its signal
         * came after the quiet window; the signal's own decision follows (and may be on another incident).
         */
        FLAPPING_CLEARED
    }
}
