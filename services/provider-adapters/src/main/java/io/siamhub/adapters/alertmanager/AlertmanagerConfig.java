package io.siamhub.adapters.alertmanager;

import io.siamhub.adapters.core.SecretsConfig;
import io.siamhub.adapters.core.SeverityConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code siam.adapters.alertmanager.*}: Alertmanager's {@code http_config} credentials and its severity map. */
@ConfigMapping(prefix = "siam.adapters.alertmanager")
public interface AlertmanagerConfig extends SecretsConfig, SeverityConfig {

    /** The label that carries an alert's severity. */
    @WithDefault("severity")
    String severityLabel();
}
