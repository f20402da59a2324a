package io.siamhub.sla.calendar;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A stored calendar ({@code sla_calendar}): its {@link CalendarSpec} as JSON. */
@Entity
@Table(name = "sla_calendar")
public class CalendarEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String spec;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
