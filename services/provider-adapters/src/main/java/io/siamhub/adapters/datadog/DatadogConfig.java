package io.siamhub.adapters.datadog;

import io.siamhub.adapters.core.SecretsConfig;
import io.siamhub.adapters.core.SeverityConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code siam.adapters.datadog.*}: the shared secret the webhook sends in a custom header; severity map
 * keyed by monitor priority ({@code p1}..{@code p5}) or alert type ({@code error}, {@code warning}, ...).
 */
@ConfigMapping(prefix = "siam.adapters.datadog")
public interface DatadogConfig extends SecretsConfig, SeverityConfig {

    /** The custom header that carries the secret (set in the webhook's Custom Headers). */
    @WithDefault("x-siam-token")
    String secretHeader();
}
