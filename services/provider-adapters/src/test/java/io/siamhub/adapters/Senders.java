package io.siamhub.adapters;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.siamhub.adapters.core.HmacSignatures;
import io.siamhub.model.SiamJson;

/**
 * Sends webhooks the way each provider does, with the test profile's credentials
 * (application.properties, {@code %test.siam.adapters.*}).
 */
public final class Senders {

    public static final String AM_TOKEN = "am-token-new";
    public static final String PD_SECRET = "pd-secret-new";
    public static final String JIRA_SECRET = "jira-secret";
    public static final String SNOW_SECRET = "snow-secret";
    public static final String CE_SECRET = "ce-secret";

    private Senders() {
    }

    /** POSTs a fixture with valid credentials (SNS messages are re-signed with the pinned test key). */
    public static Response post(FixtureCase fixture) {
        byte[] body = fixture.bytes();
        if (fixture.endpoint().equals("aws/sns")) {
            body = signedSns(body, 1).getBytes(StandardCharsets.UTF_8);
        }
        RequestSpecification request = authenticated(fixture.endpoint(), body);
        fixture.headers().forEach(request::header);
        return request.body(body).post("/webhooks/" + fixture.endpoint());
    }

    /** A request carrying valid credentials for the endpoint, over {@code body} (for HMAC schemes). */
    public static RequestSpecification authenticated(String endpoint, byte[] body) {
        RequestSpecification request = given().contentType(endpoint.equals("aws/sns") ? "text/plain; charset=UTF-8" : "application/json");
        return switch (endpoint) {
            case "alertmanager" -> request.header("Authorization", "Bearer " + AM_TOKEN);
            case "aws/eventbridge" -> request.header("x-api-key", "eb-api-key");
            case "aws/sns" -> request;
            case "azure/monitor" -> request.queryParam("token", "azure-token");
            case "gcp/monitoring" -> request.auth().preemptive().basic("gcp", "gcp-password");
            case "pagerduty" -> request.header("X-PagerDuty-Signature", "v1=" + HmacSignatures.hex(PD_SECRET, body))
                    .header("X-Webhook-Id", java.util.UUID.randomUUID().toString());
            case "datadog" -> request.header("X-Siam-Token", "dd-token");
            case "jira" -> request.header("X-Hub-Signature", "sha256=" + HmacSignatures.hex(JIRA_SECRET, body));
            case "servicenow" -> request.header("X-Siam-Signature", siamSignature(SNOW_SECRET, body, Instant.now()));
            case "cloudevents" -> request.header("X-Siam-Signature", siamSignature(CE_SECRET, body, Instant.now()));
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    public static String siamSignature(String secret, byte[] body, Instant at) {
        long t = at.getEpochSecond();
        byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "t=" + t + ",v1=" + HmacSignatures.hex(secret, signed);
    }

    /** The SNS envelope re-signed by the test authority's pinned key, its certificate URL on the message's region. */
    public static String signedSns(byte[] body, int version) {
        try {
            ObjectNode envelope = (ObjectNode) SiamJson.mapper().readTree(body);
            String region = envelope.path("TopicArn").asText().split(":")[3];
            return SnsTestAuthority.running().sign(envelope, version, SnsTestAuthority.Key.PINNED,
                    "https://sns." + region + ".amazonaws.com/" + SnsTestAuthority.PINNED);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
