package io.siamhub.adapters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.siamhub.localstack.LoopbackPorts;
import io.siamhub.model.SiamJson;

/**
 * Plays AWS for the SNS tests: signing keys with their certificates (one pinned in the cert folder,
 * one served over https, one expired), and an HTTPS "SNS" server on loopback (the test JVM resolves
 * {@code sns.*.amazonaws.com} to 127.0.0.1) that serves a certificate and records subscription
 * confirmations. It signs messages in AWS's canonical format, SignatureVersion 1 or 2.
 */
public class SnsTestAuthority implements QuarkusTestResourceLifecycleManager {

    public static final String PINNED = "SimpleNotificationService-siamtest.pem";
    public static final String FETCHED = "SimpleNotificationService-fetched.pem";
    public static final String EXPIRED = "SimpleNotificationService-expired.pem";

    private static volatile SnsTestAuthority running;

    private final List<String> confirmations = new CopyOnWriteArrayList<>();
    private KeyPair pinnedKeys;
    private KeyPair fetchedKeys;
    private KeyPair expiredKeys;
    private HttpsServer server;
    private Path dir;

    public static SnsTestAuthority running() {
        return running;
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Path.of("target", "sns-test").toAbsolutePath();
            Path certs = Files.createDirectories(dir.resolve("certs"));
            pinnedKeys = rsa();
            fetchedKeys = rsa();
            expiredKeys = rsa();
            Instant now = Instant.now();
            Files.writeString(certs.resolve(PINNED), pem(certificate(pinnedKeys, "sns.amazonaws.com", now.minus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(365)), List.of())));
            Files.writeString(certs.resolve(EXPIRED), pem(certificate(expiredKeys, "sns.amazonaws.com",
                    now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)), List.of())));
            String fetched = pem(certificate(fetchedKeys, "sns.amazonaws.com", now.minus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(365)), List.of()));

            KeyPair tlsKeys = rsa();
            X509Certificate tls = certificate(tlsKeys, "sns.us-east-1.amazonaws.com", now.minus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(365)), List.of("sns.us-east-1.amazonaws.com", "sns.eu-west-1.amazonaws.com",
                            "sns.ap-northeast-1.amazonaws.com", "sns.ap-northeast-2.amazonaws.com", "evil.example.com"));
            char[] password = "changeit".toCharArray();
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("sns-test", tls);
            Path trustStore = dir.resolve("truststore.p12");
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trust.store(out, password);
            }
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("sns-test", tlsKeys.getPrivate(), password, new X509Certificate[] {tls});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, password);
            SSLContext tlsContext = SSLContext.getInstance("TLS");
            tlsContext.init(keys.getKeyManagers(), null, null);

            server = HttpsServer.create(new InetSocketAddress(LoopbackPorts.HOST, 0), 16);
            server.setHttpsConfigurator(new HttpsConfigurator(tlsContext));
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                byte[] body;
                if (path.endsWith("/" + FETCHED)) {
                    body = fetched.getBytes(StandardCharsets.US_ASCII);
                } else {
                    confirmations.add(exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI());
                    body = "<ConfirmSubscriptionResponse/>".getBytes(StandardCharsets.UTF_8);
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            running = this;
            return Map.of(
                    "siam.adapters.aws.sns.cert-dir", certs.toString(),
                    "siam.adapters.aws.sns.trust-store", trustStore.toString(),
                    "siam.adapters.aws.sns.trust-store-password", new String(password));
        } catch (Exception e) {
            throw new IllegalStateException("could not set up the SNS test authority", e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** https://&lt;host&gt;:&lt;test server port&gt;/&lt;file&gt; */
    public String url(String host, String file) {
        return "https://" + host + ":" + server.getAddress().getPort() + "/" + file;
    }

    /** Every request the server took that was not a certificate fetch: Host header + path + query. */
    public List<String> confirmations() {
        return confirmations;
    }

    public enum Key {
        PINNED, FETCHED, EXPIRED
    }

    /** Signs an SNS envelope in place (SignatureVersion, SigningCertURL, Signature) and returns its JSON. */
    public String sign(ObjectNode envelope, int version, Key key, String certificateUrl) {
        envelope.put("SignatureVersion", Integer.toString(version));
        envelope.put("SigningCertURL", certificateUrl);
        String type = envelope.path("Type").asText();
        StringBuilder canonical = new StringBuilder();
        List<String> fields = type.equals("Notification")
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        for (String field : fields) {
            if (envelope.hasNonNull(field)) {
                canonical.append(field).append('\n').append(envelope.get(field).asText()).append('\n');
            }
        }
        PrivateKey privateKey = switch (key) {
            case PINNED -> pinnedKeys.getPrivate();
            case FETCHED -> fetchedKeys.getPrivate();
            case EXPIRED -> expiredKeys.getPrivate();
        };
        try {
            Signature signature = Signature.getInstance(version == 1 ? "SHA1withRSA" : "SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
            envelope.put("Signature", Base64.getEncoder().encodeToString(signature.sign()));
            return SiamJson.mapper().writeValueAsString(envelope);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(KeyPair keys, String commonName, Instant from, Instant to, List<String> dnsNames)
            throws Exception {
        X500Name name = new X500Name("CN=" + commonName);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()),
                Date.from(from), Date.from(to), name, keys.getPublic());
        if (!dnsNames.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dnsNames.stream()
                    .map(dns -> new GeneralName(GeneralName.dNSName, dns)).toArray(GeneralName[]::new)));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
