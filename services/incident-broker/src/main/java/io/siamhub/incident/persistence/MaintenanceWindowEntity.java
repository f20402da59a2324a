package io.siamhub.incident.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An approved maintenance window, as the change coordinator published it on {@code siam.changes.v1}. */
@Entity
@Table(name = "maintenance_window")
public class MaintenanceWindowEntity extends PanacheEntityBase {

    @Id
    @Column(name = "change_id")
    public String changeId;
    public String number;
    public String title;
    public String status;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    /** Comma separated {@code ci:<id>} and {@code service:<id>}. */
    public String targets;
}
