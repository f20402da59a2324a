package io.siamhub.incident;

import io.smallrye.config.ConfigMapping;

/**
 * Settings of the incident broker ({@code siam.incident.*}). The correlation, reopen, flapping and
 * priority settings arrive with the capabilities that read them.
 */
@ConfigMapping(prefix = "siam.incident")
public interface IncidentConfig {
}
