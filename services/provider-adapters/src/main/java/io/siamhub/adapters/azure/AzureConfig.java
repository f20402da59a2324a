package io.siamhub.adapters.azure;

import io.siamhub.adapters.core.SecretsConfig;
import io.siamhub.adapters.core.SeverityConfig;
import io.smallrye.config.ConfigMapping;

/**
 * {@code siam.adapters.azure.*}: action groups send no custom headers, so the token travels in the
 * webhook URI ({@code ?token=...}) or as basic credentials in it; the severity map is keyed by
 * {@code sev0}..{@code sev4}.
 */
@ConfigMapping(prefix = "siam.adapters.azure")
public interface AzureConfig extends SecretsConfig, SeverityConfig {
}
