package io.siamhub.incident.rules;

import java.time.Instant;
import java.util.UUID;

import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.SignalStatus;

/** One alert fingerprint on one incident, as the rules see it: its state, repeat count and flapping history. */
public final class FingerprintState {

    public UUID id;
    public UUID incidentId;
    public String fingerprint;
    public String provider;
    public String providerRef;
    public String title;
    /** FIRING or RESOLVED. */
    public SignalStatus status;
    public Severity severity;
    public Instant firstSeen;
    public Instant lastSeen;
    public long count;
    /** The rule that put it on the incident ({@code correlation.new-incident}, {@code correlation.same-ci}, ...). */
    public String joinedBy;
    /** Epoch millis of its recent FIRING/RESOLVED changes, comma separated, oldest first. */
    public String transitions = "";
    public boolean flapping;
    public Instant lastTransitionAt;

    public FingerprintState copy() {
        FingerprintState copy = new FingerprintState();
        copy.id = id;
        copy.incidentId = incidentId;
        copy.fingerprint = fingerprint;
        copy.provider = provider;
        copy.providerRef = providerRef;
        copy.title = title;
        copy.status = status;
        copy.severity = severity;
        copy.firstSeen = firstSeen;
        copy.lastSeen = lastSeen;
        copy.count = count;
        copy.joinedBy = joinedBy;
        copy.transitions = transitions;
        copy.flapping = flapping;
        copy.lastTransitionAt = lastTransitionAt;
        return copy;
    }
}
