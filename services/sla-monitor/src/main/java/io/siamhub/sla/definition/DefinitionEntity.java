package io.siamhub.sla.definition;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A stored definition ({@code sla_definition}): its {@link DefinitionSpec} as JSON. */
@Entity
@Table(name = "sla_definition")
public class DefinitionEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String spec;
    @Column(name = "calendar_id")
    public String calendarId;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
