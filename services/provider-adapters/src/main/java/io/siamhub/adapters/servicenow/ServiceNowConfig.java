package io.siamhub.adapters.servicenow;

import java.util.Map;

import io.siamhub.adapters.core.SeverityConfig;
import io.siamhub.adapters.core.SignedWebhookConfig;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.config.ConfigMapping;

/**
 * {@code siam.adapters.servicenow.*}: the business rule or flow signs its body with siam-hub's scheme;
 * severity map keyed by priority ({@code 1}..{@code 5}); the state map turns the instance's incident
 * states (codes or display names, which an instance may redefine) into signal statuses.
 */
@ConfigMapping(prefix = "siam.adapters.servicenow")
public interface ServiceNowConfig extends SignedWebhookConfig, SeverityConfig {

    /** Incident state (code or lower-case name) to signal status. */
    Map<String, SignalStatus> states();
}
