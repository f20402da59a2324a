package io.siamhub.change.links;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.siamhub.change.catalog.CatalogView;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.incident.Incident;

/**
 * Which changes an incident is suspected to come from, pure: a change that touches the incident's CI or service
 * (or a service within the dependency depth) and was IN_PROGRESS when the incident opened, or had COMPLETED,
 * FAILED or been BACKED_OUT less than the suspect window before. Times are the change's actual window (when it
 * really ran), else its planned one; all half-open. Ranked by proximity: running ones first (the same CI before a
 * related service), then by how soon after the end the incident opened.
 */
public final class SuspectRule {

    /** One suspected change, with why and how close. */
    public record Suspect(ChangeRequest change, String reason, Duration distance, boolean sameItem) {
    }

    private SuspectRule() {
    }

    public static List<Suspect> suspects(Incident incident, List<ChangeRequest> changes, CatalogView catalog, int depth,
            Duration suspectWindow) {
        Instant at = incident.createdAt();
        if (at == null) {
            return List.of();
        }
        Set<String> incidentServices = new TreeSet<>();
        if (incident.service() != null) {
            incidentServices.add(incident.service());
        }
        ConfigurationItem item = catalog.item(incident.configurationItem());
        if (item != null && item.service() != null) {
            incidentServices.add(item.service());
        }
        List<Suspect> found = new ArrayList<>();
        for (ChangeRequest change : changes) {
            boolean sameItem = incident.configurationItem() != null && change.configurationItems().contains(incident.configurationItem());
            Set<String> related = catalog.related(catalog.servicesOf(change.services(), change.configurationItems()), depth);
            Set<String> shared = new TreeSet<>(related);
            shared.retainAll(incidentServices);
            if (!sameItem && shared.isEmpty()) {
                continue;
            }
            String on = sameItem ? incident.configurationItem() : "service " + String.join(", ", shared);
            Instant start = change.actual() != null && change.actual().start() != null ? change.actual().start()
                    : change.window() == null ? null : change.window().start();
            Instant end = change.actual() != null && change.actual().end() != null ? change.actual().end()
                    : change.status() == ChangeStatus.IN_PROGRESS ? null : change.window() == null ? null : change.window().end();
            if (start == null || at.isBefore(start)) {
                continue;
            }
            boolean ran = change.status() == ChangeStatus.IN_PROGRESS || change.status().finished();
            if (!ran) {
                continue;
            }
            if (end == null || at.isBefore(end)) {
                found.add(new Suspect(change, incident.number() + " opened on " + on + " while " + change.number() + " was in progress",
                        Duration.ZERO, sameItem));
            } else if (change.status().finished() && at.isBefore(end.plus(suspectWindow))) {
                Duration after = Duration.between(end, at);
                found.add(new Suspect(change, incident.number() + " opened on " + on + " " + words(after) + " after " + change.number()
                        + " " + change.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), after, sameItem));
            }
        }
        found.sort(Comparator.comparing(Suspect::distance).thenComparing(suspect -> !suspect.sameItem())
                .thenComparing(suspect -> suspect.change().number()));
        return found;
    }

    /** {@code 35 min}, {@code 2 h 5 min}. */
    static String words(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}
