package io.siamhub.adapters.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signature schemes over the raw body. Each compares in constant time against every
 * configured secret.
 */
public final class HmacSignatures {

    private static final HexFormat HEX = HexFormat.of();

    private HmacSignatures() {
    }

    /** Hex HMAC-SHA256 of {@code content} with {@code secret}. */
    public static String hex(String secret, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * PagerDuty: {@code X-PagerDuty-Signature: v1=<hex>[,v1=<hex>...]}; accepted when any signature matches
     * any secret (https://developer.pagerduty.com/docs/webhooks/webhook-signatures/).
     */
    public static void requireVersioned(WebhookRequest request, String header, String provider, List<String> secrets) {
        List<String> signatures = new ArrayList<>();
        for (String value : request.headers().all(header)) {
            for (String part : value.split(",")) {
                String trimmed = part.trim();
                if (trimmed.startsWith("v1=")) {
                    signatures.add(trimmed.substring(3));
                }
            }
        }
        requireOneOf(signatures, request.body(), header, provider, secrets);
    }

    /** {@code X-Hub-Signature: sha256=<hex>} (WebSub style, as Jira sends it). */
    public static void requirePrefixed(WebhookRequest request, String header, String prefix, String provider,
            List<String> secrets) {
        String value = request.headers().first(header);
        if (value == null) {
            throw new SenderRejected("no " + header + " header of the form " + prefix + "<hex>");
        }
        int equals = value.indexOf('=');
        if (!value.startsWith(prefix) && equals > 0 && value.substring(0, equals).matches("[A-Za-z0-9-]{1,20}")) {
            throw new SenderRejected(header + " is signed with " + value.substring(0, equals) + "; siam-hub verifies only "
                    + prefix + "<hex> (HMAC-SHA256)");
        }
        if (!value.startsWith(prefix)) {
            throw new SenderRejected(header + " is not of the form " + prefix + "<hex>");
        }
        requireOneOf(List.of(value.substring(prefix.length()).trim()), request.body(), header, provider, secrets);
    }

    /**
     * siam-hub's own scheme: {@code X-Siam-Signature: t=<unix seconds>,v1=<hex HMAC(secret, "<t>.<body>")>},
     * refused when {@code t} is further than {@code tolerance} from now (replay protection).
     */
    public static void requireTimestamped(WebhookRequest request, String header, String provider, List<String> secrets,
            Duration tolerance, Clock clock) {
        String value = request.headers().first(header);
        if (value == null) {
            throw new SenderRejected("no " + header + " header (t=<unix seconds>,v1=<hex>)");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : value.split(",")) {
            String trimmed = part.trim();
            if (trimmed.startsWith("t=")) {
                try {
                    timestamp = Long.parseLong(trimmed.substring(2));
                } catch (NumberFormatException e) {
                    throw new SenderRejected(header + " has a timestamp that is not a number");
                }
            } else if (trimmed.startsWith("v1=")) {
                signatures.add(trimmed.substring(3));
            }
        }
        if (timestamp == null) {
            throw new SenderRejected(header + " has no t= timestamp");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (skew > tolerance.toSeconds()) {
            throw new SenderRejected(header + " timestamp is " + skew + " s away from now, outside the "
                    + tolerance.toSeconds() + " s window (replayed or clock skew)");
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + request.body().length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(request.body(), 0, signed, prefix.length, request.body().length);
        requireOneOf(signatures, signed, header, provider, secrets);
    }

    private static void requireOneOf(List<String> signatures, byte[] content, String header, String provider,
            List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new SenderRejected("no signing secret is configured for " + provider + ": every request is refused");
        }
        if (signatures.isEmpty()) {
            throw new SenderRejected("no signature in " + header);
        }
        boolean matched = false;
        for (String secret : secrets) {
            byte[] expected = hex(secret, content).getBytes(StandardCharsets.US_ASCII);
            for (String signature : signatures) {
                matched |= MessageDigest.isEqual(expected, signature.toLowerCase(java.util.Locale.ROOT)
                        .getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (!matched) {
            throw new SenderRejected(header + " does not match the body with any secret configured for " + provider);
        }
    }
}
