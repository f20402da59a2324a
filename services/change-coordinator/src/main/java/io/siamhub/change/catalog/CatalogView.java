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
import io.siamhub.model.catalog.Service;
import io.siamhub.model.signal.Signal;

/**
 * The change coordinator's copy of the catalog (read from the compacted {@code siam.catalog.v1}), immutable:
 * services with their {@code dependsOn}, CIs with their match rules. Pure: no I/O.
 */
public final class CatalogView {

    public static final CatalogView EMPTY = new CatalogView(List.of(), List.of());

    private final Map<String, Service> services;
    private final Map<String, ConfigurationItem> items;
    private final Map<String, List<Pattern>> patterns = new TreeMap<>();

    public CatalogView(Collection<Service> services, Collection<ConfigurationItem> items) {
        this.services = services.stream().collect(Collectors.toMap(Service::id, Function.identity(), (a, b) -> b, TreeMap::new));
        this.items = items.stream().collect(Collectors.toMap(ConfigurationItem::id, Function.identity(), (a, b) -> b, TreeMap::new));
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
