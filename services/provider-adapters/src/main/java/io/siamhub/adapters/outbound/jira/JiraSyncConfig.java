package io.siamhub.adapters.outbound.jira;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code siam.adapters.outbound.jira.*}: the Jira Cloud site the hub keeps incident issues in, which
 * incidents it syncs, and how the hub's fields become the issue's. The maps default to Jira's default
 * workflow and priority scheme (statuses To Do / In Progress / Done; priorities Highest .. Lowest).
 */
@ConfigMapping(prefix = "siam.adapters.outbound.jira")
public interface JiraSyncConfig {

    /** The site, e.g. {@code https://acme.atlassian.net}; without it nothing is synced to Jira. */
    Optional<URI> url();

    /** The integration user's e-mail (basic auth with an API token). */
    Optional<String> username();

    /** Its API token; never logged. */
    Optional<String> password();

    /** A file holding the API token (a mounted secret), read at start instead of {@code password}. */
    Optional<Path> passwordFile();

    /**
     * OAuth client credentials of a service account instead of an API token ({@code oauth.token-url} =
     * {@code https://auth.atlassian.com/oauth/token}, {@code oauth.client-id}, {@code oauth.client-secret} or
     * {@code oauth.client-secret-file}, {@code oauth.scope}); both set is refused at start. With them, {@code url} is the
     * API gateway form {@code https://api.atlassian.com/ex/jira/<cloudId>} and {@code site-url} the site people browse.
     */
    Optional<io.siamhub.adapters.outbound.core.SyncOAuthConfig> oauth();

    /** The site people open issues on ({@code https://acme.atlassian.net}), for the ticket links; default {@code url}. */
    Optional<URI> siteUrl();

    /** The integration user's {@code accountId}: Jira's webhooks of the hub's own writes name it as {@code user.accountId}. */
    Optional<String> accountId();

    /** The project issues are created in ({@code OPS}). */
    @WithDefault("OPS")
    String projectKey();

    /** Their issue type ({@code Task}; {@code Incident} in a Jira Service Management project). */
    @WithDefault("Task")
    String issueType();

    /** Incident priorities that get an issue ({@code P1,P2}); an incident matching these or {@code sync-owners} is synced. */
    @WithDefault("P1,P2")
    List<String> syncPriorities();

    /** Owners whose incidents get an issue, whatever their priority. */
    Optional<List<String>> syncOwners();

    /** Hub status → the status name an issue is transitioned to (through the transitions API: Jira sets no status directly). */
    Map<String, String> statuses();

    /** Hub priority ({@code P1}..{@code P5}) → Jira priority name. */
    Map<String, String> priorities();

    /** Hub owner → assignee {@code accountId}; an owner not listed leaves the assignee alone. */
    Map<String, String> assignees();

    /**
     * Further fields set on create, by field id: a custom field ({@code customfield_10010}) or a system one
     * ({@code components}). A value that reads as JSON ({@code {"value": "Sev 1"}}, {@code [{"name": "payments"}]},
     * {@code 3}) is sent as that JSON, any other as text.
     */
    Map<String, String> createFields();

    /** The label every synced issue carries, followed by the incident id: how an orphan (created, not recorded) is found. */
    @WithDefault("siam-")
    String labelPrefix();
}
