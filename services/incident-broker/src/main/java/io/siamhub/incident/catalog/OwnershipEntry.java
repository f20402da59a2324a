package io.siamhub.incident.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.siamhub.model.catalog.OwnerType;
import io.siamhub.model.catalog.Ownership;
import io.siamhub.model.catalog.OwnershipScope;

@Entity
@Table(name = "catalog_ownership")
public class OwnershipEntry extends PanacheEntityBase {

    @Id
    public String id;
    @Enumerated(EnumType.STRING)
    public OwnershipScope scope;
    public String target;
    @Enumerated(EnumType.STRING)
    @Column(name = "owner_type")
    public OwnerType ownerType;
    public String owner;

    Ownership toModel() {
        return new Ownership(id, scope, target, ownerType, owner);
    }

    OwnershipEntry set(Ownership ownership) {
        id = ownership.id();
        scope = ownership.scope();
        target = ownership.target();
        ownerType = ownership.ownerType();
        owner = ownership.owner();
        return this;
    }
}
