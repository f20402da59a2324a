package io.siamhub.adapters.edge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import io.siamhub.adapters.AdaptersConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The benchmark's ceilings, served only with {@code siam.adapters.bench.enabled=true}: {@code POST
 * /bench/noop} answers 202 at once (plain HTTP), {@code POST /bench/emit} answers 202 once the same
 * producer as the edge has its body acknowledged on the bench topic (HTTP + durable write, no
 * authentication, checks or headers). The edge's own numbers are read against these.
 */
@ApplicationScoped
public class BenchRoutes {

    private static final Logger LOG = Logger.getLogger(BenchRoutes.class);

    private final InboundLog inbound;
    private final AdaptersConfig.Bench config;

    BenchRoutes(InboundLog inbound, AdaptersConfig config) {
        this.inbound = inbound;
        this.config = config.bench();
    }

    void routes(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        LOG.warnf("benchmark endpoints /bench/noop and /bench/emit are on (siam.adapters.bench.enabled); never in production");
        router.route(HttpMethod.POST, "/bench/noop").handler(context -> {
            context.request().body().onComplete(body -> context.response().setStatusCode(202).end());
            context.request().resume(); // Quarkus hands requests over paused
        });
        router.route(HttpMethod.POST, "/bench/emit").handler(this::emit);
    }

    private void emit(RoutingContext context) {
        context.request().body().onComplete(read -> {
            if (read.failed()) {
                context.response().setStatusCode(400).end();
                return;
            }
            var eventLoop = context.vertx().getOrCreateContext();
            inbound.append(config.topic(), "bench", read.result().getBytes(), new RecordHeaders())
                    .whenComplete((metadata, failure) -> eventLoop.runOnContext(done -> context.response()
                            .setStatusCode(failure == null ? 202 : 503).end()));
        });
        context.request().resume(); // Quarkus hands requests over paused
    }
}
