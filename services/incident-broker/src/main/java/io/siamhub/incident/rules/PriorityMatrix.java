package io.siamhub.incident.rules;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.siamhub.incident.IncidentConfig;
import io.siamhub.model.Impact;
import io.siamhub.model.Priority;
import io.siamhub.model.Urgency;
import io.siamhub.model.signal.Severity;

/**
 * Impact × urgency → priority through the configured 3×3 matrix (ITIL by default), and severity →
 * urgency. Both tables must be complete: a gap fails the start, not an incident.
 */
public final class PriorityMatrix {

    private final Map<Impact, Map<Urgency, Priority>> matrix = new EnumMap<>(Impact.class);
    private final Map<Severity, Urgency> urgencies = new EnumMap<>(Severity.class);

    private final boolean maintenanceLowers;

    /** From the settings {@code siam.incident.priority.*}, {@code siam.incident.urgency.*} and the maintenance policy. */
    public PriorityMatrix(IncidentConfig config) {
        this(config.priority(), config.urgency(), config.maintenance().policy() == IncidentConfig.Maintenance.Policy.LOWER_PRIORITY);
    }

    /**
     * From the raw tables: keys {@code "<IMPACT>/<URGENCY>"} and severity names.
     *
     * @param maintenanceLowers whether an incident opened in maintenance gets its priority lowered one step
     */
    public PriorityMatrix(Map<String, Priority> priority, Map<String, Urgency> urgency, boolean maintenanceLowers) {
        this.maintenanceLowers = maintenanceLowers;
        List<String> missing = new ArrayList<>();
        for (Impact impact : Impact.values()) {
            Map<Urgency, Priority> row = new EnumMap<>(Urgency.class);
            for (Urgency level : Urgency.values()) {
                Priority value = lookup(priority, impact + "/" + level);
                if (value == null) {
                    missing.add("siam.incident.priority.\"" + impact + "/" + level + "\"");
                } else {
                    row.put(level, value);
                }
            }
            matrix.put(impact, row);
        }
        for (Severity severity : Severity.values()) {
            Urgency value = lookup(urgency, severity.name());
            if (value == null) {
                missing.add("siam.incident.urgency.\"" + severity + "\"");
            } else {
                urgencies.put(severity, value);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the priority settings are incomplete; missing " + String.join(", ", missing));
        }
    }

    public Priority priority(Impact impact, Urgency urgency) {
        return matrix.get(impact).get(urgency);
    }

    public Urgency urgency(Severity severity) {
        return urgencies.get(severity);
    }

    /** Sets the incident's priority from its impact and urgency (and maintenance, per policy). */
    public void prioritize(IncidentState incident) {
        Priority priority = priority(incident.impact, incident.urgency);
        incident.priority = incident.maintenance && maintenanceLowers ? lowered(priority) : priority;
    }

    /** One step less urgent (P1 → P2), P5 stays P5: how maintenance lowers a priority. */
    public static Priority lowered(Priority priority) {
        return priority == Priority.P5 ? Priority.P5 : Priority.values()[priority.ordinal() + 1];
    }

    private static <V> V lookup(Map<String, V> table, String key) {
        V value = table.get(key);
        return value != null ? value : table.get(key.toLowerCase(Locale.ROOT));
    }
}
