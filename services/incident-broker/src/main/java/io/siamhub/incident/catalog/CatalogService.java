package io.siamhub.incident.catalog;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.siamhub.kit.outbox.Outbox;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.EventTypes;
import io.siamhub.model.Topics;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.Ownership;
import io.siamhub.model.catalog.OwnershipScope;
import io.siamhub.model.catalog.Provider;
import io.siamhub.model.catalog.Service;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Writes to the catalog. Every change commits with its event on {@code siam.catalog.v1} (key
 * {@code <entity>:<id>}, compacted; a deletion is a tombstone), so other services keep a copy without
 * calling this one; the in-memory catalog is reloaded after each.
 */
@ApplicationScoped
public class CatalogService {

    /** What an import did. */
    public record ImportResult(int providers, int services, int configurationItems, int ownerships) {
    }

    private final Outbox outbox;
    private final CatalogSnapshots snapshots;

    CatalogService(Outbox outbox, CatalogSnapshots snapshots) {
        this.outbox = outbox;
        this.snapshots = snapshots;
    }

    public Uni<Provider> upsert(Provider provider) {
        CatalogValidation.check(provider);
        return write(() -> putProvider(provider)).replaceWith(provider);
    }

    public Uni<Service> upsert(Service service) {
        CatalogValidation.check(service);
        return write(() -> putService(service)).replaceWith(service);
    }

    public Uni<ConfigurationItem> upsert(ConfigurationItem item) {
        CatalogValidation.check(item);
        return write(() -> putItem(item)).replaceWith(item);
    }

    public Uni<Ownership> upsert(Ownership ownership) {
        CatalogValidation.check(ownership);
        return write(() -> putOwnership(ownership)).replaceWith(ownership);
    }

    /** Upserts a whole catalog in one transaction (entries it does not name are left as they are). */
    public Uni<ImportResult> importCatalog(CatalogDocument document) {
        CatalogValidation.check(document);
        return write(() -> each(document.providers(), this::putProvider)
                .chain(() -> each(document.services(), this::putService))
                .chain(() -> each(document.configurationItems(), this::putItem))
                .chain(() -> each(document.ownerships(), this::putOwnership)))
                .replaceWith(new ImportResult(document.providers().size(), document.services().size(),
                document.configurationItems().size(), document.ownerships().size()));
    }

    public Uni<Void> deleteProvider(String id) {
        return write(() -> ConfigurationItemEntry.count("provider", id).chain(users -> users > 0
                ? Uni.createFrom().failure(ProblemException.conflict("provider " + id + " is used by " + users + " configuration item(s)"))
                : delete(ProviderEntry.findById(id), "provider", id, EventTypes.PROVIDER_DELETED)));
    }

    public Uni<Void> deleteService(String id) {
        return write(() -> ConfigurationItemEntry.count("service", id)
                .chain(items -> OwnershipEntry.count("scope = ?1 and target = ?2", OwnershipScope.SERVICE, id)
                        .chain(owners -> items + owners > 0
                                ? Uni.createFrom().failure(ProblemException.conflict("service " + id + " is used by " + items
                                        + " configuration item(s) and " + owners + " ownership(s)"))
                                : delete(ServiceEntry.findById(id), "service", id, EventTypes.SERVICE_DELETED))));
    }

    public Uni<Void> deleteConfigurationItem(String id) {
        return write(() -> OwnershipEntry.count("scope = ?1 and target = ?2", OwnershipScope.CONFIGURATION_ITEM, id)
                .chain(owners -> owners > 0
                        ? Uni.createFrom().failure(ProblemException.conflict("configuration item " + id + " is used by " + owners
                                + " ownership(s)"))
                        : delete(ConfigurationItemEntry.findById(id), "configuration-item", id, EventTypes.CONFIGURATION_ITEM_DELETED)));
    }

    public Uni<Void> deleteOwnership(String id) {
        return write(() -> delete(OwnershipEntry.findById(id), "ownership", id, EventTypes.OWNERSHIP_DELETED));
    }

    private Uni<Void> putProvider(Provider provider) {
        return put(ProviderEntry.<ProviderEntry> findById(provider.id()), ProviderEntry::new, entry -> entry.set(provider))
                .call(() -> event("provider", provider.id(), EventTypes.PROVIDER_UPSERTED, provider));
    }

    private Uni<Void> putService(Service service) {
        return put(ServiceEntry.<ServiceEntry> findById(service.id()), ServiceEntry::new, entry -> entry.set(service))
                .call(() -> event("service", service.id(), EventTypes.SERVICE_UPSERTED, service));
    }

    private Uni<Void> putItem(ConfigurationItem item) {
        return put(ConfigurationItemEntry.<ConfigurationItemEntry> findById(item.id()), ConfigurationItemEntry::new,
                entry -> entry.set(item))
                .call(() -> event("configuration-item", item.id(), EventTypes.CONFIGURATION_ITEM_UPSERTED, item));
    }

    private Uni<Void> putOwnership(Ownership ownership) {
        return put(OwnershipEntry.<OwnershipEntry> findById(ownership.id()), OwnershipEntry::new, entry -> entry.set(ownership))
                .call(() -> event("ownership", ownership.id(), EventTypes.OWNERSHIP_UPSERTED, ownership));
    }

    /** One after the other, in the caller's session (a concatenation, not a chain as deep as the list is long). */
    private static <T> Uni<Void> each(List<T> entries, Function<T, Uni<Void>> put) {
        return Multi.createFrom().iterable(entries).onItem().transformToUniAndConcatenate(put::apply).collect().last().replaceWithVoid();
    }

    private static <E extends PanacheEntityBase> Uni<Void> put(Uni<E> existing, Supplier<E> create, Function<E, E> update) {
        return existing.map(found -> update.apply(found != null ? found : create.get()))
                .call(entry -> entry.persist())
                .replaceWithVoid();
    }

    private Uni<Void> delete(Uni<? extends PanacheEntityBase> existing, String entity, String id, String type) {
        return existing.chain(found -> found == null
                ? Uni.createFrom().failure(ProblemException.notFound("no " + entity + " " + id))
                : found.delete().call(() -> event(entity, id, type, null)));
    }

    private Uni<Void> event(String entity, String id, String type, Object payload) {
        return outbox.append(Topics.CATALOG, entity + ":" + id, type, id, payload).replaceWithVoid();
    }

    private Uni<Void> write(Supplier<Uni<Void>> work) {
        return Panache.withTransaction(() -> work.get().chain(this::checkReferences)).call(snapshots::reload);
    }

    /**
     * After a write, in its transaction: every CI names a known service and provider, every ownership
     * a known target. A dangling reference is a 400 and nothing is stored.
     */
    private Uni<Void> checkReferences() {
        return Panache.getSession().chain(session -> session.flush())
                .chain(() -> ServiceEntry.<ServiceEntry> listAll())
                .chain(services -> ProviderEntry.<ProviderEntry> listAll()
                        .chain(providers -> ConfigurationItemEntry.<ConfigurationItemEntry> listAll()
                                .chain(items -> OwnershipEntry.<OwnershipEntry> listAll().invoke(ownerships -> CatalogValidation.references(
                                        services,
                                        providers.stream().map(p -> p.id).collect(java.util.stream.Collectors.toSet()),
                                        items, ownerships)))))
                .replaceWithVoid();
    }

    public Uni<List<Service>> services() {
        return Panache.withSession(() -> ServiceEntry.<ServiceEntry> listAll()).map(list -> list.stream().map(ServiceEntry::toModel).toList());
    }

    public Uni<List<ConfigurationItem>> configurationItems() {
        return Panache.withSession(() -> ConfigurationItemEntry.<ConfigurationItemEntry> listAll())
                .map(list -> list.stream().map(ConfigurationItemEntry::toModel).toList());
    }

    public Uni<List<Provider>> providers() {
        return Panache.withSession(() -> ProviderEntry.<ProviderEntry> listAll()).map(list -> list.stream().map(ProviderEntry::toModel).toList());
    }

    public Uni<List<Ownership>> ownerships() {
        return Panache.withSession(() -> OwnershipEntry.<OwnershipEntry> listAll())
                .map(list -> list.stream().map(OwnershipEntry::toModel).toList());
    }

    public Uni<Service> service(String id) {
        return Panache.withSession(() -> ServiceEntry.<ServiceEntry> findById(id)).map(found -> found(found, "service", id).toModel());
    }

    public Uni<ConfigurationItem> configurationItem(String id) {
        return Panache.withSession(() -> ConfigurationItemEntry.<ConfigurationItemEntry> findById(id))
                .map(found -> found(found, "configuration item", id).toModel());
    }

    public Uni<Provider> provider(String id) {
        return Panache.withSession(() -> ProviderEntry.<ProviderEntry> findById(id)).map(found -> found(found, "provider", id).toModel());
    }

    public Uni<Ownership> ownership(String id) {
        return Panache.withSession(() -> OwnershipEntry.<OwnershipEntry> findById(id))
                .map(found -> found(found, "ownership", id).toModel());
    }

    private static <E> E found(E entry, String entity, String id) {
        if (entry == null) {
            throw ProblemException.notFound("no " + entity + " " + id);
        }
        return entry;
    }
}
