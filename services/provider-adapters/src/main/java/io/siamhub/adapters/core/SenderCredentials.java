package io.siamhub.adapters.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Shared-secret checks: bearer tokens, basic auth, API-key headers and query tokens. Every compare
 * is constant-time (both sides are hashed first, so not even the length leaks), and every configured
 * secret is tried, so several can be active while one is rotated out.
 */
public final class SenderCredentials {

    private SenderCredentials() {
    }

    /** {@code Authorization: Bearer <token>} against the tokens, or {@code Basic} against {@code user:password} pairs. */
    public static void bearerOrBasic(WebhookRequest request, String provider, List<String> tokens, List<String> basicAuth) {
        requireConfigured(provider, tokens, basicAuth);
        String authorization = request.headers().first("authorization");
        if (authorization == null) {
            throw new SenderRejected("no Authorization header: a bearer token or basic credentials are required");
        }
        if (startsWithIgnoreCase(authorization, "Bearer ")) {
            if (!matchesAny(authorization.substring(7).trim(), tokens)) {
                throw new SenderRejected("the bearer token matches none of the tokens configured for " + provider);
            }
            return;
        }
        if (startsWithIgnoreCase(authorization, "Basic ")) {
            if (!matchesAny(decodeBasic(authorization.substring(6).trim()), basicAuth)) {
                throw new SenderRejected("the basic credentials match none configured for " + provider);
            }
            return;
        }
        throw new SenderRejected("the Authorization scheme is neither Bearer nor Basic");
    }

    /** A secret in a named header (API-key style). */
    public static void header(WebhookRequest request, String provider, String header, List<String> tokens) {
        requireConfigured(provider, tokens, List.of());
        String value = request.headers().first(header);
        if (value == null) {
            throw new SenderRejected("no " + header + " header");
        }
        if (!matchesAny(value.trim(), tokens)) {
            throw new SenderRejected("the " + header + " header matches none of the secrets configured for " + provider);
        }
    }

    /** A token in the {@code token} query parameter, else bearer or basic auth. */
    public static void queryTokenOrBearerOrBasic(WebhookRequest request, String provider, List<String> tokens,
            List<String> basicAuth) {
        String token = request.query().first("token");
        if (token == null) {
            bearerOrBasic(request, provider, tokens, basicAuth);
            return;
        }
        requireConfigured(provider, tokens, List.of());
        if (!matchesAny(token, tokens)) {
            throw new SenderRejected("the token query parameter matches none of the tokens configured for " + provider);
        }
    }

    /** Constant-time: true when {@code candidate} equals one of {@code secrets}. */
    public static boolean matchesAny(String candidate, List<String> secrets) {
        byte[] digest = sha256(candidate);
        boolean matched = false;
        for (String secret : secrets) {
            matched |= MessageDigest.isEqual(digest, sha256(secret));
        }
        return matched;
    }

    private static void requireConfigured(String provider, List<String> tokens, List<String> basicAuth) {
        if (tokens.isEmpty() && basicAuth.isEmpty()) {
            throw new SenderRejected("no credentials are configured for " + provider + ": every request is refused");
        }
    }

    private static String decodeBasic(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SenderRejected("the basic credentials are not valid base64");
        }
    }

    private static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
