package io.siamhub.change.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The latest record of one catalog entity from {@code siam.catalog.v1} (key {@code <entity>:<id>}). */
@Entity
@Table(name = "catalog_copy")
public class CatalogCopyEntity extends PanacheEntityBase {

    @Id
    public String key;
    public String entity;
    public String body;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
