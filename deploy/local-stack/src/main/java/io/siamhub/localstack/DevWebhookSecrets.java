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
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Development secrets for every webhook provider of a local stack: one random token (bearer, API key,
 * query token, header secret), one random HMAC secret, and a folder of pinned SNS signing certificates
 * holding a dev certificate whose key (in a PKCS#12 file beside it) can sign test messages.
 * <p>
 * They are kept in a folder ({@code target/hub/secrets} for {@code ./hub up}, or {@code SIAM_SECRETS_DIR})
 * and reused by every later run, so a real Alertmanager or SNS subscription pointed at the stack keeps
 * working across restarts; {@code SIAM_WEBHOOK_TOKEN} and {@code SIAM_WEBHOOK_HMAC_SECRET} pin the two
 * secrets to values of one's own.
 */
public record DevWebhookSecrets(String token, String hmacSecret, Path snsCertDir, Path snsSigningKeyStore) {

    /** The dev certificate's file name: a SigningCertURL ending in it verifies with the dev key. */
    public static final String SNS_CERTIFICATE = "SimpleNotificationService-siamhub-dev.pem";
    public static final String SNS_KEYSTORE_PASSWORD = "siamhub-dev";
    /** Pins the shared webhook token instead of the one kept in the secrets folder. */
    public static final String TOKEN_VARIABLE = "SIAM_WEBHOOK_TOKEN";
    /** Pins the HMAC secret instead of the one kept in the secrets folder. */
    public static final String HMAC_VARIABLE = "SIAM_WEBHOOK_HMAC_SECRET";
    static final String FILE = "webhook-secrets.properties";

    /**
     * The secrets kept in {@code dir}, made there on first use; {@code settings} may pin the token and
     * the HMAC secret ({@value #TOKEN_VARIABLE}, {@value #HMAC_VARIABLE}).
     */
    public static DevWebhookSecrets load(Path dir, Map<String, String> settings) {
        SecureRandom random = new SecureRandom();
        Path certs = dir.resolve("sns-certs");
        Path keyStore = dir.resolve("sns-dev-signing.p12");
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(certs);
            Properties kept = new Properties();
            if (Files.isRegularFile(file)) {
                try (var in = Files.newBufferedReader(file)) {
                    kept.load(in);
                }
            }
            if (kept.getProperty("token") == null || kept.getProperty("hmac-secret") == null) {
                kept.setProperty("token", hex(random));
                kept.setProperty("hmac-secret", hex(random));
                try (var out = Files.newBufferedWriter(file)) {
                    kept.store(out, "siam-hub dev webhook secrets, kept across ./hub up runs (delete this file for new ones)");
                }
                Folders.ownerOnly(file);
            }
            if (!Files.isRegularFile(keyStore) || !Files.isRegularFile(certs.resolve(SNS_CERTIFICATE))) {
                Files.deleteIfExists(keyStore);
                keytool("-genkeypair", "-alias", "sns-dev", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                        "-dname", "CN=sns.amazonaws.com", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                        "-storepass", SNS_KEYSTORE_PASSWORD);
                Files.deleteIfExists(certs.resolve(SNS_CERTIFICATE));
                keytool("-exportcert", "-rfc", "-alias", "sns-dev", "-keystore", keyStore.toString(), "-storepass",
                        SNS_KEYSTORE_PASSWORD, "-file", certs.resolve(SNS_CERTIFICATE).toString());
            }
            return new DevWebhookSecrets(pinned(settings, TOKEN_VARIABLE, kept.getProperty("token")),
                    pinned(settings, HMAC_VARIABLE, kept.getProperty("hmac-secret")), certs, keyStore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pinned(Map<String, String> settings, String variable, String kept) {
        String value = settings.get(variable);
        if (value == null || value.isBlank()) {
            return kept;
        }
        if (value.contains(",") || value.strip().length() < 16) {
            throw new IllegalArgumentException(variable + " must be one secret of at least 16 characters without commas");
        }
        return value.strip();
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
