package io.siamhub.change.conflict;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.siamhub.change.catalog.CatalogView;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;

/**
 * A change (or a proposed window) as conflict detection sees it: its window and everything it touches, with
 * the catalog already applied.
 *
 * @param id           the change's id (null for a proposal)
 * @param number       its number, for people
 * @param title        its title
 * @param origin       RFC or PROVIDER_MAINTENANCE
 * @param window       half-open planned window
 * @param items        CI ids
 * @param services     the services it lists and those of its CIs
 * @param related      {@code services} plus those within the configured {@code dependsOn} depth
 * @param providers    its provider, implementer, and the providers of its CIs (lower case)
 * @param places       {@code provider/account/<id>} and {@code provider/region/<code>} keys its CIs' rules name
 * @param ownPlaces    a provider maintenance's own account and region keys (empty for an RFC)
 * @param implementer  who carries it out (lower case), or null
 */
public record Subject(String id, String number, String title, ChangeOrigin origin, TimeWindow window, Set<String> items,
        Set<String> services, Set<String> related, Set<String> providers, Set<String> places, Set<String> ownPlaces,
        String implementer) {

    /** A stored change. */
    public static Subject of(ChangeRequest change, CatalogView catalog, int depth) {
        return of(change.id(), change.number(), change.title(), change.origin(), change.window(), change.services(),
                change.configurationItems(), change.provider(), change.implementer(), change.account(), change.region(), catalog,
                depth);
    }

    /** Anything with a window and targets (a proposal for {@code POST /api/changes/check}). */
    public static Subject of(String id, String number, String title, ChangeOrigin origin, TimeWindow window, List<String> services,
            List<String> items, String provider, String implementer, String account, String region, CatalogView catalog, int depth) {
        Set<String> own = catalog.servicesOf(services, items);
        Set<String> providers = new TreeSet<>();
        add(providers, provider);
        add(providers, implementer);
        Set<String> places = new LinkedHashSet<>();
        for (String id2 : items) {
            ConfigurationItem item = catalog.item(id2);
            if (item != null) {
                add(providers, item.provider());
            }
            places.addAll(catalog.placesOf(id2));
        }
        Set<String> ownPlaces = new LinkedHashSet<>();
        if (origin == ChangeOrigin.PROVIDER_MAINTENANCE) {
            if (account != null) {
                ownPlaces.add(CatalogView.place(provider, "account", account));
            }
            if (region != null) {
                ownPlaces.add(CatalogView.place(provider, "region", region));
            }
        }
        return new Subject(id, number, title, origin, window, new TreeSet<>(items), own, catalog.related(own, depth), providers,
                places, ownPlaces, implementer == null || implementer.isBlank() ? null : implementer.strip().toLowerCase(Locale.ROOT));
    }

    public boolean maintenance() {
        return origin == ChangeOrigin.PROVIDER_MAINTENANCE;
    }

    /** {@code CHG0000003 "Patch payments-db"}, or "the proposed window". */
    public String label() {
        if (number == null) {
            return "the proposed window";
        }
        return title == null ? number : number + " \"" + title + "\"";
    }

    private static void add(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value.strip().toLowerCase(Locale.ROOT));
        }
    }
}
