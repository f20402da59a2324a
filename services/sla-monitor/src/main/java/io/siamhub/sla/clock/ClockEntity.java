package io.siamhub.sla.clock;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One clock as stored ({@code sla_clock}); {@link ClockRows} maps it to and from the engine's
 * {@link io.siamhub.sla.engine.Clock}. Durations are ISO-8601 text (exact), segments and timeline JSON.
 * {@code next_due_at} is the timer index.
 */
@Entity
@Table(name = "sla_clock")
public class ClockEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Column(name = "incident_number")
    public String incidentNumber;
    @Column(name = "definition_id")
    public String definitionId;
    public int generation;
    public String type;
    public String party;
    public String metric;
    @Column(name = "calendar_id")
    public String calendarId;
    public String target;
    /** Comma-separated percents. */
    public String stages;
    public String priority;
    public String service;
    public String owner;
    public String state;
    public boolean breached;
    @Column(name = "breached_at")
    public Instant breachedAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    public String elapsed;
    public String remaining;
    public int stage;
    @Column(name = "running_since")
    public Instant runningSince;
    @Column(name = "elapsed_before")
    public String elapsedBefore;
    @Column(name = "next_due_at")
    public Instant nextDueAt;
    @Column(name = "evaluated_at")
    public Instant evaluatedAt;
    public String segments;
    public String timeline;
}
