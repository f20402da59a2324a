package io.siamhub.adapters.core;

import java.util.LinkedHashMap;

/** A signal's labels, in the order added; absent values are left out. */
public final class Labels extends LinkedHashMap<String, String> {

    /** Adds the label when both key and value are present. */
    public Labels add(String key, String value) {
        if (key != null && value != null) {
            put(key, value);
        }
        return this;
    }
}
