package io.siamhub.adapters;

import io.smallrye.config.ConfigMapping;

/**
 * Settings of the provider adapters ({@code siam.adapters.*}). Keys arrive with the capabilities that read them.
 */
@ConfigMapping(prefix = "siam.adapters")
public interface AdaptersConfig {
}
