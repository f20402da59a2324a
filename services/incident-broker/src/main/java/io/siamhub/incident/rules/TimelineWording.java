package io.siamhub.incident.rules;

import java.time.Duration;

import io.siamhub.incident.IncidentConfig;
import io.siamhub.model.Actor;
import io.siamhub.model.Urgency;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.IncidentLink;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.signal.Signal;

/**
 * Every timeline line the rules, the timers and people write, in one place: the actor (a rule by
 * name, such as {@code reopen.same-fingerprint}, a provider, or a person), what happened, and why, with
 * the setting that made the rule fire. Durations read like {@code 10m} or {@code 1h30m}
 * ({@link Durations}).
 */
public final class TimelineWording {

    // ---- signals: dedup, reopen, correlation, new incidents

    /** A known fingerprint repeated while firing: too small for the timeline. */
    public static TimelineNote repeated(Signal signal) {
        return TimelineNote.updated(Actor.provider(signal.provider()), "signal repeated", "fingerprint " + signal.fingerprint() + " repeated");
    }

    /** A resolved fingerprint of an open incident fires again. */
    public static TimelineNote firingAgain(Signal signal, boolean autoResolveCancelled) {
        return TimelineNote.updated(Actor.provider(signal.provider()), "signal firing again",
                "fingerprint " + signal.fingerprint() + " (" + signal.title() + ") fires again"
                        + (autoResolveCancelled ? "; the pending auto-resolve is cancelled" : ""));
    }

    public static TimelineNote reopened(Signal signal, Duration sinceResolved, Duration reopenWindow) {
        return new TimelineNote(Actor.system("reopen.same-fingerprint"), "reopened",
                "fingerprint " + signal.fingerprint() + " (" + signal.title() + ") fired again " + Durations.text(sinceResolved)
                        + " after the incident resolved, within the reopen window of " + Durations.text(reopenWindow),
                IncidentEventKind.REOPENED);
    }

    /** A flapping fingerprint that was firing repeated: too small for the timeline. */
    public static TimelineNote flappingRepeated(Signal signal) {
        return TimelineNote.updated(Actor.provider(signal.provider()), "signal repeated",
                "flapping fingerprint " + signal.fingerprint() + " repeated");
    }

    /** A flapping fingerprint of a resolved incident fired: the incident stays resolved. */
    public static TimelineNote flappingHeldReopen(Signal signal, String flappingRule) {
        return TimelineNote.updated(Actor.system("flapping.hold"), "flapping signal fired; not reopened",
                "fingerprint " + signal.fingerprint() + " is flapping (" + flappingRule + ")");
    }

    /**
     * A new fingerprint joined an open incident of its scope.
     *
     * @param rule  {@code correlation.same-ci} or {@code correlation.same-service}
     * @param scope {@code CI <id>} or {@code service <id>}
     * @param idle  how long before the signal the incident was last active
     */
    public static TimelineNote joined(Signal signal, String rule, String scope, Duration idle, Duration correlationWindow) {
        return TimelineNote.updated(Actor.system(rule), "signal joined",
                "fingerprint " + signal.fingerprint() + " (" + signal.title() + ") is on the same " + scope + "; the incident was last active "
                        + Durations.text(idle.isNegative() ? Duration.ZERO : idle) + " before, within the correlation window of "
                        + Durations.text(correlationWindow));
    }

    /**
     * A new incident for a signal nothing open took.
     *
     * @param where          where the catalog placed it, from {@link #placedOn}
     * @param correlationKey what it correlates on ({@code ci:<id>}, ...)
     */
    public static TimelineNote openedFor(Signal signal, String where, String correlationKey, Duration correlationWindow) {
        return new TimelineNote(Actor.system("correlation.new-incident"), "opened",
                "fingerprint " + signal.fingerprint() + " from " + signal.provider() + ": " + where + "; no open incident of "
                        + correlationKey + " active within " + Durations.text(correlationWindow),
                IncidentEventKind.OPENED);
    }

    /**
     * Where the catalog placed a signal, for {@link #openedFor}.
     *
     * @param rule how the match was made
     */
    public static String placedOn(boolean unmapped, String configurationItem, String service, String rule, String owner) {
        if (unmapped) {
            return "no catalog entry matches it; owned by the default group " + owner;
        }
        return configurationItem != null ? "CI " + configurationItem + " (" + rule + "), owner " + owner
                : "service " + service + " (" + rule + "), owner " + owner;
    }

    public static TimelineNote openedInMaintenance(MaintenanceWindow window, IncidentConfig.Maintenance.Policy policy) {
        return TimelineNote.updated(Actor.system("maintenance.window"), "opened in maintenance",
                "inside the approved window of change " + window.name() + " (" + window.startsAt() + " to "
                        + (window.endsAt() == null ? "open end" : window.endsAt()) + "); policy " + policy);
    }

    public static TimelineNote urgencyRaised(Signal signal, Urgency urgency) {
        return TimelineNote.updated(Actor.system("priority.severity"), "urgency raised",
                "fingerprint " + signal.fingerprint() + " is " + signal.severity() + " (urgency " + urgency + ")");
    }

    // ---- signals resolving, flapping

    /** A resolved fingerprint resolved again: too small for the timeline. */
    public static TimelineNote resolvedRepeated(Signal signal) {
        return TimelineNote.updated(Actor.provider(signal.provider()), "signal repeated",
                "resolved fingerprint " + signal.fingerprint() + " repeated");
    }

    /** A fingerprint of an incident no longer open resolved: too small for the timeline. */
    public static TimelineNote resolvedAfterIncident(Signal signal) {
        return TimelineNote.updated(Actor.provider(signal.provider()), "signal resolved", "fingerprint " + signal.fingerprint() + " resolved");
    }

    public static TimelineNote signalResolved(Signal signal, int stillFiring) {
        return TimelineNote.updated(Actor.provider(signal.provider()), "signal resolved",
                "fingerprint " + signal.fingerprint() + " (" + signal.title() + ") resolved; " + stillFiring + " still firing");
    }

    public static TimelineNote flappingDetected(String fingerprint, int changes, String flappingRule) {
        return TimelineNote.updated(Actor.system("flapping.detected"), "signal flapping",
                "fingerprint " + fingerprint + " changed " + changes + " times (" + flappingRule
                        + "); its changes no longer reopen or resolve the incident");
    }

    /** Flapping cleared when the fingerprint's next signal came after the quiet window. */
    public static TimelineNote flappingClearedBySignal(String fingerprint) {
        return TimelineNote.updated(Actor.system("flapping.cleared"), "signal no longer flapping",
                "fingerprint " + fingerprint + " was quiet for the flapping quiet window");
    }

    /** Flapping cleared by the timer. */
    public static TimelineNote flappingCleared(String fingerprint, Duration quietWindow) {
        return TimelineNote.updated(Actor.system("flapping.cleared"), "signal no longer flapping",
                "fingerprint " + fingerprint + " had no change for " + Durations.text(quietWindow));
    }

    public static TimelineNote reopenedAfterFlapping(String fingerprint) {
        return new TimelineNote(Actor.system("reopen.after-flapping"), "reopened",
                "fingerprint " + fingerprint + " kept firing after its flapping cleared", IncidentEventKind.REOPENED);
    }

    // ---- auto-resolve

    public static TimelineNote allResolvedWhileFlapping(String fingerprint, String flappingRule) {
        return TimelineNote.updated(Actor.system("flapping.hold"), "every signal resolved; not resolving",
                "fingerprint " + fingerprint + " is flapping (" + flappingRule + ")");
    }

    public static TimelineNote allResolvedNever() {
        return TimelineNote.updated(Actor.system("auto-resolve"), "every signal resolved", "auto-resolve is NEVER: a person resolves it");
    }

    public static TimelineNote allResolvedHandled() {
        return TimelineNote.updated(Actor.system("auto-resolve"), "every signal resolved",
                "a person is handling it and auto-resolve is UNLESS_HANDLED: it stays open");
    }

    public static TimelineNote autoResolveScheduled(Duration quietPeriod, IncidentConfig.AutoResolve policy) {
        return TimelineNote.updated(Actor.system("auto-resolve"), "auto-resolve scheduled",
                "every signal resolved; it resolves after the quiet period of " + Durations.text(quietPeriod) + " unless a signal fires again"
                        + (policy == IncidentConfig.AutoResolve.UNLESS_HANDLED ? " or a person acts on it" : ""));
    }

    public static TimelineNote autoResolved(Duration quietPeriod) {
        return new TimelineNote(Actor.system("auto-resolve"), "resolved",
                "every signal stayed resolved for the quiet period of " + Durations.text(quietPeriod), IncidentEventKind.RESOLVED);
    }

    // ---- provider tickets

    /** The provider moved its ticket (a Jira issue to another project): same id, new key. */
    public static TimelineNote ticketMoved(Signal signal, String system, String keyBefore, String keyNow) {
        return TimelineNote.updated(Actor.provider(signal.provider()), "ticket " + system + ":" + keyNow,
                "the provider's ticket " + system + ":" + keyBefore + " is now " + system + ":" + keyNow + " (the same " + system + " id "
                        + signal.providerRef() + ")");
    }

    /**
     * A note the provider carried about a linked ticket (a PagerDuty note, responder request or status
     * update, a Jira comment): what happened on which ticket, then who wrote what.
     */
    public static TimelineNote providerNote(Signal signal, String ticketName) {
        String text = signal.description() == null || signal.description().isBlank() ? null : signal.description().strip();
        String who = signal.author() == null || signal.author().isBlank() ? null : signal.author().strip();
        String why = who == null ? text : text == null ? "by " + who : who + ": " + text;
        return TimelineNote.updated(Actor.provider(signal.provider()), (signal.title() == null ? "note" : signal.title()) + " on " + ticketName,
                why);
    }

    public static TimelineNote ticketState(Signal signal, String ticketName) {
        return TimelineNote.updated(Actor.provider(signal.provider()), "ticket " + ticketName + " is " + signal.status(),
                "provider state " + (signal.providerStatus() == null ? signal.status() : "'" + signal.providerStatus() + "'"));
    }

    /** A linked ticket's change to a field the other side owns (field ownership): recorded, not applied. */
    public static TimelineNote conflict(Signal signal, String ticketName, String field, String theirs, String ours, String why) {
        return TimelineNote.updated(Actor.provider(signal.provider()), "conflict on " + field + " with ticket " + ticketName,
                theirs + "; " + ours + " (" + why + ")");
    }

    public static TimelineNote reopenedByTicket(Signal signal, String ticketName) {
        return new TimelineNote(Actor.provider(signal.provider()), "reopened",
                "the provider reopened ticket " + ticketName + ", and tickets.ownership.status is PROVIDER", IncidentEventKind.REOPENED);
    }

    public static TimelineNote priorityFromTicket(Signal signal, String ticketName, String theirs) {
        return TimelineNote.updated(Actor.provider(signal.provider()), "priority from ticket " + ticketName,
                theirs + ", and tickets.ownership.priority is PROVIDER");
    }

    /** A linked ticket's assignment moved the incident's owner ({@code tickets.ownership.assignment=PROVIDER}). */
    public static TimelineNote ownerFromTicket(Signal signal, String ticketName, String theirs, String from) {
        return TimelineNote.updated(Actor.provider(signal.provider()), "owner from ticket " + ticketName,
                theirs + ", and tickets.ownership.assignment is PROVIDER (owner was " + from + ")");
    }

    /** A ticket the hub's sync created for the incident (the signal's {@code siamIncident} label) is linked. */
    public static TimelineNote linkedBySync(Signal signal, String ticketName) {
        return TimelineNote.updated(Actor.provider(signal.provider()), "linked ticket " + ticketName,
                "the ticket was made for this incident (" + signal.provider() + " correlation)");
    }

        public static TimelineNote resolvedByTicket(Signal signal, String ticketName) {
        return new TimelineNote(Actor.provider(signal.provider()), "resolved",
                "the provider resolved ticket " + ticketName + ", and tickets.on-provider-resolved is RESOLVE", IncidentEventKind.RESOLVED);
    }

    // ---- changes

    /**
     * The change coordinator listed the incident on a change: "change CHG0000003 lists this incident as
     * SUSPECTED_CAUSE: opened on payments-db while it was in progress".
     *
     * @param link the change's link to this incident (its relation and reason), or null when it has none
     */
    public static TimelineNote listedByChange(ChangeRequest change, IncidentLink link) {
        String why = "change " + (change.number() != null ? change.number() : change.id()) + " lists this incident";
        if (link != null && link.relation() != null) {
            why += " as " + link.relation();
        }
        if (link != null && link.reason() != null) {
            why += ": " + link.reason();
        }
        return TimelineNote.updated(Actor.system("change-coordinator"), "linked to change", why);
    }

    // ---- the catalog

    /**
     * The catalog learned an entry that places an unmapped incident's signal.
     *
     * @param because what changed in the catalog ({@code "configuration item payments-api was put by alice"})
     */
    public static TimelineNote placedByCatalog(String fingerprint, String configurationItem, String service, String rule, String because) {
        String where = configurationItem != null ? "CI " + configurationItem + " (" + rule + ")" : "service " + service + " (" + rule + ")";
        return TimelineNote.updated(Actor.system("catalog.place-unmapped"), "placed",
                "the catalog now places fingerprint " + fingerprint + " on " + where + " after " + because);
    }

    // ---- people

    public static TimelineNote openedByHand(String user) {
        return new TimelineNote(Actor.user(user), "opened", "opened by hand", IncidentEventKind.OPENED);
    }

    /** A status change; {@code reason} is the person's, or null. */
    public static TimelineNote acted(String user, IncidentAction action, String reason) {
        return new TimelineNote(Actor.user(user), action.wireName(), reason, action.kind());
    }

    public static TimelineNote assigned(String user, String owner, String reason) {
        return TimelineNote.updated(Actor.user(user), "assigned", reason != null ? reason : "assigned to " + owner);
    }

    public static TimelineNote commented(String user, String text) {
        return TimelineNote.updated(Actor.user(user), "comment", text);
    }

    public static TimelineNote prioritized(String user, String reason) {
        return TimelineNote.updated(Actor.user(user), "priority changed", reason != null ? reason : "set by hand");
    }

    public static TimelineNote linkedChange(String user, String changeId, String reason) {
        return TimelineNote.updated(Actor.user(user), "linked to change", reason != null ? reason : "change " + changeId);
    }

    /** @param providerStatus the ticket's provider state when its signals came first, else null */
    /** @param linkedAs the id the person named when it was a key the ticket had before a move, else null */
    public static TimelineNote linkedTicket(String user, String ticketId, String linkedAs, String reason, boolean known, String providerStatus) {
        return TimelineNote.updated(Actor.user(user), "linked ticket " + ticketId + (linkedAs == null ? "" : " (by its former key " + linkedAs + ")"),
                reason != null ? reason : known ? "provider state " + providerStatus : "ticket " + ticketId);
    }

    private TimelineWording() {
    }
}
