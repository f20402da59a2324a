package io.siamhub.sla.definition;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.siamhub.model.Priority;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.SlaMetric;
import io.siamhub.sla.Invalid;

/**
 * Checks a {@link DefinitionSpec} and builds its {@link SlaDefinition}: unknown calendar, unknown party,
 * a target that is not a positive ISO-8601 duration and stages outside 1..99 are each named by their field.
 */
public final class DefinitionParser {

    private DefinitionParser() {
    }

    /**
     * @param knownCalendar whether a calendar id exists
     * @param knownParty    whether a party exists ({@code integrator}, a provider or resolver group of the catalog);
     *                      null skips the check (the seed file, read before the catalog has arrived)
     * @param knownService  whether a service id of {@code appliesTo.services} is a service of the catalog; null skips the
     *                      check (as for {@code knownParty})
     * @return the definition, or null when {@code errors} received anything
     */
    public static SlaDefinition parse(String id, DefinitionSpec spec, Predicate<String> knownCalendar, Predicate<String> knownParty,
            Predicate<String> knownService, Invalid errors) {
        int before = errors.errors().size();
        if (spec == null) {
            errors.add("body", "a definition is required");
            return null;
        }
        if (spec.name() == null || spec.name().isBlank()) {
            errors.add("name", "is required");
        } else if (spec.name().length() > 200) {
            errors.add("name", "is longer than 200 characters");
        }
        AgreementType type = oneOf(AgreementType.class, spec.type(), "type", errors);
        SlaMetric metric = oneOf(SlaMetric.class, spec.metric(), "metric", errors);
        String party = spec.party() == null ? null : spec.party().strip();
        if (party == null || party.isEmpty()) {
            errors.add("party", "is required: integrator, a resolver group or a provider id of the catalog");
        } else if (knownParty != null && !knownParty.test(party)) {
            errors.add("party", party + " is neither integrator nor a provider or resolver group of the catalog (siam.catalog.v1)");
        } else if (SlaDefinition.INTEGRATOR.equals(party) && (type == AgreementType.UC || type == AgreementType.OLA)) {
            // a UC/OLA clock runs while its party owns the incident, and the integrator never owns one
            errors.add("party", "a " + type + " is owed to the integrator by a provider (UC) or a resolver group (OLA): name that party; "
                    + "integrator is the party of an SLA");
        }
        Duration target = null;
        if (spec.target() == null || spec.target().isBlank()) {
            errors.add("target", "is required: an ISO-8601 duration such as PT4H");
        } else {
            try {
                target = Duration.parse(spec.target().strip());
                if (target.isNegative() || target.isZero()) {
                    errors.add("target", spec.target() + " is not positive");
                    target = null;
                }
            } catch (DateTimeParseException e) {
                errors.add("target", spec.target() + " is not an ISO-8601 duration such as PT4H or P1D (months and years are not durations)");
            }
        }
        if (spec.calendar() == null || spec.calendar().isBlank()) {
            errors.add("calendar", "is required: the id of a calendar of /api/sla/calendars");
        } else if (!knownCalendar.test(spec.calendar())) {
            errors.add("calendar", "no calendar " + spec.calendar() + " (PUT /api/sla/calendars/" + spec.calendar() + " first)");
        }
        List<Integer> stages = stages(spec.stages(), errors);
        Set<IncidentStatus> pauseWhile = pauseWhile(spec.pauseWhile(), errors);
        AppliesTo appliesTo = appliesTo(spec.appliesTo(), knownService, errors.nested("appliesTo"));
        if (errors.errors().size() > before) {
            return null;
        }
        return new SlaDefinition(id, spec.name(), type, party, metric, appliesTo, target, spec.calendar(), stages, pauseWhile,
                Boolean.TRUE.equals(spec.excludeMaintenance()), Boolean.TRUE.equals(spec.retroactiveStart()));
    }

    private static List<Integer> stages(List<Integer> given, Invalid errors) {
        TreeSet<Integer> stages = new TreeSet<>();
        if (given == null) {
            return List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            Integer stage = given.get(i);
            if (stage == null || stage < 1 || stage > 99) {
                errors.add("stages[" + i + "]", stage + " is outside 1..99 (percent of the target)");
            } else if (!stages.add(stage)) {
                errors.add("stages[" + i + "]", stage + " is given twice");
            }
        }
        return new ArrayList<>(stages);
    }

    private static Set<IncidentStatus> pauseWhile(List<String> given, Invalid errors) {
        Set<IncidentStatus> statuses = EnumSet.noneOf(IncidentStatus.class);
        if (given == null) {
            return statuses;
        }
        for (int i = 0; i < given.size(); i++) {
            IncidentStatus status = oneOf(IncidentStatus.class, given.get(i), "pauseWhile[" + i + "]", errors);
            if (status == IncidentStatus.RESOLVED || status == IncidentStatus.CLOSED) {
                errors.add("pauseWhile[" + i + "]", status + " stops the clock; it cannot pause it (use NEW, ACKNOWLEDGED, IN_PROGRESS or ON_HOLD)");
            } else if (status != null) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    private static AppliesTo appliesTo(DefinitionSpec.AppliesToSpec spec, Predicate<String> knownService, Invalid errors) {
        if (spec == null) {
            return AppliesTo.ANYTHING;
        }
        List<Priority> priorities = new ArrayList<>();
        if (spec.priorities() != null) {
            for (int i = 0; i < spec.priorities().size(); i++) {
                Priority priority = oneOf(Priority.class, spec.priorities().get(i), "priorities[" + i + "]", errors);
                if (priority != null) {
                    priorities.add(priority);
                }
            }
        }
        noBlanks(spec.services(), "services", errors);
        if (spec.services() != null && knownService != null) {
            for (int i = 0; i < spec.services().size(); i++) {
                String service = spec.services().get(i);
                if (service != null && !service.isBlank() && !knownService.test(service)) {
                    // a typo would make a definition that never applies, silently
                    errors.add("services[" + i + "]", service + " is not a service of the catalog (siam.catalog.v1): create it in the "
                            + "incident broker's catalog first (PUT /api/catalog/services/" + service + "), or correct the id");
                }
            }
        }
        noBlanks(spec.configurationItems(), "configurationItems", errors);
        noBlanks(spec.owners(), "owners", errors);
        return new AppliesTo(priorities, spec.services(), spec.configurationItems(), spec.owners(), spec.maintenance());
    }

    private static void noBlanks(List<String> values, String field, Invalid errors) {
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null || values.get(i).isBlank()) {
                    errors.add(field + "[" + i + "]", "is blank");
                }
            }
        }
    }

    static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field, Invalid errors) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (value == null || value.isBlank()) {
            errors.add(field, "is required: one of " + allowed);
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(field, value + " is not one of " + allowed);
            return null;
        }
    }
}
