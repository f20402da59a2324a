package io.siamhub.incident.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.siamhub.model.catalog.Provider;

@Entity
@Table(name = "catalog_provider")
public class ProviderEntry extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    @Column(name = "contract_reference")
    public String contractReference;

    Provider toModel() {
        return new Provider(id, name, contractReference);
    }

    ProviderEntry set(Provider provider) {
        id = provider.id();
        name = provider.name();
        contractReference = provider.contractReference();
        return this;
    }
}
