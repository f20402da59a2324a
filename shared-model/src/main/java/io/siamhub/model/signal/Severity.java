package io.siamhub.model.signal;

/** Normalized severity, most severe first; the provider's own value stays in {@code providerSeverity}. */
public enum Severity {
    CRITICAL, MAJOR, MINOR, WARNING, INFO;

    /** True when this severity is more severe than {@code other}. */
    public boolean isWorseThan(Severity other) {
        return other == null || ordinal() < other.ordinal();
    }
}
