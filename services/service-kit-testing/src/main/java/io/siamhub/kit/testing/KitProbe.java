package io.siamhub.kit.testing;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The probe's state: written through the API, counted up by the probe's consumer. */
@Entity
@Table(name = "kit_probe")
public class KitProbe extends PanacheEntityBase {

    @Id
    public String id;

    public String value;

    /** How many events the consumer applied to this probe. */
    public int applied;

    static KitProbe named(String id) {
        KitProbe probe = new KitProbe();
        probe.id = id;
        return probe;
    }
}
