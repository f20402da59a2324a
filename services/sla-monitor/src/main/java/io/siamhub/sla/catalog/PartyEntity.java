package io.siamhub.sla.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A party known from {@code siam.catalog.v1} ({@code catalog_party}): a provider ({@code provider:<id>}) or the
 * resolver group of an ownership entry ({@code ownership:<id>}), keyed by the catalog record's key.
 */
@Entity
@Table(name = "catalog_party")
public class PartyEntity extends PanacheEntityBase {

    @Id
    public String key;
    public String party;
    /** {@code provider}, {@code resolver-group} or {@code service}. */
    public String kind;
}
