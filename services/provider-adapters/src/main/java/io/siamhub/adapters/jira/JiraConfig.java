package io.siamhub.adapters.jira;

import java.util.List;
import java.util.Optional;

import io.siamhub.adapters.core.SeverityConfig;
import io.smallrye.config.ConfigMapping;

/** {@code siam.adapters.jira.*}: admin webhook secrets; severity map keyed by priority name. */
@ConfigMapping(prefix = "siam.adapters.jira")
public interface JiraConfig extends SeverityConfig {

    /** Secrets of the admin webhooks ({@code X-Hub-Signature}), comma-separated. */
    Optional<List<String>> secrets();
}
