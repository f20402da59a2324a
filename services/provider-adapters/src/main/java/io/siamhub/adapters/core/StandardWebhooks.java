package io.siamhub.adapters.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature scheme (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * headers {@code webhook-id}, {@code webhook-timestamp} (unix seconds) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>}, several
 * space-separated signatures while secrets rotate. A secret is {@code whsec_<base64 key>}; a secret
 * without the prefix is used as its UTF-8 bytes (as the reference libraries accept a raw key).
 * siam-hub signs its outbound webhooks with it and accepts it on {@code /webhooks/cloudevents}.
 */
public final class StandardWebhooks {

    /** Header names (lower case; HTTP header names are case-insensitive). */
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    /** The prefix of a Standard Webhooks secret. */
    public static final String SECRET_PREFIX = "whsec_";

    private StandardWebhooks() {
    }

    /**
     * The key bytes of a secret: the base64 after {@code whsec_}, or the UTF-8 bytes of a secret without
     * the prefix.
     *
     * @throws IllegalArgumentException when the part after {@code whsec_} is not base64
     */
    public static byte[] key(String secret) {
        if (secret.startsWith(SECRET_PREFIX)) {
            return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** One signature, {@code v1,<base64>}, of {@code "<id>.<timestamp>.<body>"} with the secret's key. */
    public static String sign(String secret, String id, long timestampSeconds, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), signedContent(id, timestampSeconds, body)));
    }

    /** The {@code webhook-signature} value: one signature per secret, space-separated (rotation). */
    public static String signatures(List<String> secrets, String id, long timestampSeconds, byte[] body) {
        List<String> signatures = new ArrayList<>(secrets.size());
        for (String secret : secrets) {
            signatures.add(sign(secret, id, timestampSeconds, body));
        }
        return String.join(" ", signatures);
    }

    /**
     * Checks a request signed with this scheme against the configured secrets: the timestamp must be
     * within {@code tolerance} of the clock (replay protection), and one {@code v1} signature must match
     * one secret (constant-time compare).
     *
     * @throws SenderRejected naming what is missing or wrong
     */
    public static void verify(WebhookRequest request, String provider, List<String> secrets, Duration tolerance, Clock clock) {
        String id = request.headers().first(ID);
        String timestamp = request.headers().first(TIMESTAMP);
        String signature = request.headers().first(SIGNATURE);
        if (id == null || timestamp == null || signature == null) {
            throw new SenderRejected("a Standard Webhooks signature needs the webhook-id, webhook-timestamp and webhook-signature headers");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new SenderRejected("webhook-timestamp is not a number of unix seconds");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > tolerance.toSeconds()) {
            throw new SenderRejected("webhook-timestamp is " + skew + " s away from now, outside the " + tolerance.toSeconds()
                    + " s window (replayed or clock skew)");
        }
        if (secrets.isEmpty()) {
            throw new SenderRejected("no signing secret is configured for " + provider + ": every request is refused");
        }
        byte[] content = signedContent(id, seconds, request.body());
        List<byte[]> offered = new ArrayList<>();
        for (String part : signature.trim().split(" +")) {
            if (part.startsWith("v1,")) {
                try {
                    offered.add(Base64.getDecoder().decode(part.substring(3)));
                } catch (IllegalArgumentException e) {
                    // not base64: cannot match, other signatures may
                }
            }
        }
        if (offered.isEmpty()) {
            throw new SenderRejected("webhook-signature has no v1,<base64> signature");
        }
        boolean matched = false;
        for (String secret : secrets) {
            byte[] key;
            try {
                key = key(secret);
            } catch (IllegalArgumentException e) {
                continue;
            }
            byte[] expected = hmac(key, content);
            for (byte[] candidate : offered) {
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!matched) {
            throw new SenderRejected("webhook-signature does not match the body with any secret configured for " + provider);
        }
    }

    private static byte[] signedContent(String id, long timestampSeconds, byte[] body) {
        byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
