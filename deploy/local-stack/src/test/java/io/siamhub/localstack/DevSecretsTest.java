package io.siamhub.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.model.SiamJson;

/** The dev secrets ./hub up keeps across runs, what pins them, and the SNS signer that uses them. */
class DevSecretsTest {

    @TempDir
    Path dir;

    @Test
    void webhookSecretsAndTheJwtKeyAreKeptAcrossRuns() throws Exception {
        DevWebhookSecrets first = DevWebhookSecrets.load(dir, Map.of());
        DevWebhookSecrets second = DevWebhookSecrets.load(dir, Map.of());
        assertThat(second.token()).isEqualTo(first.token()).hasSize(48);
        assertThat(second.hmacSecret()).isEqualTo(first.hmacSecret()).isNotEqualTo(first.token());
        byte[] certificate = Files.readAllBytes(first.snsCertDir().resolve(DevWebhookSecrets.SNS_CERTIFICATE));
        DevWebhookSecrets.load(dir, Map.of());
        assertThat(Files.readAllBytes(first.snsCertDir().resolve(DevWebhookSecrets.SNS_CERTIFICATE))).isEqualTo(certificate);

        Path publicKey = DevJwt.keyPair(dir.resolve("jwt"));
        String pem = Files.readString(publicKey);
        assertThat(Files.readString(DevJwt.keyPair(dir.resolve("jwt")))).isEqualTo(pem);
    }

    @Test
    void environmentVariablesPinTheSecrets() {
        DevWebhookSecrets kept = DevWebhookSecrets.load(dir, Map.of());
        DevWebhookSecrets pinned = DevWebhookSecrets.load(dir, Map.of(DevWebhookSecrets.TOKEN_VARIABLE, "my-alertmanager-token-0001",
                DevWebhookSecrets.HMAC_VARIABLE, "my-hmac-secret-of-my-own"));
        assertThat(pinned.token()).isEqualTo("my-alertmanager-token-0001");
        assertThat(pinned.hmacSecret()).isEqualTo("my-hmac-secret-of-my-own");
        assertThat(DevWebhookSecrets.load(dir, Map.of()).token()).as("a pin is not stored").isEqualTo(kept.token());
        assertThatThrownBy(() -> DevWebhookSecrets.load(dir, Map.of(DevWebhookSecrets.TOKEN_VARIABLE, "short")))
                .hasMessageContaining("SIAM_WEBHOOK_TOKEN must be one secret of at least 16 characters");
    }

    @Test
    void tokenLifetimesAreReadAsPeopleWriteThem() {
        assertThat(DevJwt.ttl("8h")).isEqualTo(Duration.ofHours(8));
        assertThat(DevJwt.ttl("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DevJwt.ttl("2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aFurtherGroupIsANameThatIsNoRole() {
        assertThat(DevJwt.group(" cab-senior ")).isEqualTo("cab-senior");
        assertThat(DevJwt.group("cab.senior_2")).isEqualTo("cab.senior_2");
    }

    @Test
    void anSnsEnvelopeIsSignedAsAwsSignsSoThePinnedCertificateVerifiesIt() throws Exception {
        DevWebhookSecrets secrets = DevWebhookSecrets.load(dir, Map.of());
        String envelope = """
                {"Type": "Notification", "MessageId": "m-1", "TopicArn": "arn:aws:sns:ap-northeast-2:257706363616:alarms",
                 "Subject": "ALARM", "Message": "{\\"AlarmName\\":\\"cpu\\"}", "Timestamp": "2026-11-24T10:00:00.000Z"}""";
        JsonNode signed = SiamJson.mapper().readTree(DevSnsSigner.sign(envelope.getBytes(StandardCharsets.UTF_8),
                secrets.snsSigningKeyStore(), false));
        assertThat(signed.path("SignatureVersion").asText()).isEqualTo("2");
        assertThat(signed.path("SigningCertURL").asText())
                .isEqualTo("https://sns.ap-northeast-2.amazonaws.com/" + DevWebhookSecrets.SNS_CERTIFICATE);
        String canonical = "Message\n{\"AlarmName\":\"cpu\"}\nMessageId\nm-1\nSubject\nALARM\nTimestamp\n2026-11-24T10:00:00.000Z\n"
                + "TopicArn\narn:aws:sns:ap-northeast-2:257706363616:alarms\nType\nNotification\n";
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(secrets.snsCertDir().resolve(DevWebhookSecrets.SNS_CERTIFICATE))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(certificate.getPublicKey());
        verify.update(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(Base64.getDecoder().decode(signed.path("Signature").asText()))).isTrue();

        assertThat(SiamJson.mapper().readTree(DevSnsSigner.sign(envelope.getBytes(StandardCharsets.UTF_8), secrets.snsSigningKeyStore(),
                true)).path("MessageId").asText()).isNotEqualTo("m-1");
        assertThatThrownBy(() -> DevSnsSigner.sign("{\"Type\":\"Notification\"}".getBytes(StandardCharsets.UTF_8),
                secrets.snsSigningKeyStore(), false)).hasMessageContaining("no TopicArn");
    }

    @Test
    void aSecondStackOnTheSameFolderIsRefused() {
        RunLock first = RunLock.take(dir);
        try {
            assertThatThrownBy(() -> RunLock.take(dir)).isInstanceOf(RunLock.AlreadyRunningException.class)
                    .hasMessageContaining("another siam-hub stack is running from " + dir).hasMessageContaining("SIAM_HUB_DIR");
        } finally {
            first.release();
        }
        RunLock.take(dir).release();
    }
}
