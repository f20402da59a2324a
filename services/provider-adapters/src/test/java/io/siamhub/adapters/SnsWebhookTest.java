package io.siamhub.adapters;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.SiamJson;

/**
 * SNS messages signed in AWS's canonical format with the test authority's keys: what verifies, what
 * does not, where certificates come from, and which subscriptions get confirmed.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
class SnsWebhookTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ops-alarms";
    private static final String PINNED_URL = "https://sns.us-east-1.amazonaws.com/" + SnsTestAuthority.PINNED;

    @Test
    void signatureVersionsOneAndTwoVerify() {
        post(sign(notification("v1"), 1, SnsTestAuthority.Key.PINNED, PINNED_URL)).statusCode(202);
        post(sign(notification("v2"), 2, SnsTestAuthority.Key.PINNED, PINNED_URL)).statusCode(202);
    }

    @Test
    void aTamperedFieldIsRefused() throws Exception {
        ObjectNode signed = (ObjectNode) SiamJson.mapper().readTree(sign(notification("tampered"), 2, SnsTestAuthority.Key.PINNED, PINNED_URL));
        signed.put("Message", "{\"AlarmName\":\"someone-else\"}");
        refused(SiamJson.mapper().writeValueAsString(signed), "does not match");
    }

    @Test
    void aSubjectIsPartOfTheSignedString() throws Exception {
        ObjectNode signed = (ObjectNode) SiamJson.mapper().readTree(sign(notification("subject"), 1, SnsTestAuthority.Key.PINNED, PINNED_URL));
        signed.put("Subject", "OK: all is fine");
        refused(SiamJson.mapper().writeValueAsString(signed), "does not match");
    }

    @Test
    void aCertificateOffTheSnsHostsIsRefused() {
        refused(sign(notification("evil"), 1, SnsTestAuthority.Key.PINNED, "https://evil.example.com/" + SnsTestAuthority.PINNED),
                "SigningCertURL");
        refused(sign(notification("http"), 1, SnsTestAuthority.Key.PINNED, "http://sns.us-east-1.amazonaws.com/" + SnsTestAuthority.PINNED),
                "SigningCertURL");
        refused(sign(notification("lookalike"), 1, SnsTestAuthority.Key.PINNED,
                "https://sns.us-east-1.amazonaws.com.evil.example/" + SnsTestAuthority.PINNED), "SigningCertURL");
    }

    @Test
    void anEnvelopeWithoutATypeOrNotAnObjectIsRefusedNotAnError() {
        // found by the e2e suite's hostile input: a missing Type once answered 503
        ObjectNode untyped = notification("untyped");
        untyped.remove("Type");
        refused(sign(untyped, 2, SnsTestAuthority.Key.PINNED, PINNED_URL), "Type");
        refused("\"just a string\"", "Type");
        refused("null", "Type");
    }

    @Test
    void aCertificateThatCannotBeFetchedSaysWhyAndHowToPinIt() {
        // as reported: "...could not be fetched from sns.ap-northeast-2.amazonaws.com: null" (nothing listens on 443 here)
        ObjectNode message = notification("unreachable");
        message.put("TopicArn", "arn:aws:sns:ap-northeast-2:257706363616:spaceone-notification");
        refused(sign(message, 1, SnsTestAuthority.Key.PINNED, "https://sns.ap-northeast-2.amazonaws.com/SimpleNotificationService-unpinned.pem"),
                "could not be fetched from sns.ap-northeast-2.amazonaws.com: the connection was refused")
                .body("detail", containsString("put SimpleNotificationService-unpinned.pem into siam.adapters.aws.sns.cert-dir"));
    }

    @Test
    void anUnknownTopicIsRefused() {
        ObjectNode message = notification("other-topic");
        message.put("TopicArn", "arn:aws:sns:us-east-1:999999999999:someone-elses-topic");
        refused(sign(message, 1, SnsTestAuthority.Key.PINNED, PINNED_URL), "TopicArn");
    }

    @Test
    void anExpiredCertificateOrAnUnknownVersionIsRefused() {
        refused(sign(notification("expired"), 1, SnsTestAuthority.Key.EXPIRED,
                "https://sns.us-east-1.amazonaws.com/" + SnsTestAuthority.EXPIRED), "certificate");
        ObjectNode message = notification("version-3");
        String signed = sign(message, 1, SnsTestAuthority.Key.PINNED, PINNED_URL).replace("\"SignatureVersion\":\"1\"",
                "\"SignatureVersion\":\"3\"");
        refused(signed, "SignatureVersion");
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        // signed with the "fetched" key but pointing at the pinned certificate
        refused(sign(notification("wrong-key"), 2, SnsTestAuthority.Key.FETCHED, PINNED_URL), "does not match");
    }

    @Test
    void aCertificateNotPinnedIsFetchedOverHttpsFromTheSnsHost() {
        String url = SnsTestAuthority.running().url("sns.us-east-1.amazonaws.com", SnsTestAuthority.FETCHED);
        post(sign(notification("fetched"), 2, SnsTestAuthority.Key.FETCHED, url)).statusCode(202);
        post(sign(notification("fetched-again"), 1, SnsTestAuthority.Key.FETCHED, url)).statusCode(202);
    }

    @Test
    void aCertificatePinnedWhileRunningIsFound() throws Exception {
        Path certs = Path.of("target", "sns-test", "certs");
        String name = "SimpleNotificationService-added-" + UUID.randomUUID() + ".pem";
        String url = "https://sns.eu-west-1.amazonaws.com/" + name;
        ObjectNode message = notification("added");
        message.put("TopicArn", "arn:aws:sns:eu-west-1:123456789012:ops-alarms");
        refused(sign(message.deepCopy(), 1, SnsTestAuthority.Key.PINNED, url), "certificate");

        Files.copy(certs.resolve(SnsTestAuthority.PINNED), certs.resolve(name));

        post(sign(message, 1, SnsTestAuthority.Key.PINNED, url)).statusCode(202);
    }

    @Test
    void aSubscriptionIsConfirmedOnlyOnAnSnsHost() {
        SnsTestAuthority authority = SnsTestAuthority.running();
        String evilToken = "evil-" + UUID.randomUUID();
        String goodToken = "good-" + UUID.randomUUID();
        post(sign(confirmation(authority.url("evil.example.com", "?Action=ConfirmSubscription&Token=" + evilToken)), 1,
                SnsTestAuthority.Key.PINNED, PINNED_URL)).statusCode(202);
        post(sign(confirmation(authority.url("sns.us-east-1.amazonaws.com", "?Action=ConfirmSubscription&Token=" + goodToken)), 1,
                SnsTestAuthority.Key.PINNED, PINNED_URL)).statusCode(202);

        // both ride the same partition, in order: once the good one is confirmed, the evil one was handled
        await().atMost(Duration.ofSeconds(30))
                .until(() -> authority.confirmations().stream().anyMatch(request -> request.contains(goodToken)));
        assertThat(authority.confirmations()).noneMatch(request -> request.contains(evilToken));
    }

    @Test
    void snsTextPlainIsAccepted() {
        given().contentType("text/plain; charset=UTF-8")
                .header("x-amz-sns-message-type", "Notification")
                .body(sign(notification("text-plain"), 1, SnsTestAuthority.Key.PINNED, PINNED_URL))
                .post("/webhooks/aws/sns").then().statusCode(202);
    }

    private static ValidatableResponse post(String body) {
        return given().contentType("text/plain; charset=UTF-8").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/webhooks/aws/sns").then();
    }

    private static ValidatableResponse refused(String body, String because) {
        return post(body).statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://siamhub.io/problems/unauthorized-sender"))
                .body("detail", containsString(because))
                .body("detail", not(containsString("null")));
    }

    private static String sign(ObjectNode message, int version, SnsTestAuthority.Key key, String url) {
        return SnsTestAuthority.running().sign(message, version, key, url);
    }

    private static ObjectNode notification(String name) {
        ObjectNode message = SiamJson.mapper().createObjectNode();
        message.put("Type", "Notification");
        message.put("MessageId", UUID.randomUUID().toString());
        message.put("TopicArn", TOPIC);
        message.put("Subject", "ALARM: \"" + name + "\" in US East (N. Virginia)");
        message.put("Message", "{\"AlarmName\":\"" + name + "\",\"AWSAccountId\":\"123456789012\",\"NewStateValue\":\"ALARM\","
                + "\"NewStateReason\":\"test\",\"StateChangeTime\":\"2026-11-24T09:59:00.000+0000\",\"Region\":\"US East (N. Virginia)\","
                + "\"AlarmArn\":\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name + "\",\"OldStateValue\":\"OK\","
                + "\"Trigger\":{\"MetricName\":\"CPUUtilization\",\"Namespace\":\"AWS/EC2\",\"Dimensions\":[{\"value\":\"i-1\",\"name\":\"InstanceId\"}]}}");
        message.put("Timestamp", "2026-11-24T09:59:01.000Z");
        return message;
    }

    private static ObjectNode confirmation(String subscribeUrl) {
        ObjectNode message = SiamJson.mapper().createObjectNode();
        message.put("Type", "SubscriptionConfirmation");
        message.put("MessageId", UUID.randomUUID().toString());
        message.put("Token", "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f7cc9a9b73d9ab6c4a77ce3e8d02ed1e4baf7b2b1f31e8e5b8e");
        message.put("TopicArn", TOPIC);
        message.put("Message", "You have chosen to subscribe to the topic " + TOPIC + ".");
        message.put("SubscribeURL", subscribeUrl);
        message.put("Timestamp", "2026-11-24T09:59:01.000Z");
        return message;
    }
}
