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

    /** Every known party, in the caller's session. */
    public Uni<Set<String>> known() {
        return PartyEntity.<PartyEntity> listAll().map(rows -> {
            Set<String> parties = new TreeSet<>();
            rows.forEach(row -> parties.add(row.party));
            return parties;
        });
    }
}
