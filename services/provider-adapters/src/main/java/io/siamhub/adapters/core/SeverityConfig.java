package io.siamhub.adapters.core;

import java.util.Map;

import io.siamhub.model.signal.Severity;
import io.smallrye.config.WithDefault;

/** A provider's severity map: data, so an install can override it without a release. */
public interface SeverityConfig {

    /** The provider's severity value, lower case, to a normalized severity. */
    Map<String, Severity> severity();

    /** For values the map does not know (they are counted in {@code siam_adapters_unknown_severity_total}). */
    @WithDefault("WARNING")
    Severity defaultSeverity();
}
