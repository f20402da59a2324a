package io.siamhub.sla;

import io.smallrye.config.ConfigMapping;

/**
 * Settings of the SLA monitor ({@code siam.sla.*}). Keys arrive with the capabilities that read them.
 */
@ConfigMapping(prefix = "siam.sla")
public interface SlaConfig {
}
