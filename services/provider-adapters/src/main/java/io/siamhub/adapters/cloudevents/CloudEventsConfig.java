package io.siamhub.adapters.cloudevents;

import io.siamhub.adapters.core.SeverityConfig;
import io.siamhub.adapters.core.SignedWebhookConfig;
import io.smallrye.config.ConfigMapping;

/**
 * {@code siam.adapters.cloudevents.*}: senders sign with siam-hub's scheme; the severity map applies
 * when an event gives only {@code providerSeverity}.
 */
@ConfigMapping(prefix = "siam.adapters.cloudevents")
public interface CloudEventsConfig extends SignedWebhookConfig, SeverityConfig {
}
