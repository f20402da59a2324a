package io.siamhub.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.siamhub.model.SiamJson;

/**
 * An outbound webhook subscriber on loopback (the JDK's HTTP server), as a service desk runs one: it checks the
 * Standard Webhooks signature of every request itself (401 when it does not verify), answers 503 while it is
 * {@linkplain #up(boolean) down} and 204 when up, and records every delivery it took ({@link Arrival}: the
 * {@code webhook-id}, when it came, the CloudEvent) in the order they came, repeats included.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One delivery taken (answered 204). */
    record Arrival(String webhookId, Instant at, JsonNode event) {
    }

    private final String secret;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger unsigned = new AtomicInteger();
    private volatile boolean up;

    private WebhookReceiver(String secret, boolean up) throws IOException {
        this.secret = secret;
        this.up = up;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Instant at = Instant.now();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            int status;
            if (!verifies(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body)) {
                unsigned.incrementAndGet();
                status = 401;
            } else if (!this.up) {
                refused.incrementAndGet();
                status = 503;
            } else {
                arrivals.add(new Arrival(id, at, SiamJson.mapper().readTree(body)));
                status = 204;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /**
     * Starts a receiver on a free loopback port.
     *
     * @param secret the subscription's secret, {@code whsec_<base64 key>}
     * @param up     whether it takes deliveries from the start (else it answers 503 until {@link #up(boolean)})
     */
    static WebhookReceiver start(String secret, boolean up) {
        try {
            return new WebhookReceiver(secret, up);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the webhook receiver", e);
        }
    }

    /** A subscription's secret made of a fixed 32-byte key, {@code whsec_<base64>}. */
    static String secret(String key) {
        return "whsec_" + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Where to subscribe: {@code http://127.0.0.1:<port>/hooks}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Takes deliveries (204) from now on, or refuses them (503). */
    void up(boolean up) {
        this.up = up;
    }

    /** Every delivery taken, in the order they came, repeats included. */
    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Requests answered 503 while down. */
    int refused() {
        return refused.get();
    }

    /** Requests whose signature did not verify (answered 401). */
    int unsigned() {
        return unsigned.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** The receiver's own check, from the Standard Webhooks specification: HMAC-SHA256 of {@code id.timestamp.body}. */
    private boolean verifies(String id, String timestamp, String header, byte[] body) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String signature : header.split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
