package io.siamhub.incident.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.catalog.Service;

@Entity
@Table(name = "catalog_service")
public class ServiceEntry extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String description;
    @Enumerated(EnumType.STRING)
    public Criticality criticality;
    @Column(name = "business_owner")
    public String businessOwner;
    /** Comma separated ids of the services this one depends on. */
    @Column(name = "depends_on")
    public String dependsOn;

    Service toModel() {
        return new Service(id, name, description, criticality, businessOwner,
                dependsOn == null || dependsOn.isEmpty() ? java.util.List.of() : java.util.List.of(dependsOn.split(",")));
    }

    ServiceEntry set(Service service) {
        id = service.id();
        name = service.name();
        description = service.description();
        criticality = service.criticality();
        businessOwner = service.businessOwner();
        dependsOn = service.dependsOn().isEmpty() ? null : String.join(",", service.dependsOn());
        return this;
    }
}
