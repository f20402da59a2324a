package io.siamhub.change;

import io.smallrye.config.ConfigMapping;

/**
 * Settings of the change coordinator ({@code siam.change.*}). Keys arrive with the capabilities that read them.
 */
@ConfigMapping(prefix = "siam.change")
public interface ChangeConfig {
}
