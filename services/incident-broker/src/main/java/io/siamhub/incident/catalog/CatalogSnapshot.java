package io.siamhub.incident.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.siamhub.incident.IncidentConfig;
import io.siamhub.model.Impact;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.MatchRule;
import io.siamhub.model.catalog.OwnershipScope;
import io.siamhub.model.catalog.Ownership;
import io.siamhub.model.catalog.Service;
import io.siamhub.model.signal.Signal;

/**
 * The catalog in memory, for placing signals. A CI matches a signal when any of its rules does; a
 * rule matches when every field it sets matches (a rule that sets nothing matches nothing). When
 * several CIs match, the one whose rule sets the most fields wins; ties go to the smaller id, so the
 * choice is always the same.
 */
public final class CatalogSnapshot {

    public static final CatalogSnapshot EMPTY = new CatalogSnapshot(List.of(), List.of(), List.of());

    private final Map<String, Service> services;
    private final Map<String, Service> servicesByName;
    private final Map<String, List<CompiledItem>> byResourceId = new java.util.HashMap<>();
    private final List<CompiledItem> scanned = new ArrayList<>();
    private final Map<String, ConfigurationItem> itemsById;
    private final Map<String, Ownership> ownershipOfItem;
    private final Map<String, Ownership> ownershipOfService;
    private final java.util.SortedSet<String> owners = new java.util.TreeSet<>();

    CatalogSnapshot(List<Service> services, List<ConfigurationItem> items, List<Ownership> ownerships) {
        this.services = services.stream().collect(Collectors.toMap(Service::id, Function.identity()));
        this.servicesByName = services.stream().collect(Collectors.toMap(service -> service.name().toLowerCase(Locale.ROOT),
                Function.identity(), (a, b) -> a));
        items.stream().sorted(Comparator.comparing(ConfigurationItem::id)).map(CompiledItem::new).forEach(compiled -> {
            List<String> exact = compiled.item.match().stream().map(MatchRule::resourceId).toList();
            if (!exact.isEmpty() && !exact.contains(null)) {
                exact.stream().distinct().forEach(id -> byResourceId.computeIfAbsent(id, key -> new ArrayList<>()).add(compiled));
            } else {
                scanned.add(compiled);
            }
        });
        this.itemsById = items.stream().collect(Collectors.toMap(ConfigurationItem::id, Function.identity()));
        this.ownershipOfItem = ownerships.stream().filter(o -> o.scope() == OwnershipScope.CONFIGURATION_ITEM)
                .collect(Collectors.toMap(Ownership::target, Function.identity(), (a, b) -> a));
        this.ownershipOfService = ownerships.stream().filter(o -> o.scope() == OwnershipScope.SERVICE)
                .collect(Collectors.toMap(Ownership::target, Function.identity(), (a, b) -> a));
        ownerships.forEach(ownership -> owners.add(ownership.owner()));
        items.stream().map(ConfigurationItem::provider).filter(java.util.Objects::nonNull).forEach(owners::add);
    }

    /**
     * Everyone the catalog names as an owner: the owners of its ownership entries (providers and resolver groups)
     * and the providers that run its CIs, sorted.
     */
    public java.util.SortedSet<String> owners() {
        return java.util.Collections.unmodifiableSortedSet(owners);
    }

    public Placement place(Signal signal, IncidentConfig config) {
        CompiledItem best = null;
        int bestSpecificity = 0;
        String resourceId = signal.resource() == null ? null : signal.resource().id();
        // CIs whose rules all name an exact resource id can only match that id: look those up, scan the rest
        List<CompiledItem> exact = resourceId == null ? List.of() : byResourceId.getOrDefault(resourceId, List.of());
        for (List<CompiledItem> candidates : List.of(exact, scanned)) {
            for (CompiledItem item : candidates) {
                int specificity = item.match(signal);
                if (specificity > bestSpecificity
                        || specificity == bestSpecificity && specificity > 0 && item.item.id().compareTo(best.item.id()) < 0) {
                    best = item;
                    bestSpecificity = specificity;
                }
            }
        }
        if (best != null) {
            ConfigurationItem ci = best.item;
            Service service = ci.service() == null ? null : services.get(ci.service());
            Impact impact = ci.criticality() != null ? ci.criticality().impact()
                    : service != null ? service.criticality().impact() : config.defaultImpact();
            String key = config.correlationScope() == IncidentConfig.CorrelationScope.SERVICE && service != null
                    ? "service:" + service.id() : "ci:" + ci.id();
            return new Placement(ci.id(), ci.service(), owner(ci.id(), ci.service(), ci.provider(), config), impact, false, key,
                    "catalog.match-rule");
        }
        Service named = signal.service() == null ? null : namedService(signal.service());
        if (named != null) {
            return new Placement(null, named.id(), owner(null, named.id(), null, config), named.criticality().impact(), false,
                    "service:" + named.id(), "catalog.service-name");
        }
        return new Placement(null, null, config.defaultOwner(), config.defaultImpact(), true,
                "fingerprint:" + signal.fingerprint(), "catalog.unmapped");
    }

    /** The owner of a CI or service (for manual incidents and reassignment defaults). */
    public String owner(String item, String service, String provider, IncidentConfig config) {
        Ownership own = item == null ? null : ownershipOfItem.get(item);
        if (own == null && service != null) {
            own = ownershipOfService.get(service);
        }
        if (own != null) {
            return own.owner();
        }
        return provider != null ? provider : config.defaultOwner();
    }

    /** A service by id, or null. */
    public Service service(String id) {
        return id == null ? null : services.get(id);
    }

    /** A configuration item by id, or null. */
    public ConfigurationItem item(String id) {
        return id == null ? null : itemsById.get(id);
    }

    /** The impact of an incident on this CI and/or service: the CI's criticality, else the service's; null when neither says. */
    public Impact impactOf(String item, String service) {
        ConfigurationItem ci = item(item);
        if (ci != null && ci.criticality() != null) {
            return ci.criticality().impact();
        }
        Service known = service(service != null ? service : ci != null ? ci.service() : null);
        return known == null ? null : known.criticality().impact();
    }

    private Service namedService(String name) {
        Service byId = services.get(name);
        return byId != null ? byId : servicesByName.get(name.toLowerCase(Locale.ROOT));
    }

    /** A CI with its rules' patterns compiled once. */
    private static final class CompiledItem {
        private final ConfigurationItem item;
        private final List<CompiledRule> rules = new ArrayList<>();

        CompiledItem(ConfigurationItem item) {
            this.item = item;
            item.match().forEach(rule -> rules.add(new CompiledRule(rule)));
        }

        /** How many fields the best matching rule sets; 0 when none matches. */
        int match(Signal signal) {
            int best = 0;
            for (CompiledRule rule : rules) {
                best = Math.max(best, rule.match(signal));
            }
            return best;
        }
    }

    private record CompiledRule(MatchRule rule, Pattern pattern) {

        CompiledRule(MatchRule rule) {
            this(rule, rule.resourceIdPattern() == null ? null : Pattern.compile(rule.resourceIdPattern()));
        }

        int match(Signal signal) {
            return rule.specificity(signal, pattern);
        }
    }
}
