package io.siamhub.adapters.pagerduty;

import java.util.List;
import java.util.Optional;

import io.siamhub.adapters.core.SeverityConfig;
import io.smallrye.config.ConfigMapping;

/**
 * {@code siam.adapters.pagerduty.*}: the webhook subscriptions' signing secrets (several during
 * rotation); severity map keyed by priority ({@code p1}..{@code p5}) or, without one, urgency
 * ({@code high}, {@code low}).
 */
@ConfigMapping(prefix = "siam.adapters.pagerduty")
public interface PagerDutyConfig extends SeverityConfig {

    /** Signing secrets of the webhook subscriptions, comma-separated. */
    Optional<List<String>> secrets();
}
