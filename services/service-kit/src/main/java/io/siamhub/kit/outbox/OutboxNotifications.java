package io.siamhub.kit.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * LISTENs for the notification the outbox trigger sends when a transaction that added rows commits
 * ({@code <schema>_outbox}), so the relay publishes at once instead of on its next poll.
 * PostgreSQL delivers a notification only after the commit, and folds repeats within one transaction.
 */
@ApplicationScoped
public class OutboxNotifications {

    private static final Logger LOG = Logger.getLogger(OutboxNotifications.class);

    private final Vertx vertx;
    private final String url;
    private final String username;
    private final String password;
    private PgSubscriber subscriber;

    OutboxNotifications(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.vertx = vertx;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void listen(String schema, Runnable onCommit) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(username)
                .setPassword(password)
                .setMetricsName("outbox-notifications");
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 1000L);
        subscriber.channel(schema + "_outbox").handler(payload -> onCommit.run());
        subscriber.connect().subscribe().with(
                ignored -> LOG.debugf("listening for %s_outbox", schema),
                failure -> LOG.warnf("cannot listen for outbox commits (polling only until it can): %s", failure.toString()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }
}
