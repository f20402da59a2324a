package io.siamhub.incident.persistence;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A change related to an incident (linked by a person, or listed by the change coordinator). */
@Entity
@Table(name = "incident_change")
public class IncidentChangeEntity extends PanacheEntityBase {

    /** {@code <incident id>:<change id>}. */
    @Id
    public String id;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Column(name = "change_id")
    public String changeId;

    public static IncidentChangeEntity of(UUID incidentId, String changeId) {
        IncidentChangeEntity link = new IncidentChangeEntity();
        link.id = incidentId + ":" + changeId;
        link.incidentId = incidentId;
        link.changeId = changeId;
        return link;
    }
}
