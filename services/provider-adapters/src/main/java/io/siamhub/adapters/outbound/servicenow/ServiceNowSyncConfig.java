package io.siamhub.adapters.outbound.servicenow;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code siam.adapters.outbound.servicenow.*}: the instance the hub keeps incident tickets in, which
 * incidents it syncs, and how the hub's fields become the instance's. The maps default to a ServiceNow
 * instance's out-of-the-box values (incident {@code state} 1 New, 2 In Progress, 3 On Hold, 6 Resolved,
 * 7 Closed; {@code impact}/{@code urgency} 1 High, 2 Medium, 3 Low; {@code priority} 1 Critical .. 5
 * Planning); an instance that redefines them overrides the keys it changed.
 */
@ConfigMapping(prefix = "siam.adapters.outbound.servicenow")
public interface ServiceNowSyncConfig {

    /** The instance, e.g. {@code https://acme.service-now.com}; without it nothing is synced to ServiceNow. */
    Optional<URI> url();

    /** The integration user (basic auth); its name is also how the instance's webhooks of the hub's own updates are recognised. */
    Optional<String> username();

    /** Its password; never logged. */
    Optional<String> password();

    /** A file holding the password (a mounted secret), read at start instead of {@code password}. */
    Optional<Path> passwordFile();

    /**
     * OAuth client credentials instead of the basic ones ({@code oauth.token-url} = {@code <instance>/oauth_token.do},
     * {@code oauth.client-id}, {@code oauth.client-secret} or {@code oauth.client-secret-file}, {@code oauth.scope});
     * both set is refused at start. The OAuth Application User of the instance's OAuth entity writes the tickets: list it
     * in {@code siam.adapters.servicenow.integration-users} so its webhooks are known as the hub's echo.
     */
    Optional<io.siamhub.adapters.outbound.core.SyncOAuthConfig> oauth();

    /** Incident priorities that get a ticket ({@code P1,P2}); an incident matching these or {@code sync-owners} is synced. */
    @WithDefault("P1,P2")
    List<String> syncPriorities();

    /** Owners (provider or resolver group) whose incidents get a ticket, whatever their priority. */
    Optional<List<String>> syncOwners();

    /** Hub status ({@code NEW}, {@code ACKNOWLEDGED}, ...) → incident {@code state}. */
    Map<String, String> states();

    /** Hub impact / urgency ({@code HIGH}, {@code MEDIUM}, {@code LOW}) → {@code impact} / {@code urgency}. */
    Map<String, String> levels();

    /** Hub priority ({@code P1}..{@code P5}) → {@code priority} (an instance's priority lookup rule may recompute it from impact × urgency). */
    Map<String, String> priorities();

    /** Hub owner → {@code assignment_group} (the group's sys_id or name); an owner not listed leaves the group alone. */
    Map<String, String> assignmentGroups();

    /** Further fields set on create (e.g. {@code caller_id}, {@code category}, a custom {@code u_source}). */
    Map<String, String> createFields();

    /** {@code close_code} sent with a resolution (the instance's data policy requires one). */
    @WithDefault("Solved (Permanently)")
    String closeCode();

    /**
     * {@code hold_reason} sent with the On Hold state ({@code states.ON_HOLD}, default {@code 3}), which many instances
     * require (a data policy): a choice of the instance's {@code incident.hold_reason} ({@code sys_choice}); the base
     * instance's {@code 1} is Awaiting Caller, the others (Awaiting Change, Awaiting Problem, Awaiting Vendor) differ by
     * release and customisation, so look them up there. Empty: none sent.
     */
    @WithDefault("1")
    String holdReason();

    /**
     * The journal field a person's comment in the hub goes to: {@code work_notes} (internal, the default) or
     * {@code comments} (Additional comments, visible to the caller). Another value stops the start.
     */
    @WithDefault("work_notes")
    String commentField();

    /** {@code correlation_display}, shown on the ticket as the system it is correlated with. */
    @WithDefault("siam-hub")
    String correlationDisplay();
}
