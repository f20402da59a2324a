package io.siamhub.sla.clock;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The latest known state of an incident ({@code incident_state}), with how often it moved between parties ({@code hops}). */
@Entity
@Table(name = "incident_state")
public class IncidentStateEntity extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;
    public String number;
    public String title;
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
    public long version;
    /** Ownership changes between parties since the incident was opened. */
    public int hops;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
