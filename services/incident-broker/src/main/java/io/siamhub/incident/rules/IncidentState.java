package io.siamhub.incident.rules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.siamhub.model.Impact;
import io.siamhub.model.Priority;
import io.siamhub.model.Urgency;
import io.siamhub.model.incident.IncidentStatus;

/**
 * An integrated incident as the rules see it: plain fields, no persistence. The rules change a copy
 * ({@link #copy()}) and the writers store the result; times are UTC instants.
 */
public final class IncidentState {

    public UUID id;
    /** {@code INC0000001}; null until the writer numbers a new incident. */
    public String number;
    public String title;
    public String description;
    public IncidentStatus status;
    public Impact impact;
    public Urgency urgency;
    public Priority priority;
    /** A person set the impact: it sticks. */
    public boolean impactOverridden;
    /** A person set the urgency: signals no longer raise it. */
    public boolean urgencyOverridden;
    public String service;
    public String configurationItem;
    public String owner;
    /** What new fingerprints correlate on: {@code ci:<id>}, {@code service:<id>}, {@code fingerprint:<fp>} or {@code manual:<id>}. */
    public String correlationKey;
    public boolean unmapped;
    public boolean maintenance;
    public boolean pagingHeld;
    public boolean providerResolved;
    /** A person acknowledged, started, held, assigned, commented on, linked or re-prioritised it (auto-resolve policy). */
    public boolean handledByPerson;
    public long signalCount;
    /** How many of its fingerprints are FIRING now; zero means every signal resolved. */
    public int firingSignals;
    /** The distinct fingerprints joined to it, in joining order. */
    public List<String> fingerprints = List.of();
    public Instant firstSeen;
    public Instant lastSeen;
    public Instant createdAt;
    public Instant acknowledgedAt;
    public Instant resolvedAt;
    public Instant closedAt;
    /** When a signal last joined, repeated or changed: the correlation window counts from here. */
    public Instant lastActivityAt;
    /** When every signal resolved: the time it resolves by itself, unless something cancels it. */
    public Instant autoResolveAt;
    /** Grows by one per committed change; the API's ETag. */
    public long version;

    /** A field-by-field copy (the fingerprint list is immutable, so it is shared). */
    public IncidentState copy() {
        IncidentState copy = new IncidentState();
        copy.id = id;
        copy.number = number;
        copy.title = title;
        copy.description = description;
        copy.status = status;
        copy.impact = impact;
        copy.urgency = urgency;
        copy.priority = priority;
        copy.impactOverridden = impactOverridden;
        copy.urgencyOverridden = urgencyOverridden;
        copy.service = service;
        copy.configurationItem = configurationItem;
        copy.owner = owner;
        copy.correlationKey = correlationKey;
        copy.unmapped = unmapped;
        copy.maintenance = maintenance;
        copy.pagingHeld = pagingHeld;
        copy.providerResolved = providerResolved;
        copy.handledByPerson = handledByPerson;
        copy.signalCount = signalCount;
        copy.firingSignals = firingSignals;
        copy.fingerprints = fingerprints;
        copy.firstSeen = firstSeen;
        copy.lastSeen = lastSeen;
        copy.createdAt = createdAt;
        copy.acknowledgedAt = acknowledgedAt;
        copy.resolvedAt = resolvedAt;
        copy.closedAt = closedAt;
        copy.lastActivityAt = lastActivityAt;
        copy.autoResolveAt = autoResolveAt;
        copy.version = version;
        return copy;
    }
}
