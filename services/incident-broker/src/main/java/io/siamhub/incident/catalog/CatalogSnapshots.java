package io.siamhub.incident.catalog;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The current catalog, in memory: reloaded after every local change and every ten seconds, so
 * changes made through another instance arrive too.
 */
@ApplicationScoped
public class CatalogSnapshots {

    private volatile CatalogSnapshot current = CatalogSnapshot.EMPTY;

    public CatalogSnapshot current() {
        return current;
    }

    /** Reloads from the database. */
    public Uni<CatalogSnapshot> reload() {
        return Panache.withSession(() -> ServiceEntry.<ServiceEntry> listAll()
                .chain(services -> ConfigurationItemEntry.<ConfigurationItemEntry> listAll()
                        .chain(items -> OwnershipEntry.<OwnershipEntry> listAll()
                                .map(ownerships -> new CatalogSnapshot(
                                        services.stream().map(ServiceEntry::toModel).toList(),
                                        items.stream().map(ConfigurationItemEntry::toModel).toList(),
                                        ownerships.stream().map(OwnershipEntry::toModel).toList())))))
                .invoke(snapshot -> current = snapshot);
    }

    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload().replaceWithVoid();
    }
}
