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

    /**
     * Text as the hub keeps it: control characters removed (NUL and the other C0/C1 controls a sender may put
     * in JSON; tab, line feed and carriage return stay), then at most {@code max} characters, a longer text cut
     * (never inside a surrogate pair) and ended with a marker saying how long it was:
     * {@code … [truncated: 250000 characters]}. Null and blank stay null.
     *
     * @param max the most characters kept before the marker (&gt; 0)
     */
    public static String bounded(String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = CONTROL.matcher(value).replaceAll("");
        if (clean.isBlank()) {
            return null;
        }
        if (clean.length() <= max) {
            return clean;
        }
        int cut = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, cut) + "… [truncated: " + clean.length() + " characters]";
    }

    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");
}
