package io.siamhub.adapters.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SenderChecksTest {

    private static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void bearerAndBasicAcceptAnyActiveSecretAndNothingElse() {
        assertThatCode(() -> SenderCredentials.bearerOrBasic(request(Map.of("Authorization", "Bearer new")), "p",
                List.of("old", "new"), List.of())).doesNotThrowAnyException();
        String basic = Base64.getEncoder().encodeToString("am:pw".getBytes(StandardCharsets.UTF_8));
        assertThatCode(() -> SenderCredentials.bearerOrBasic(request(Map.of("authorization", "basic " + basic)), "p",
                List.of(), List.of("am:pw"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> SenderCredentials.bearerOrBasic(request(Map.of("Authorization", "Bearer newer")), "p",
                List.of("old", "new"), List.of())).isInstanceOf(SenderRejected.class).hasMessageContaining("bearer token");
        assertThatThrownBy(() -> SenderCredentials.bearerOrBasic(request(Map.of("Authorization", "Digest x")), "p",
                List.of("t"), List.of())).hasMessageContaining("scheme");
        assertThatThrownBy(() -> SenderCredentials.bearerOrBasic(request(Map.of("Authorization", "Bearer t")), "p",
                List.of(), List.of())).as("nothing configured: everything refused").hasMessageContaining("no credentials");
    }

    @Test
    void versionedSignaturesAcceptOneMatchAmongSeveral() {
        String good = HmacSignatures.hex("s2", BODY);
        assertThatCode(() -> HmacSignatures.requireVersioned(request(Map.of("x-pagerduty-signature",
                "v1=deadbeef,v1=" + good)), "x-pagerduty-signature", "p", List.of("s1", "s2"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> HmacSignatures.requireVersioned(request(Map.of("x-pagerduty-signature", "v1=deadbeef")),
                "x-pagerduty-signature", "p", List.of("s1"))).isInstanceOf(SenderRejected.class);
        assertThatThrownBy(() -> HmacSignatures.requireVersioned(request(Map.of()), "x-pagerduty-signature", "p",
                List.of("s1"))).hasMessageContaining("no signature");
    }

    @Test
    void timestampedSignaturesHoldOnlyInsideTheirWindow() {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        assertThatCode(() -> HmacSignatures.requireTimestamped(request(Map.of("x-siam-signature", signature(now.minusSeconds(299)))),
                "x-siam-signature", "p", List.of("k"), Duration.ofMinutes(5), clock)).doesNotThrowAnyException();
        assertThatThrownBy(() -> HmacSignatures.requireTimestamped(request(Map.of("x-siam-signature", signature(now.minusSeconds(301)))),
                "x-siam-signature", "p", List.of("k"), Duration.ofMinutes(5), clock)).hasMessageContaining("window");
        String tampered = signature(now).replace("t=" + now.getEpochSecond(), "t=" + (now.getEpochSecond() + 1));
        assertThatThrownBy(() -> HmacSignatures.requireTimestamped(request(Map.of("x-siam-signature", tampered)),
                "x-siam-signature", "p", List.of("k"), Duration.ofMinutes(5), clock)).hasMessageContaining("does not match");
    }

    private static String signature(Instant at) {
        byte[] signed = (at.getEpochSecond() + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return "t=" + at.getEpochSecond() + ",v1=" + HmacSignatures.hex("k", signed);
    }

    private static WebhookRequest request(Map<String, String> headers) {
        return new WebhookRequest("test", HttpHeaders.of(headers.entrySet()), HttpHeaders.EMPTY, BODY, Instant.now());
    }
}
