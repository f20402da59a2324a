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
import io.siamhub.model.ActorType;
import io.siamhub.model.FieldChange;

/** One line of an incident's timeline: when, who (a person, a provider, a rule), what, and why. */
@Entity
@Table(name = "incident_timeline")
public class TimelineEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    /** Insertion order (the database fills it), to order lines with the same time. */
    @Column(insertable = false, updatable = false)
    public Long seq;
    @Column(name = "incident_id")
    public UUID incidentId;
    public Instant at;
    @Enumerated(EnumType.STRING)
    @Column(name = "actor_type")
    public ActorType actorType;
    public String actor;
    public String what;
    public String reason;
    /** The fields it changed. */
    @Convert(converter = JsonListConverter.FieldChanges.class)
    public List<FieldChange> changes = List.of();
}
