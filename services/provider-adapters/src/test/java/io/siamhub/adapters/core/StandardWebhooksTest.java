package io.siamhub.adapters.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.siamhub.adapters.outbound.ReceiverVerifier;

/** The Standard Webhooks scheme: the published test vector, rotation, and the checks of a received request. */
class StandardWebhooksTest {

    // the test vector of the Standard Webhooks reference libraries (standard-webhooks/standard-webhooks, libraries/*/ tests)
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final Clock AT_VECTOR = Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC);

    @Test
    void signsThePublishedTestVector() {
        assertThat(StandardWebhooks.sign(SECRET, ID, TIMESTAMP, PAYLOAD)).isEqualTo(SIGNATURE);
    }

    @Test
    void anIndependentReceiverAcceptsWhatWeSign() {
        String header = StandardWebhooks.signatures(List.of(SECRET), ID, TIMESTAMP, PAYLOAD);
        assertThat(ReceiverVerifier.verify(SECRET, ID, Long.toString(TIMESTAMP), header, PAYLOAD)).isTrue();
        assertThat(ReceiverVerifier.verify(SECRET, ID, Long.toString(TIMESTAMP + 1), header, PAYLOAD)).isFalse();
    }

    @Test
    void duringRotationEachSecretSignsAndEitherVerifies() {
        String next = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        String header = StandardWebhooks.signatures(List.of(SECRET, next), ID, TIMESTAMP, PAYLOAD);
        assertThat(header.split(" ")).hasSize(2).startsWith(SIGNATURE);
        assertThat(ReceiverVerifier.verify(next, ID, Long.toString(TIMESTAMP), header, PAYLOAD)).isTrue();
        assertThat(ReceiverVerifier.verify(SECRET, ID, Long.toString(TIMESTAMP), header, PAYLOAD)).isTrue();
    }

    @Test
    void verifiesTheTestVectorAndRefusesTampering() {
        StandardWebhooks.verify(request(SIGNATURE, PAYLOAD, TIMESTAMP), "cloudevents", List.of(SECRET), Duration.ofMinutes(5), AT_VECTOR);
        assertThatThrownBy(() -> StandardWebhooks.verify(request(SIGNATURE, "{\"test\": 1}".getBytes(StandardCharsets.UTF_8), TIMESTAMP),
                "cloudevents", List.of(SECRET), Duration.ofMinutes(5), AT_VECTOR))
                .isInstanceOf(SenderRejected.class).hasMessageContaining("does not match");
    }

    @Test
    void refusesAnOldTimestampAsAReplay() {
        Clock later = Clock.fixed(Instant.ofEpochSecond(TIMESTAMP + 301), ZoneOffset.UTC);
        assertThatThrownBy(() -> StandardWebhooks.verify(request(SIGNATURE, PAYLOAD, TIMESTAMP), "cloudevents", List.of(SECRET),
                Duration.ofMinutes(5), later)).isInstanceOf(SenderRejected.class).hasMessageContaining("301 s away");
    }

    @Test
    void aPlainSecretIsItsUtf8Bytes() {
        String header = StandardWebhooks.sign("plain-secret", ID, TIMESTAMP, PAYLOAD);
        String asWhsec = "whsec_" + java.util.Base64.getEncoder().encodeToString("plain-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(StandardWebhooks.sign(asWhsec, ID, TIMESTAMP, PAYLOAD)).isEqualTo(header);
    }

    @Test
    void namesWhatIsMissing() {
        WebhookRequest unsigned = new WebhookRequest("cloudevents", new HttpHeaders(Map.of(StandardWebhooks.SIGNATURE, List.of(SIGNATURE))),
                HttpHeaders.EMPTY, PAYLOAD, AT_VECTOR.instant());
        assertThatThrownBy(() -> StandardWebhooks.verify(unsigned, "cloudevents", List.of(SECRET), Duration.ofMinutes(5), AT_VECTOR))
                .isInstanceOf(SenderRejected.class).hasMessageContaining("webhook-id, webhook-timestamp");
    }

    private static WebhookRequest request(String signature, byte[] body, long timestamp) {
        return new WebhookRequest("cloudevents", new HttpHeaders(Map.of(StandardWebhooks.ID, List.of(ID), StandardWebhooks.TIMESTAMP,
                List.of(Long.toString(timestamp)), StandardWebhooks.SIGNATURE, List.of(signature))), HttpHeaders.EMPTY, body,
                AT_VECTOR.instant());
    }
}
