package io.siamhub.adapters.core;

import io.siamhub.kit.messaging.PermanentFailure;

/**
 * A stored webhook the adapter cannot turn into signals. The normalizer dead-letters the raw record
 * with this reason; it can be replayed after the mapping is fixed.
 */
public class MappingFailure extends PermanentFailure {

    /** A short, stable label for metrics ({@code unsupported_schema}, {@code missing_field}, ...). */
    private final String reason;

    public MappingFailure(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public static MappingFailure missing(String field) {
        return new MappingFailure("missing_field", "required field " + field + " is missing");
    }

    public static MappingFailure unsupported(String what) {
        return new MappingFailure("unsupported", what + " is not supported");
    }
}
