package io.siamhub.adapters.jira;

import java.util.List;
import java.util.Optional;

import io.siamhub.adapters.core.SeverityConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code siam.adapters.jira.*}: admin webhook secrets; severity map keyed by priority name. */
@ConfigMapping(prefix = "siam.adapters.jira")
public interface JiraConfig extends SeverityConfig {

    /** Secrets of the admin webhooks ({@code X-Hub-Signature}), comma-separated. */
    Optional<List<String>> secrets();

    /**
     * The {@code accountId}s siam-hub's own sync writes as (by default {@code siam.adapters.outbound.jira.account-id}):
     * a webhook whose {@code user.accountId} is one of them (for a comment event, which has no {@code user}: the
     * comment's author, its editor for an edit) is the echo of the hub's own write and yields no signal
     * ({@code siam_adapters_ignored_total{reason="echo"}}).
     */
    Optional<List<String>> integrationUsers();

    /**
     * The label prefix of the issues siam-hub's sync creates (as {@code siam.adapters.outbound.jira.label-prefix}):
     * an issue labelled {@code <prefix><incident id>} names its incident in the signal label {@code siamIncident}.
     */
    @WithDefault("siam-")
    String incidentLabelPrefix();
}
