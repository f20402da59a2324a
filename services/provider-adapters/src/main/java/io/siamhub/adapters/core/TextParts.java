package io.siamhub.adapters.core;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/** Assembling titles and descriptions from optional provider fields. */
public final class TextParts {

    private TextParts() {
    }

    /** The first value that is not null or blank, or null. */
    public static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** The non-blank values joined by {@code separator}, or null when there are none. */
    public static String join(String separator, String... values) {
        String joined = Arrays.stream(values).filter(Objects::nonNull).filter(value -> !value.isBlank())
                .collect(Collectors.joining(separator));
        return joined.isEmpty() ? null : joined;
    }
}
