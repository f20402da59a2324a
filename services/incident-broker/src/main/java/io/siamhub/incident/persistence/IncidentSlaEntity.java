package io.siamhub.incident.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One SLA clock of an incident, as the SLA monitor last reported it on {@code siam.sla.v1}. */
@Entity
@Table(name = "incident_sla")
public class IncidentSlaEntity extends PanacheEntityBase {

    @Id
    @Column(name = "clock_id")
    public String clockId;
    @Column(name = "incident_id")
    public String incidentId;
    @Column(name = "definition_id")
    public String definitionId;
    public String agreement;
    public String metric;
    /** The clock's state: RUNNING, PAUSED, MET, BREACHED or CANCELLED. */
    public String state;
    /** True once the clock passed its target (also while it still runs). */
    public boolean breached;
    @Column(name = "breached_at")
    public Instant breachedAt;
    /** Who the clock holds to account: integrator, a resolver group or a provider. */
    public String party;
    /** The kind of the last event: STARTED, PAUSED, RESUMED, AT_RISK, BREACHED, MET, CANCELLED, RECOMPUTED or STOPPED. */
    @Column(name = "last_event")
    public String lastEvent;
    @Column(name = "stage_percent")
    public Integer stagePercent;
    @Column(name = "due_at")
    public Instant dueAt;
    /** ISO-8601 duration of business time left. */
    public String remaining;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
