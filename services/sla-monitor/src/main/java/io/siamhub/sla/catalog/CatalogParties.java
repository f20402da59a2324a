package io.siamhub.sla.catalog;

import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The parties a definition may name besides {@code integrator}: the providers and resolver groups of the catalog, as
 * read from the compacted {@code siam.catalog.v1} (never by asking the incident broker).
 */
@ApplicationScoped
public class CatalogParties {

    /** The kind of {@code catalog_party} rows that are services, not parties. */
    public static final String SERVICE = "service";

    /** The services of the catalog, in the caller's session. */
    public Uni<Set<String>> services() {
        return PartyEntity.<PartyEntity> list("kind", SERVICE).map(rows -> {
            Set<String> services = new TreeSet<>();
            rows.forEach(row -> services.add(row.party));
            return services;
        });
    }

    /** Every known party, in the caller's session. */
    public Uni<Set<String>> known() {
        return PartyEntity.<PartyEntity> listAll().map(rows -> {
            Set<String> parties = new TreeSet<>();
            rows.stream().filter(row -> !SERVICE.equals(row.kind)).forEach(row -> parties.add(row.party));
            return parties;
        });
    }
}
