package io.siamhub.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.siamhub.model.SiamJson;

/**
 * Signs an SNS HTTP/S envelope as AWS does (SignatureVersion 2, SHA256withRSA over the canonical
 * string of https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html) with the
 * local stack's dev key, whose certificate the adapters pin: {@code SigningCertURL} becomes
 * {@code https://sns.<region of TopicArn>.amazonaws.com/SimpleNotificationService-siamhub-dev.pem}.
 * {@code ./hub sns-sign <file>} prints the signed envelope, so SNS examples work from a shell.
 */
public final class DevSnsSigner {

    private static final List<String> NOTIFICATION = List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> CONFIRMATION = List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn",
            "Type");

    /** The envelope with {@code SignatureVersion}, {@code SigningCertURL} and {@code Signature} set; a fresh MessageId if asked. */
    public static byte[] sign(byte[] envelope, Path keyStore, boolean newMessageId) {
        JsonNode parsed;
        try {
            parsed = SiamJson.mapper().readTree(envelope);
        } catch (IOException e) {
            throw new IllegalArgumentException("the envelope is not JSON: " + (e instanceof JsonProcessingException json
                    ? json.getOriginalMessage() : e.getMessage()));
        }
        if (!(parsed instanceof ObjectNode message)) {
            throw new IllegalArgumentException("the envelope is not a JSON object");
        }
        String topic = message.path("TopicArn").asText("");
        String[] arn = topic.split(":");
        if (arn.length < 6 || !arn[0].equals("arn") || arn[3].isBlank()) {
            throw new IllegalArgumentException("the envelope has no TopicArn of the form arn:aws:sns:<region>:<account>:<topic>");
        }
        String type = message.path("Type").asText("");
        if (!List.of("Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation").contains(type)) {
            throw new IllegalArgumentException("the envelope's Type is " + (type.isEmpty() ? "missing" : type)
                    + "; it must be Notification, SubscriptionConfirmation or UnsubscribeConfirmation");
        }
        if (newMessageId) {
            message.put("MessageId", UUID.randomUUID().toString());
        }
        message.put("SignatureVersion", "2");
        message.put("SigningCertURL", "https://sns." + arn[3] + ".amazonaws.com/" + DevWebhookSecrets.SNS_CERTIFICATE);
        StringBuilder canonical = new StringBuilder();
        for (String field : type.equals("Notification") ? NOTIFICATION : CONFIRMATION) {
            if (message.hasNonNull(field)) {
                canonical.append(field).append('\n').append(message.get(field).asText()).append('\n');
            }
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key(keyStore));
            signature.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
            message.put("Signature", Base64.getEncoder().encodeToString(signature.sign()));
            return SiamJson.mapper().writeValueAsBytes(message);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign with " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey key(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] password = DevWebhookSecrets.SNS_KEYSTORE_PASSWORD.toCharArray();
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        return (PrivateKey) store.getKey("sns-dev", password);
    }

    /** {@code ./hub sns-sign [--new-message-id] <file | ->}: the signed envelope on stdout. */
    public static void main(String[] args) throws IOException {
        boolean newId = false;
        String source = null;
        for (String arg : args) {
            if (arg.equals("--new-message-id")) {
                newId = true;
            } else if (source == null && (arg.equals("-") || !arg.startsWith("-"))) {
                source = arg;
            } else {
                fail("unknown argument " + arg + "; usage: ./hub sns-sign [--new-message-id] <envelope.json | ->");
            }
        }
        if (source == null) {
            fail("usage: ./hub sns-sign [--new-message-id] <envelope.json | ->  (prints the envelope signed with the dev key)");
        }
        Path keyStore = Path.of(System.getProperty("siam.secrets.dir", "target/hub/secrets"), "sns-dev-signing.p12");
        if (!Files.isRegularFile(keyStore)) {
            fail("no dev SNS key at " + keyStore + ": start the stack once with ./hub up (it makes the key and keeps it)");
        }
        byte[] envelope;
        if (source.equals("-")) {
            envelope = System.in.readAllBytes();
        } else {
            Path file = Path.of(source);
            if (!Files.isRegularFile(file)) {
                fail("no file " + source);
            }
            envelope = Files.readAllBytes(file);
        }
        try {
            System.out.write(sign(envelope, keyStore, newId));
            System.out.println();
            System.out.flush();
        } catch (IllegalArgumentException e) {
            fail(source + ": " + e.getMessage());
        }
    }

    private static void fail(String message) {
        System.err.println("siam-hub: " + message);
        System.exit(2);
    }

    private DevSnsSigner() {
    }
}
