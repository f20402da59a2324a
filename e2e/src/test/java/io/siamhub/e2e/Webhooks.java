package io.siamhub.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.siamhub.localstack.DevSnsSigner;
import io.siamhub.localstack.DevWebhookSecrets;
import io.siamhub.localstack.HubService;

/**
 * Sends webhooks to the running adapters the way each provider does, with the credentials
 * {@code ./hub up} generated for this run (bearer token, HMAC secret, SNS signing key).
 */
public final class Webhooks {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Webhooks() {
    }

    /** POSTs a body to {@code /webhooks/<endpoint>} with valid credentials and extra headers. */
    public static HttpResponse<String> post(String endpoint, byte[] body, Map<String, String> headers) {
        byte[] sent = endpoint.equals("aws/sns") ? signedSns(body) : body;
        HttpRequest.Builder request = authenticated(endpoint, sent);
        headers.forEach(request::setHeader);
        return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request to the endpoint carrying valid credentials over {@code body}; the caller adds the body. */
    public static HttpRequest.Builder authenticated(String endpoint, byte[] body) {
        DevWebhookSecrets secrets = Hub.stack().webhookSecrets();
        String token = secrets.token();
        String hmac = secrets.hmacSecret();
        String url = Hub.url(HubService.PROVIDER_ADAPTERS) + "/webhooks/" + endpoint;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.equals("azure/monitor") ? url + "?token=" + token : url))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", endpoint.equals("aws/sns") ? "text/plain; charset=UTF-8" : "application/json");
        return switch (endpoint) {
            case "alertmanager", "gcp/monitoring" -> request.header("Authorization", "Bearer " + token);
            case "aws/eventbridge" -> request.header("x-api-key", token);
            case "datadog" -> request.header("X-Siam-Token", token);
            case "aws/sns", "azure/monitor" -> request;
            case "pagerduty" -> request.header("X-PagerDuty-Signature", "v1=" + hex(hmac, body))
                    .header("X-Webhook-Id", UUID.randomUUID().toString());
            case "jira" -> request.header("X-Hub-Signature", "sha256=" + hex(hmac, body));
            case "servicenow", "cloudevents" -> request.header("X-Siam-Signature", siamSignature(hmac, body, Instant.now()));
            default -> throw new IllegalArgumentException("no such endpoint: " + endpoint);
        };
    }

    /** An Alertmanager notification of one firing critical {@code DiskFull} alert on {@code instance} (a host CI's resource id). */
    public static byte[] diskFull(String instance) {
        return """
                {"version":"4","status":"firing","receiver":"siam","groupLabels":{},"commonLabels":{},"commonAnnotations":{},
                 "externalURL":"http://alertmanager","groupKey":"{}:{}","truncatedAlerts":0,
                 "alerts":[{"status":"firing","labels":{"alertname":"DiskFull","severity":"critical","instance":"%s"},
                 "annotations":{"summary":"disk 97 %% full"},"startsAt":"%s","endsAt":"0001-01-01T00:00:00Z",
                 "generatorURL":"","fingerprint":"%s"}]}""".formatted(instance, Instant.now(), Long.toHexString(instance.hashCode()))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}. */
    public static String siamSignature(String secret, byte[] body, Instant at) {
        long t = at.getEpochSecond();
        byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "t=" + t + ",v1=" + hex(secret, signed);
    }

    public static String hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The SNS envelope signed (SignatureVersion 2) by the run's dev key, whose certificate the adapters
     * have pinned under the name its SigningCertURL ends in — as AWS signs with its own, and as
     * {@code ./hub sns-sign} does.
     */
    public static byte[] signedSns(byte[] body) {
        return DevSnsSigner.sign(body, Hub.stack().webhookSecrets().snsSigningKeyStore(), false);
    }
}
