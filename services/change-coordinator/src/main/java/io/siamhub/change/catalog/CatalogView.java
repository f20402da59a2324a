package io.siamhub.change.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.catalog.MatchRule;
import io.siamhub.model.catalog.Ownership;
import io.siamhub.model.catalog.Provider;
import io.siamhub.model.catalog.Service;
import io.siamhub.model.signal.Signal;

/**
 * The change coordinator's copy of the catalog (read from the compacted {@code siam.catalog.v1}), immutable:
 * services with their {@code dependsOn}, CIs with their match rules, the providers and the owners (providers and
 * resolver groups) its ownership records name. Pure: no I/O.
 */
public final class CatalogView {

    public static final CatalogView EMPTY = new CatalogView(List.of(), List.of());

    /** How many known names a refusal proposes. */
    private static final int NEAREST = 3;

    private final Map<String, Service> services;
    private final Map<String, ConfigurationItem> items;
    private final Set<String> providers;
    private final Set<String> implementers;
    private final Map<String, List<Pattern>> patterns = new TreeMap<>();

    /** A catalog of services and CIs only (no provider or ownership records). */
    public CatalogView(Collection<Service> services, Collection<ConfigurationItem> items) {
        this(services, items, List.of(), List.of());
    }

    /**
     * @param providers  the catalog's {@code provider:<id>} records
     * @param ownerships the catalog's {@code ownership:<id>} records (who resolves a service or CI: a provider or a
     *                   resolver group)
     */
    public CatalogView(Collection<Service> services, Collection<ConfigurationItem> items, Collection<Provider> providers,
            Collection<Ownership> ownerships) {
        this.services = services.stream().collect(Collectors.toMap(Service::id, Function.identity(), (a, b) -> b, TreeMap::new));
        this.items = items.stream().collect(Collectors.toMap(ConfigurationItem::id, Function.identity(), (a, b) -> b, TreeMap::new));
        Set<String> knownProviders = new TreeSet<>();
        providers.stream().map(Provider::id).filter(java.util.Objects::nonNull).forEach(knownProviders::add);
        this.items.values().stream().map(ConfigurationItem::provider).filter(java.util.Objects::nonNull).forEach(knownProviders::add);
        this.providers = java.util.Collections.unmodifiableSet(knownProviders);
        Set<String> known = new TreeSet<>(knownProviders);
        ownerships.stream().map(Ownership::owner).filter(java.util.Objects::nonNull).forEach(known::add);
        this.implementers = java.util.Collections.unmodifiableSet(known);
        for (ConfigurationItem item : this.items.values()) {
            List<Pattern> compiled = new ArrayList<>();
            for (MatchRule rule : item.match()) {
                compiled.add(compile(rule.resourceIdPattern()));
            }
            patterns.put(item.id(), compiled);
        }
    }

    public Service service(String id) {
        return id == null ? null : services.get(id);
    }

    public ConfigurationItem item(String id) {
        return id == null ? null : items.get(id);
    }

    public Collection<ConfigurationItem> items() {
        return items.values();
    }

    /** Every service id, sorted. */
    public Set<String> serviceIds() {
        return java.util.Collections.unmodifiableSet(services.keySet());
    }

    /** Every CI id, sorted. */
    public Set<String> itemIds() {
        return java.util.Collections.unmodifiableSet(items.keySet());
    }

    /** The providers the catalog knows: its provider records and every CI's provider, sorted. */
    public Set<String> providers() {
        return providers;
    }

    /**
     * Who can carry out a change, as the catalog knows them (issue 11: "a provider or resolver group"): every provider
     * (its provider records, every CI's provider) and every owner an ownership record names (a provider or a resolver
     * group), sorted. A resolver group that owns nothing in the catalog is not among them.
     */
    public Set<String> implementers() {
        return implementers;
    }

    /**
     * The known names closest to {@code asked} (Levenshtein distance, ignoring case; then alphabetical), at most three:
     * what a refusal proposes ({@code the nearest: payments, payments-api}).
     */
    public static List<String> nearest(String asked, Collection<String> known) {
        String wanted = asked == null ? "" : asked.toLowerCase(java.util.Locale.ROOT);
        return known.stream().sorted(Comparator.<String> comparingInt(name -> io.siamhub.kit.api.ApiDescription.distance(
                name.toLowerCase(java.util.Locale.ROOT), wanted)).thenComparing(Comparator.naturalOrder())).limit(NEAREST).toList();
    }

    /** {@code ; the nearest: a, b, c} or, with nothing known, {@code ; the catalog knows none yet}. */
    public static String nearestText(String asked, Collection<String> known) {
        List<String> near = nearest(asked, known);
        return near.isEmpty() ? "; the catalog knows none yet" : "; the nearest: " + String.join(", ", near);
    }

    /** The services listed, plus the service of each listed CI (sorted). */
    public Set<String> servicesOf(Collection<String> services, Collection<String> configurationItems) {
        Set<String> all = new TreeSet<>(services);
        for (String id : configurationItems) {
            ConfigurationItem item = item(id);
            if (item != null && item.service() != null) {
                all.add(item.service());
            }
        }
        return all;
    }

    /**
     * The given services and those within {@code depth} levels of {@code dependsOn}, in both directions
     * (what they need, and what needs them).
     */
    public Set<String> related(Set<String> start, int depth) {
        Set<String> reached = new TreeSet<>(start);
        Set<String> frontier = new TreeSet<>(start);
        for (int level = 0; level < depth && !frontier.isEmpty(); level++) {
            Set<String> next = new TreeSet<>();
            for (Service service : services.values()) {
                for (String needed : service.dependsOn()) {
                    if (frontier.contains(service.id()) && reached.add(needed)) {
                        next.add(needed);
                    }
                    if (frontier.contains(needed) && reached.add(service.id())) {
                        next.add(service.id());
                    }
                }
            }
            frontier = next;
        }
        return reached;
    }

    /**
     * Every CI with a rule that matches the signal (a maintenance notice touches them all, unlike an alert,
     * which the incident broker places on the single most specific CI), by id.
     */
    public List<ConfigurationItem> matching(Signal signal) {
        List<ConfigurationItem> found = new ArrayList<>();
        for (ConfigurationItem item : items.values()) {
            List<Pattern> compiled = patterns.get(item.id());
            for (int i = 0; i < item.match().size(); i++) {
                if (item.match().get(i).specificity(signal, compiled.get(i)) > 0) {
                    found.add(item);
                    break;
                }
            }
        }
        found.sort(Comparator.comparing(ConfigurationItem::id));
        return found;
    }

    /** A service by its id or, case-insensitively, its display name (providers name services in their words). */
    public Service serviceNamed(String name) {
        if (name == null) {
            return null;
        }
        Service byId = services.get(name);
        if (byId != null) {
            return byId;
        }
        return services.values().stream().filter(service -> service.name() != null && service.name().equalsIgnoreCase(name))
                .findFirst().orElse(null);
    }

    /**
     * The criticality of a CI: its own, else its service's; null when the catalog does not say.
     */
    public Criticality criticalityOfItem(String id) {
        ConfigurationItem item = item(id);
        if (item == null) {
            return null;
        }
        if (item.criticality() != null) {
            return item.criticality();
        }
        Service service = service(item.service());
        return service == null ? null : service.criticality();
    }

    /** The accounts and regions a CI's rules name, with their provider: where a provider's maintenance would hit it. */
    public Set<String> placesOf(String id) {
        ConfigurationItem item = item(id);
        Set<String> places = new LinkedHashSet<>();
        if (item == null) {
            return places;
        }
        for (MatchRule rule : item.match()) {
            String provider = rule.provider() != null ? rule.provider() : item.provider();
            if (rule.account() != null) {
                places.add(place(provider, "account", rule.account()));
            }
            if (rule.region() != null) {
                places.add(place(provider, "region", rule.region()));
            }
        }
        return places;
    }

    /** {@code aws/account/123456789012}: one key for an account or region of a provider. */
    public static String place(String provider, String kind, String value) {
        return (provider == null ? "*" : provider) + "/" + kind + "/" + value;
    }

    private static Pattern compile(String pattern) {
        try {
            return pattern == null ? null : Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            // the broker refuses such a rule; a copy that still holds one matches nothing with it
            return Pattern.compile("(?!)");
        }
    }
}
