package io.siamhub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Development secrets for every webhook provider of a local stack: one random token (bearer, API key,
 * query token, header secret), one random HMAC secret, and a folder of pinned SNS signing certificates
 * holding a dev certificate whose key (in a PKCS#12 file beside it) can sign test messages.
 */
public record DevWebhookSecrets(String token, String hmacSecret, Path snsCertDir, Path snsSigningKeyStore) {

    /** The dev certificate's file name: a SigningCertURL ending in it verifies with the dev key. */
    public static final String SNS_CERTIFICATE = "SimpleNotificationService-siamhub-dev.pem";
    public static final String SNS_KEYSTORE_PASSWORD = "siamhub-dev";

    public static DevWebhookSecrets create(Path dir) {
        SecureRandom random = new SecureRandom();
        Path certs = dir.resolve("sns-certs");
        Path keyStore = dir.resolve("sns-dev-signing.p12");
        try {
            Files.createDirectories(certs);
            Files.deleteIfExists(keyStore);
            keytool("-genkeypair", "-alias", "sns-dev", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                    "-dname", "CN=sns.amazonaws.com", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                    "-storepass", SNS_KEYSTORE_PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "sns-dev", "-keystore", keyStore.toString(), "-storepass",
                    SNS_KEYSTORE_PASSWORD, "-file", certs.resolve(SNS_CERTIFICATE).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DevWebhookSecrets(hex(random), hex(random), certs, keyStore);
    }

    /** The provider-adapters settings that accept these secrets. */
    public Map<String, String> adapterSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String provider : List.of("alertmanager", "aws.eventbridge", "azure", "gcp", "datadog")) {
            settings.put("siam.adapters." + provider + ".tokens", token);
        }
        for (String provider : List.of("pagerduty", "jira", "servicenow", "cloudevents")) {
            settings.put("siam.adapters." + provider + ".secrets", hmacSecret);
        }
        settings.put("siam.adapters.aws.sns.cert-dir", snsCertDir.toString());
        settings.put("siam.adapters.aws.sns.topic-arns", "arn:aws:sns:*");
        return settings;
    }

    /** The lines of stack.env that scripts use to send webhooks. */
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("SIAM_WEBHOOK_TOKEN", token);
        facts.put("SIAM_WEBHOOK_HMAC_SECRET", hmacSecret);
        facts.put("SIAM_SNS_CERT_DIR", snsCertDir.toString());
        facts.put("SIAM_SNS_SIGNING_KEYSTORE", snsSigningKeyStore.toString());
        facts.put("SIAM_SNS_SIGNING_KEYSTORE_PASSWORD", SNS_KEYSTORE_PASSWORD);
        return facts;
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String hex(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
