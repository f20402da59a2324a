package io.siamhub.adapters.outbound.webhook;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.siamhub.adapters.core.StandardWebhooks;
import io.siamhub.adapters.outbound.core.Attempt;
import io.siamhub.adapters.outbound.core.DeliveryQueue;
import io.siamhub.adapters.outbound.core.OutboundConfig;
import io.siamhub.adapters.outbound.core.OutboundTarget;
import io.siamhub.adapters.outbound.core.TargetAddresses;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * Sends webhook deliveries with the Vert.x HTTP client: a POST of the stored body, signed per
 * Standard Webhooks ({@code webhook-id} = the event's {@code ce_id}, the same on every retry;
 * {@code webhook-timestamp} from the injected clock; one {@code v1} signature per secret). The host is
 * resolved and every address checked by {@link TargetAddresses} before each attempt, and the connection
 * goes to the checked address (a name cannot be re-pointed between check and connect). Redirects are
 * never followed; the answer is read up to {@code max-response-bytes}; one attempt takes at most
 * {@code timeout}. Snapshot deliveries carry the CloudEvent attributes as {@code ce-*} headers.
 */
@ApplicationScoped
public class WebhookSender implements OutboundTarget {

    /** The user agent of every delivery. */
    public static final String USER_AGENT = "siam-hub-webhooks/1";

    private final HttpClient client;
    private final TargetAddresses addresses;
    private final OutboundConfig config;
    private final Clock clock;

    WebhookSender(Vertx vertx, OutboundConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.addresses = new TargetAddresses(config.allowInsecureLoopback(), config.allowedNetworks().orElse(List.of()));
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(8).setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis())));
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }

    /** The address policy deliveries are held to (the subscription API checks URLs with it too). */
    public TargetAddresses addresses() {
        return addresses;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Uni<Attempt> send(DeliveryQueue.Claimed delivery) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = addresses.checkUrl(delivery.url());
        } catch (TargetAddresses.Refused refused) {
            return Uni.createFrom().item(Attempt.refusedAddress(refused.getMessage()));
        }
        String host = TargetAddresses.host(uri);
        return Uni.createFrom().item(() -> resolve(host)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(address -> post(uri, host, address, delivery, started))
                .onFailure(TargetAddresses.Refused.class).recoverWithItem(refused -> Attempt.refusedAddress(refused.getMessage()))
                .onFailure().recoverWithItem(failure -> Attempt.failed(describe(failure, host), elapsed(started)));
    }

    private InetAddress resolve(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            addresses.checkAll(all);
            return all[0];
        } catch (UnknownHostException e) {
            throw new IllegalStateException("host " + host + " does not resolve", e);
        }
    }

    private Uni<Attempt> post(URI uri, String host, InetAddress address, DeliveryQueue.Claimed delivery, long started) {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(host).setPort(port).setURI(path).setSsl(https).setFollowRedirects(false)
                .setIdleTimeout(config.timeout().toMillis())
                .putHeader("content-type", delivery.contentType())
                .putHeader("user-agent", USER_AGENT)
                .putHeader(StandardWebhooks.ID, delivery.eventId())
                .putHeader(StandardWebhooks.TIMESTAMP, Long.toString(timestamp))
                .putHeader(StandardWebhooks.SIGNATURE, StandardWebhooks.signatures(delivery.secrets(), delivery.eventId(), timestamp, body));
        if (WebhookPayloads.JSON.equals(delivery.contentType())) {
            options.putHeader("ce-specversion", "1.0").putHeader("ce-id", delivery.eventId())
                    .putHeader("ce-source", delivery.eventSource()).putHeader("ce-type", delivery.eventType())
                    .putHeader("ce-time", DateTimeFormatter.ISO_INSTANT.format(delivery.eventTime()));
            if (delivery.eventSubject() != null) {
                options.putHeader("ce-subject", delivery.eventSubject());
            }
        }
        Duration timeout = config.timeout();
        return client.request(options)
                .chain(request -> request.send(Buffer.buffer(body)))
                .chain(response -> answer(response).map(answer -> Attempt.answered(response.statusCode(), elapsed(started),
                        response.getHeader("retry-after"), answer)))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"));
    }

    /** The start of the answer's body, at most max-response-bytes; the rest is read and dropped. */
    private Uni<String> answer(HttpClientResponse response) {
        int limit = config.maxResponseBytes();
        return response.toMulti().collect().in(ByteArrayOutputStream::new, (kept, buffer) -> {
            int room = limit - kept.size();
            if (room > 0) {
                byte[] bytes = buffer.getBytes();
                kept.write(bytes, 0, Math.min(room, bytes.length));
            }
        }).map(kept -> kept.toString(StandardCharsets.UTF_8));
    }

    private static String describe(Throwable failure, String host) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof ConnectException)) {
            cause = cause.getCause();
        }
        if (failure instanceof TimeoutException) {
            return "timeout: " + failure.getMessage();
        }
        if (cause instanceof UnknownHostException || failure.getMessage() != null && failure.getMessage().contains("does not resolve")) {
            return "host " + host + " does not resolve";
        }
        if (cause instanceof ConnectException) {
            return "connection failed: " + cause.getMessage();
        }
        return "failed: " + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
