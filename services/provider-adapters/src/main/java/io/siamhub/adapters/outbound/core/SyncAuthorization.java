package io.siamhub.adapters.outbound.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.common.runtime.config.OidcClientCommonConfig.Credentials.Secret.Method;
import io.smallrye.mutiny.Uni;

/**
 * The {@code Authorization} header a sync target's calls carry: none, basic credentials
 * ({@code .username} + {@code .password} / {@code .password-file}), or an OAuth 2.0 client-credentials access token
 * ({@code .oauth.*}, {@link SyncOAuthConfig}) fetched through a Quarkus {@link OidcClient} made for the target. A
 * token is kept until {@code refresh-before} its {@code expires_in} (read on the injected clock) runs out; a 401 of
 * the target drops it ({@link #renew}) so the next header is a fresh one. A refused token request (RFC 6749 §5.2
 * {@code invalid_client}, {@code unauthorized_client}, {@code invalid_grant}, {@code invalid_scope},
 * {@code unsupported_grant_type}, {@code invalid_request}, or {@code access_denied} as ServiceNow words it) fails the
 * attempt permanently, naming the keys to check; a token endpoint that is down or answers 5xx is retried. Secrets
 * and tokens go into headers and the token request only: never into a log line, an error or a delivery row.
 */
public final class SyncAuthorization {

    private static final Logger LOG = Logger.getLogger(SyncAuthorization.class);
    private static final Set<String> REFUSALS = Set.of("invalid_client", "unauthorized_client", "invalid_grant", "invalid_scope",
            "unsupported_grant_type", "invalid_request", "access_denied");

    private final String target;
    private final String basic;
    private final SyncOAuthConfig oauth;
    private final String secret;
    private final OidcClients clients;
    private final Clock clock;
    private final ObjectMapper mapper;
    private volatile OidcClient client;
    private volatile Token token;
    private Uni<Token> fetching;

    private record Token(String header, Instant renewAt) {
    }

    private SyncAuthorization(String target, String basic, SyncOAuthConfig oauth, String secret, OidcClients clients, Clock clock,
            ObjectMapper mapper) {
        this.target = target;
        this.basic = basic;
        this.oauth = oauth;
        this.secret = secret;
        this.clients = clients;
        this.clock = clock;
        this.mapper = mapper;
    }

    /**
     * The authorization of {@code target} as configured: OAuth when {@code .oauth.*} is set, else basic when
     * {@code .username} is, else none.
     *
     * @throws IllegalStateException at start, naming the keys, when both basic and OAuth credentials are set (the hub
     *                               would not know which identity writes the tickets), when OAuth has neither
     *                               {@code client-secret} nor {@code client-secret-file}, or a secret file cannot be read
     */
    public static SyncAuthorization of(String target, Optional<String> user, Optional<String> password, Optional<Path> passwordFile,
            Optional<SyncOAuthConfig> oauth, OidcClients clients, Clock clock, ObjectMapper mapper) {
        String key = "siam.adapters.outbound." + target;
        if (oauth.isPresent()) {
            if (user.isPresent() || password.isPresent() || passwordFile.isPresent()) {
                throw new IllegalStateException(key + ": both basic credentials (" + key + ".username/.password) and OAuth client credentials ("
                        + key + ".oauth.*) are set; set one of them (the tickets are written as one identity)");
            }
            SyncOAuthConfig config = oauth.get();
            if (config.clientSecret().isEmpty() && config.clientSecretFile().isEmpty()) {
                throw new IllegalStateException(key + ".oauth.client-secret (or .oauth.client-secret-file) is not set");
            }
            String secret = config.clientSecretFile().map(file -> read(file, key + ".oauth.client-secret-file"))
                    .orElseGet(() -> config.clientSecret().get());
            return new SyncAuthorization(target, null, config, secret, clients, clock, mapper);
        }
        String basic = SyncHttp.basic(user, password, passwordFile, key);
        return new SyncAuthorization(target, basic, null, null, clients, clock, mapper);
    }

    /** True for OAuth: a 401 is worth one more try with a fresh token. */
    public boolean renews() {
        return oauth != null;
    }

    /** How the calls authenticate, for the start-up log line: {@code none}, {@code basic} or {@code oauth <token url>}. */
    public String describe() {
        return oauth != null ? "oauth " + oauth.tokenUrl() : basic != null ? "basic" : "none";
    }

    /**
     * The header value for the next calls (null: none). With OAuth, the kept token, else a new one; fails with a
     * {@link SyncHttp.CallFailed} whose attempt says why the token endpoint did not give one.
     */
    public Uni<String> header() {
        if (oauth == null) {
            return Uni.createFrom().item(basic);
        }
        Token kept = token;
        if (kept != null && clock.instant().isBefore(kept.renewAt())) {
            return Uni.createFrom().item(kept.header());
        }
        return fetch().map(Token::header);
    }

    /** The target refused {@code header} (401): the next {@link #header} fetches a new token (unless one replaced it already). */
    public void renew(String header) {
        Token kept = token;
        if (kept != null && kept.header().equals(header)) {
            token = null;
        }
    }

    private synchronized Uni<Token> fetch() {
        if (fetching == null) {
            fetching = client().chain(OidcClient::getTokens).map(this::kept)
                    .onFailure(failure -> !(failure instanceof SyncHttp.CallFailed)).transform(this::refusal)
                    .onTermination().invoke(this::fetched)
                    .memoize().indefinitely();
        }
        return fetching;
    }

    private synchronized void fetched() {
        fetching = null;
    }

    private Token kept(Tokens tokens) {
        String access = tokens.getAccessToken();
        if (access == null || access.isBlank()) {
            throw new SyncHttp.CallFailed(Attempt.failed("the OAuth token endpoint " + oauth.tokenUrl() + " answered without access_token",
                    Duration.ZERO));
        }
        Instant now = clock.instant();
        Long expiresIn = expiresIn(tokens);
        Instant renewAt = Instant.MAX;
        if (expiresIn != null) {
            Duration lifetime = Duration.ofSeconds(expiresIn);
            Duration before = oauth.refreshBefore().orElse(SyncOAuthConfig.REFRESH_BEFORE);
            Duration early = before.compareTo(lifetime) < 0 ? before : lifetime.dividedBy(2);
            renewAt = now.plus(lifetime).minus(early);
        }
        Token fresh = new Token("Bearer " + access, renewAt);
        token = fresh;
        LOG.debugf("%s sync: OAuth token fetched from %s, kept until %s", target, oauth.tokenUrl(), renewAt);
        return fresh;
    }

    /** {@code expires_in} of the grant response (seconds), or null when the endpoint gave none. */
    private static Long expiresIn(Tokens tokens) {
        String value = tokens.get("expires_in");
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Uni<OidcClient> client() {
        OidcClient made = client;
        if (made != null) {
            return Uni.createFrom().item(made);
        }
        var builder = OidcClientConfig.builder().id("siam-sync-" + target).authServerUrl(oauth.tokenUrl().toString())
                .discoveryEnabled(false).tokenPath(oauth.tokenUrl().toString()).clientId(oauth.clientId())
                .credentials().clientSecret(secret, Method.POST).end()
                .grant(OidcClientConfig.Grant.Type.CLIENT);
        oauth.scope().filter(scope -> !scope.isBlank()).ifPresent(scope -> builder.scopes(scope.strip().split("\\s+")));
        return clients.newClient(builder.build()).invoke(created -> client = created);
    }

    /** Why the token endpoint gave no token, as the attempt's failure: permanent when it refused the client, else retried. */
    private Throwable refusal(Throwable failure) {
        String url = oauth.tokenUrl().toString();
        String body = failure instanceof OidcClientException ? failure.getMessage() : null;
        JsonNode answer = json(body);
        String error = answer.path("error").asText("");
        String description = answer.path("error_description").asText("");
        if (REFUSALS.contains(error.toLowerCase(Locale.ROOT)) || "access_denied".equalsIgnoreCase(description)) {
            String key = "siam.adapters.outbound." + target + ".oauth";
            return new SyncHttp.CallFailed(Attempt.permanent("the OAuth token endpoint " + url + " refused the client: " + error
                    + (description.isEmpty() ? "" : " (" + description + ")") + "; check " + key + ".client-id, " + key
                    + ".client-secret and " + key + ".scope", Duration.ZERO));
        }
        String why = body != null && !body.isBlank() ? body.substring(0, Math.min(body.length(), 200))
                : failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        return new SyncHttp.CallFailed(Attempt.failed("no OAuth token from " + url + ": " + why, Duration.ZERO));
    }

    private JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return mapper.createObjectNode();
        }
    }

    private static String read(Path file, String key) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalStateException(key + " cannot be read: " + e.getMessage());
        }
    }
}
