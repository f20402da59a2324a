package io.siamhub.adapters.gcp;

import io.siamhub.adapters.core.SecretsConfig;
import io.siamhub.adapters.core.SeverityConfig;
import io.smallrye.config.ConfigMapping;

/**
 * {@code siam.adapters.gcp.*}: the token of a {@code webhook_tokenauth} channel ({@code ?token=...}) or the
 * credentials of a {@code webhook_basicauth} channel; severity map keyed by the policy severity
 * ({@code critical}, {@code error}, {@code warning}, {@code no severity}).
 */
@ConfigMapping(prefix = "siam.adapters.gcp")
public interface GcpConfig extends SecretsConfig, SeverityConfig {
}
