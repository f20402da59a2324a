package io.siamhub.adapters.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Request headers (or query parameters) by lower-case name, in arrival order. */
public record HttpHeaders(Map<String, List<String>> values) {

    public static final HttpHeaders EMPTY = new HttpHeaders(Map.of());

    public HttpHeaders {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Collects name/value pairs; names are folded to lower case. */
    public static HttpHeaders of(Iterable<Map.Entry<String, String>> entries) {
        Map<String, List<String>> values = new TreeMap<>();
        for (Map.Entry<String, String> entry : entries) {
            values.computeIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(entry.getValue());
        }
        return new HttpHeaders(values);
    }

    /** The first value of a header, or null. */
    public String first(String name) {
        List<String> all = values.get(name.toLowerCase(Locale.ROOT));
        return all == null || all.isEmpty() ? null : all.get(0);
    }

    /** Every value of a header (empty when absent). */
    public List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
