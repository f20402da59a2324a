package io.siamhub.adapters.edge;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.siamhub.adapters.AdapterRole;
import io.siamhub.adapters.AdaptersConfig;
import io.siamhub.adapters.core.AdapterMetrics;
import io.siamhub.adapters.core.AdapterMetrics.Outcome;
import io.siamhub.adapters.core.AdapterRegistry;
import io.siamhub.adapters.core.HttpHeaders;
import io.siamhub.adapters.core.InboundRecords;
import io.siamhub.adapters.core.MalformedBody;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.SenderRejected;
import io.siamhub.adapters.core.SignalIds;
import io.siamhub.adapters.core.WebhookRefusals;
import io.siamhub.adapters.core.WebhookRequest;
import io.siamhub.kit.problem.Problem;
import io.siamhub.model.SiamJson;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /webhooks/<endpoint>}: for every request, in this order, and nothing more:
 * authenticate the sender (header credentials before the body is read, signatures after),
 * check size and syntax, store the raw record on {@code siam.inbound.v1}, and answer 202 only once
 * the broker acknowledged it; 503 with {@code Retry-After} when it did not in time. Every refusal is
 * problem+json, counted and logged in one line; a refused body is never stored.
 */
@ApplicationScoped
public class WebhookEdge {

    private static final Logger LOG = Logger.getLogger(WebhookEdge.class);
    private static final String PREFIX = "/webhooks/";

    private final AdapterRegistry adapters;
    private final AdapterMetrics metrics;
    private final InboundLog inbound;
    private final long maxBodyBytes;
    private final Duration ackTimeout;
    private final String retryAfterSeconds;
    private final Clock clock;
    private final boolean on;

    WebhookEdge(AdapterRegistry adapters, AdapterMetrics metrics, InboundLog inbound, AdaptersConfig config, Clock clock) {
        this.adapters = adapters;
        this.metrics = metrics;
        this.inbound = inbound;
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.ackTimeout = config.ackTimeout();
        this.retryAfterSeconds = Long.toString(Math.max(1, config.retryAfter().toSeconds()));
        this.clock = clock;
        this.on = AdapterRole.parse(config.roles()).contains(AdapterRole.EDGE);
    }

    void routes(@Observes Router router) {
        if (!on) {
            // an instance without the edge role says so, rather than a bare "no endpoint" (a load balancer sent it astray)
            router.route(PREFIX + "*").handler(context -> respond(context, Problem.of(404, "not-found", "Not found",
                    "this instance does not take webhooks: " + AdapterRole.KEY + " has no 'edge' here; send them to an edge instance"),
                    Map.of()));
            LOG.infof("edge role off (%s): webhooks are not taken here", AdapterRole.KEY);
            return;
        }
        router.route(PREFIX + "*").handler(this::handle);
        LOG.infof("webhook endpoints: %s", adapters.endpointsByProvider());
    }

    void handle(RoutingContext context) {
        long started = System.nanoTime();
        HttpServerRequest http = context.request();
        String path = context.normalizedPath();
        // "/webhooks" itself (no provider) reaches this route too: an empty endpoint, answered like an unknown one
        String endpoint = path.length() > PREFIX.length() ? path.substring(PREFIX.length()) : "";
        Optional<ProviderAdapter> found = adapters.forEndpoint(endpoint);
        if (found.isEmpty()) {
            respond(context, WebhookRefusals.unknownEndpoint(endpoint, adapters), Map.of());
            return;
        }
        ProviderAdapter adapter = found.get();
        Exchange exchange = new Exchange(context, adapter, endpoint, started);
        if (http.method() != HttpMethod.POST) {
            exchange.refuse(Outcome.MALFORMED, Problem.of(405, "method-not-allowed", "Method not allowed",
                    "webhooks are delivered with POST"), Map.of("Allow", "POST"));
            return;
        }
        WebhookRequest request = new WebhookRequest(endpoint, HttpHeaders.of(http.headers()),
                HttpHeaders.of(http.params()), new byte[0], clock.instant());
        try {
            adapter.authenticateHeaders(request);
        } catch (SenderRejected rejected) {
            exchange.unauthorized(rejected);
            return;
        }
        String mediaType = WebhookRefusals.mediaType(http.getHeader("Content-Type"));
        if (mediaType != null && !adapter.accepts(mediaType)) {
            exchange.refuse(Outcome.MALFORMED, WebhookRefusals.unsupportedMediaType(mediaType, endpoint, adapter), Map.of());
            return;
        }
        String declaredLength = http.getHeader("Content-Length");
        if (declaredLength != null && parseLength(declaredLength) > maxBodyBytes) {
            exchange.tooLarge();
            return;
        }
        readBody(http, exchange, request);
    }

    private void readBody(HttpServerRequest http, Exchange exchange, WebhookRequest request) {
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        http.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
                refused[0] = true;
                exchange.tooLarge();
                return;
            }
            body.appendBuffer(chunk);
        });
        http.exceptionHandler(failure -> LOG.debugf("webhook request broke off: %s", failure.toString()));
        http.endHandler(done -> {
            if (!refused[0]) {
                authenticateAndStore(exchange, request.withBody(body.getBytes()));
            }
        });
        http.resume();
    }

    private void authenticateAndStore(Exchange exchange, WebhookRequest request) {
        ProviderAdapter adapter = exchange.adapter;
        Context context = Vertx.currentContext();
        // deferred: a check that fails at once (a bad HMAC) fails the Uni rather than the caller
        Uni.createFrom().deferred(() -> adapter.authenticateBody(request)).subscribe().with(
                ok -> context.runOnContext(ignored -> validateAndStore(exchange, request)),
                failure -> context.runOnContext(ignored -> {
                    if (failure instanceof SenderRejected rejected) {
                        exchange.unauthorized(rejected);
                    } else if (failure instanceof MalformedBody malformed) {
                        exchange.malformed(malformed);
                    } else {
                        exchange.internal(failure);
                    }
                }));
    }

    private void validateAndStore(Exchange exchange, WebhookRequest request) {
        String deliveryId;
        try {
            request.requireJson();
            deliveryId = exchange.adapter.deliveryId(request).orElse(null);
        } catch (MalformedBody malformed) {
            exchange.malformed(malformed);
            return;
        } catch (RuntimeException e) {
            exchange.internal(e);
            return;
        }
        String provider = exchange.adapter.provider();
        String ceId = deliveryId == null ? UUID.randomUUID().toString() : SignalIds.ofDelivery(provider, deliveryId);
        Headers headers = InboundRecords.headers(ceId, provider, exchange.endpoint, deliveryId, request.receivedAt(),
                request.headers(), request.query(), request.headers().first("content-type"), exchange.adapter.secretHeaders());
        Context context = Vertx.currentContext();
        long timer = context.owner().setTimer(ackTimeout.toMillis(), id -> exchange.unavailable(
                "Kafka did not acknowledge the webhook within " + ackTimeout.toMillis() + " ms"));
        inbound.append(provider, request.body(), headers).whenComplete((metadata, failure) -> context.runOnContext(done -> {
            context.owner().cancelTimer(timer);
            if (failure != null) {
                exchange.unavailable("Kafka could not store the webhook: " + failure.getClass().getSimpleName());
            } else {
                exchange.accepted(ceId);
            }
        }));
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void respond(RoutingContext context, Problem problem, Map<String, String> headers) {
        if (context.response().ended()) {
            return;
        }
        headers.forEach(context.response()::putHeader);
        context.response().setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(json(problem));
    }

    private static String json(Object value) {
        try {
            return SiamJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One request on its way: answers exactly once, and counts and times the answer. */
    private final class Exchange {
        private final RoutingContext context;
        private final ProviderAdapter adapter;
        private final String endpoint;
        private final long started;
        private boolean answered;

        Exchange(RoutingContext context, ProviderAdapter adapter, String endpoint, long started) {
            this.context = context;
            this.adapter = adapter;
            this.endpoint = endpoint;
            this.started = started;
        }

        void accepted(String ceId) {
            if (claim(Outcome.ACCEPTED)) {
                context.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                        .end("{\"status\":\"accepted\",\"id\":\"" + ceId + "\"}");
            }
        }

        void unauthorized(SenderRejected rejected) {
            refuse(Outcome.UNAUTHORIZED, Problem.of(401, "unauthorized-sender", "Sender not authenticated",
                    rejected.getMessage()), Map.of());
        }

        void malformed(MalformedBody malformed) {
            refuse(Outcome.MALFORMED, WebhookRefusals.malformed(malformed), Map.of());
        }

        void tooLarge() {
            refuse(Outcome.TOO_LARGE, WebhookRefusals.tooLarge(maxBodyBytes), Map.of("Connection", "close"));
        }

        void unavailable(String detail) {
            refuse(Outcome.UNAVAILABLE, Problem.of(503, "unavailable", "Service unavailable", detail + "; retry later"),
                    Map.of("Retry-After", retryAfterSeconds));
        }

        void internal(Throwable failure) {
            LOG.errorf(failure, "webhook %s failed unexpectedly", endpoint);
            refuse(Outcome.UNAVAILABLE, Problem.of(503, "unavailable", "Service unavailable",
                    "the webhook could not be processed; retry later"), Map.of("Retry-After", retryAfterSeconds));
        }

        void refuse(Outcome outcome, Problem problem, Map<String, String> headers) {
            if (claim(outcome)) {
                LOG.infof("refused webhook %s%s from %s: %d %s", PREFIX, endpoint, context.request().remoteAddress(),
                        problem.status(), problem.detail());
                respond(context, problem, headers);
            }
        }

        private boolean claim(Outcome outcome) {
            if (answered) {
                return false;
            }
            answered = true;
            metrics.request(adapter.provider(), outcome).increment();
            metrics.recordEdge(adapter.provider(), Duration.ofNanos(System.nanoTime() - started));
            return true;
        }
    }
}
