package io.siamhub.incident.rules;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An approved maintenance window, as the change coordinator published it.
 *
 * @param changeId the change's id
 * @param number   the change's number ({@code CHG0000001}), or null
 * @param startsAt start, inclusive (UTC)
 * @param endsAt   end, exclusive (UTC), or null for an open end
 * @param targets  {@code ci:<id>} and {@code service:<id>}
 */
public record MaintenanceWindow(String changeId, String number, Instant startsAt, Instant endsAt, Set<String> targets) {

    public MaintenanceWindow {
        targets = Set.copyOf(targets);
    }

    /** The targets as stored: comma separated {@code ci:<id>} and {@code service:<id>}. */
    public static Set<String> targets(String stored) {
        Set<String> names = new LinkedHashSet<>();
        for (String target : stored == null ? new String[0] : stored.split(",")) {
            if (!target.isEmpty()) {
                names.add(target);
            }
        }
        return names;
    }

    /** Whether it covers {@code target} ({@code ci:<id>} or {@code service:<id>}) at {@code at}. */
    public boolean covers(String target, Instant at) {
        return !at.isBefore(startsAt) && (endsAt == null || at.isBefore(endsAt)) && targets.contains(target);
    }

    /** How the timeline names it: its number, else its id. */
    public String name() {
        return number != null ? number : changeId;
    }
}
