package io.siamhub.incident.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.siamhub.incident.rules.FingerprintState;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.SignalStatus;

/** One alert fingerprint on an incident, with its own state, repeat count and flapping history. */
@Entity
@Table(name = "incident_signal")
public class IncidentSignalEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public UUID incidentId;
    public String fingerprint;
    public String provider;
    @Column(name = "provider_ref")
    public String providerRef;
    public String title;
    @Enumerated(EnumType.STRING)
    public SignalStatus status;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;
    public long count;
    /** The rule that put it on the incident ({@code correlation.new-incident}, {@code correlation.same-ci}, ...). */
    @Column(name = "joined_by")
    public String joinedBy;
    /** Epoch millis of its recent FIRING/RESOLVED changes, comma separated, oldest first. */
    public String transitions;
    public boolean flapping;
    @Column(name = "last_transition_at")
    public Instant lastTransitionAt;

    /** The rules' view of this row (a copy). */
    public FingerprintState toState() {
        FingerprintState state = new FingerprintState();
        state.id = id;
        state.incidentId = incidentId;
        state.fingerprint = fingerprint;
        state.provider = provider;
        state.providerRef = providerRef;
        state.title = title;
        state.status = status;
        state.severity = severity;
        state.firstSeen = firstSeen;
        state.lastSeen = lastSeen;
        state.count = count;
        state.joinedBy = joinedBy;
        state.transitions = transitions;
        state.flapping = flapping;
        state.lastTransitionAt = lastTransitionAt;
        return state;
    }

    /** Takes every field of {@code state}. */
    public IncidentSignalEntity set(FingerprintState state) {
        id = state.id;
        incidentId = state.incidentId;
        fingerprint = state.fingerprint;
        provider = state.provider;
        providerRef = state.providerRef;
        title = state.title;
        status = state.status;
        severity = state.severity;
        firstSeen = state.firstSeen;
        lastSeen = state.lastSeen;
        count = state.count;
        joinedBy = state.joinedBy;
        transitions = state.transitions;
        flapping = state.flapping;
        lastTransitionAt = state.lastTransitionAt;
        return this;
    }
}
