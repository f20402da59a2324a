package io.siamhub.adapters.outbound.core;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;


/**
 * {@code siam.adapters.outbound.<target>.oauth.*}: OAuth 2.0 client credentials (RFC 6749 §4.4) instead of basic
 * credentials. The hub asks {@code token-url} for an access token ({@code grant_type=client_credentials},
 * {@code client_id} and {@code client_secret} in the form body) and sends it as {@code Authorization: Bearer}; the
 * token is kept until {@code refresh-before} its {@code expires_in} runs out, and fetched again once when the target
 * answers 401.
 * <ul>
 * <li>ServiceNow: {@code https://<instance>.service-now.com/oauth_token.do}, an OAuth API endpoint for external
 * clients with an OAuth Application User, and the instance property
 * {@code glide.oauth.inbound.client.credential.grant_type.enabled=true}
 * (https://docs.servicenow.com/bundle/washingtondc-platform-security/page/integrate/authentication/concept/client-credentials.html).</li>
 * <li>Jira Cloud: a service account's OAuth 2.0 credential, token URL {@code https://auth.atlassian.com/oauth/token}
 * (tokens live 60 minutes); its API is then called through {@code https://api.atlassian.com/ex/jira/<cloudId>}, which
 * is what {@code siam.adapters.outbound.jira.url} must be
 * (https://support.atlassian.com/user-management/docs/create-oauth-2-0-credential-for-service-accounts/).</li>
 * </ul>
 */
public interface SyncOAuthConfig {

    /** The token endpoint (absolute URL). */
    URI tokenUrl();

    /** The OAuth client id. */
    String clientId();

    /** The client secret; never logged. Either this or {@code client-secret-file}. */
    Optional<String> clientSecret();

    /** A file holding the client secret (a mounted secret), read at start instead of {@code client-secret}. */
    Optional<Path> clientSecretFile();

    /** The scopes asked for, space-separated as the token endpoint takes them (Atlassian: the credential's scopes); none by default. */
    Optional<String> scope();

    /**
     * How long before its {@code expires_in} runs out a token is fetched again (a call never starts with a token about to
     * lapse); default {@link #REFRESH_BEFORE}. (No {@code @WithDefault}: a default would make the optional group present
     * for a target without OAuth.)
     */
    Optional<Duration> refreshBefore();

    /** The default of {@code refresh-before}. */
    Duration REFRESH_BEFORE = Duration.ofSeconds(60);
}
