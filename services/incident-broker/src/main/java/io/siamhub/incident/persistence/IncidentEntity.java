package io.siamhub.incident.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.siamhub.incident.rules.IncidentState;
import io.siamhub.model.Impact;
import io.siamhub.model.Priority;
import io.siamhub.model.Urgency;
import io.siamhub.model.incident.IncidentStatus;

/**
 * An integrated incident as stored. Writers lock the row ({@code for update}) before they read it, so
 * the signal consumer, the auto-resolver and people never overwrite each other's changes; the
 * {@code version} grows by one per committed change and is the API's ETag.
 */
@Entity
@Table(name = "incident")
public class IncidentEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    public String number;
    public String title;
    public String description;
    @Enumerated(EnumType.STRING)
    public IncidentStatus status;
    @Enumerated(EnumType.STRING)
    public Impact impact;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Column(name = "impact_overridden")
    public boolean impactOverridden;
    @Column(name = "urgency_overridden")
    public boolean urgencyOverridden;
    public String service;
    @Column(name = "configuration_item")
    public String configurationItem;
    public String owner;
    /** What new fingerprints correlate on: {@code ci:<id>}, {@code service:<id>}, {@code fingerprint:<fp>} or {@code manual:<id>}. */
    @Column(name = "correlation_key")
    public String correlationKey;
    public boolean unmapped;
    /** For an unmapped incident: what its signal said about where it belongs, to place it when the catalog learns more. */
    @Column(name = "placement_facts")
    @Convert(converter = PlacementFacts.Json.class)
    public PlacementFacts placementFacts;
    public boolean maintenance;
    @Column(name = "paging_held")
    public boolean pagingHeld;
    @Column(name = "provider_resolved")
    public boolean providerResolved;
    /** A person acknowledged, started, held, assigned, commented on or re-prioritised it (auto-resolve policy). */
    @Column(name = "handled_by_person")
    public boolean handledByPerson;
    @Column(name = "signal_count")
    public long signalCount;
    /** How many of its fingerprints are FIRING now; zero means every signal resolved. */
    @Column(name = "firing_signals")
    public int firingSignals;
    /** The distinct fingerprints joined to it, in joining order (kept here so a snapshot needs no query). */
    @Convert(converter = JsonListConverter.Strings.class)
    public List<String> fingerprints = List.of();
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    /** When a signal last joined, repeated or changed: the correlation window counts from here. */
    @Column(name = "last_activity_at")
    public Instant lastActivityAt;
    /** When every signal resolved: the time it resolves by itself, unless something cancels it. */
    @Column(name = "auto_resolve_at")
    public Instant autoResolveAt;
    public long version;

    /** The rules' view of this row (a copy). */
    public IncidentState toState() {
        IncidentState state = new IncidentState();
        state.id = id;
        state.number = number;
        state.title = title;
        state.description = description;
        state.status = status;
        state.impact = impact;
        state.urgency = urgency;
        state.priority = priority;
        state.impactOverridden = impactOverridden;
        state.urgencyOverridden = urgencyOverridden;
        state.service = service;
        state.configurationItem = configurationItem;
        state.owner = owner;
        state.correlationKey = correlationKey;
        state.unmapped = unmapped;
        state.maintenance = maintenance;
        state.pagingHeld = pagingHeld;
        state.providerResolved = providerResolved;
        state.handledByPerson = handledByPerson;
        state.signalCount = signalCount;
        state.firingSignals = firingSignals;
        state.fingerprints = fingerprints;
        state.firstSeen = firstSeen;
        state.lastSeen = lastSeen;
        state.createdAt = createdAt;
        state.acknowledgedAt = acknowledgedAt;
        state.resolvedAt = resolvedAt;
        state.closedAt = closedAt;
        state.lastActivityAt = lastActivityAt;
        state.autoResolveAt = autoResolveAt;
        state.version = version;
        return state;
    }

    /** Takes every field of {@code state} (Hibernate writes what differs at flush). */
    public IncidentEntity set(IncidentState state) {
        id = state.id;
        number = state.number;
        title = state.title;
        description = state.description;
        status = state.status;
        impact = state.impact;
        urgency = state.urgency;
        priority = state.priority;
        impactOverridden = state.impactOverridden;
        urgencyOverridden = state.urgencyOverridden;
        service = state.service;
        configurationItem = state.configurationItem;
        owner = state.owner;
        correlationKey = state.correlationKey;
        unmapped = state.unmapped;
        maintenance = state.maintenance;
        pagingHeld = state.pagingHeld;
        providerResolved = state.providerResolved;
        handledByPerson = state.handledByPerson;
        signalCount = state.signalCount;
        firingSignals = state.firingSignals;
        fingerprints = state.fingerprints;
        firstSeen = state.firstSeen;
        lastSeen = state.lastSeen;
        createdAt = state.createdAt;
        acknowledgedAt = state.acknowledgedAt;
        resolvedAt = state.resolvedAt;
        closedAt = state.closedAt;
        lastActivityAt = state.lastActivityAt;
        autoResolveAt = state.autoResolveAt;
        version = state.version;
        return this;
    }

    /** A new row for {@code state}. */
    public static IncidentEntity of(IncidentState state) {
        return new IncidentEntity().set(state);
    }
}
