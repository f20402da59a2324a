package io.siamhub.change.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.siamhub.change.catalog.CatalogView;
import io.siamhub.change.lifecycle.ChangeCommands;
import io.siamhub.kit.problem.Problem;
import io.siamhub.kit.problem.ProblemException;

/** Query parameters read strictly: a bad value is a 400 naming the parameter and what it takes. */
final class Params {

    private Params() {
    }

    static <E extends Enum<E>> List<E> enums(Class<E> type, String name, List<String> values) {
        List<E> parsed = new ArrayList<>();
        for (String value : values == null ? List.<String> of() : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    parsed.add(Enum.valueOf(type, part.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw invalid(name, part.strip() + " is not one of " + Arrays.toString(type.getEnumConstants()));
                }
            }
        }
        return parsed;
    }

    static Instant instant(String name, String value) {
        try {
            return value == null || value.isBlank() ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name, value + " is not an ISO-8601 instant (2026-11-24T10:00:00Z)");
        }
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A service filter: null when absent; an id the catalog copy does not have is a 400 naming the parameter and the nearest ids. */
    static String service(CatalogView view, String name, String value) {
        String id = text(value);
        if (id != null && view.service(id) == null) {
            throw invalid(name, ChangeCommands.unknownService(view, id));
        }
        return id;
    }

    /** A CI filter: null when absent; an id the catalog copy does not have is a 400 naming the parameter and the nearest ids. */
    static String configurationItem(CatalogView view, String name, String value) {
        String id = text(value);
        if (id != null && view.item(id) == null) {
            throw invalid(name, ChangeCommands.unknownItem(view, id));
        }
        return id;
    }

    static ProblemException invalid(String name, String message) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, name + ": " + message,
                List.of(new Problem.FieldError(name, message))));
    }
}
