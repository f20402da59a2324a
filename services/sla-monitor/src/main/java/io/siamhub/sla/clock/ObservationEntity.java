package io.siamhub.sla.clock;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One row of an incident's history ({@code incident_observation}): an {@link io.siamhub.sla.engine.IncidentObservation}. */
@Entity
@Table(name = "incident_observation")
@IdClass(ObservationEntity.Key.class)
public class ObservationEntity extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;
    @Id
    public long version;
    @Column(name = "ce_id")
    public String ceId;
    public String kind;
    public Instant at;
    public String number;
    public String status;
    public String priority;
    public String service;
    @Column(name = "configuration_item")
    public String configurationItem;
    public String owner;
    public boolean maintenance;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    public String why;

    /** The primary key: incident and version. */
    public static class Key implements Serializable {
        public UUID incidentId;
        public long version;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.version == version && Objects.equals(key.incidentId, incidentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(incidentId, version);
        }
    }
}
