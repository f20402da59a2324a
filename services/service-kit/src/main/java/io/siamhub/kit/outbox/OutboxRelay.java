package io.siamhub.kit.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siamhub.kit.KitConfig;
import io.siamhub.kit.messaging.CloudEventHeaders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox rows, oldest first, as CloudEvents (binary mode, {@code ce_id} = row id) and
 * marks them sent once the broker acknowledged them. It drains on start (rows left by a crash go
 * out first), whenever PostgreSQL notifies a commit of new rows, and on a poll interval as a safety
 * net. One relay per schema works at a time (an advisory lock), so order per aggregate holds even
 * with several instances; one instance keeps the relay (the holder named in {@code outbox_relay}, which
 * it touches at least every poll interval) and another takes it over only once the holder has been
 * silent for {@code siam.kit.outbox.takeover-after}, or was stopped. A failed batch rolls back once every send of it has ended (the producer's
 * {@code delivery.timeout.ms} bounds that); before the next batch, and whenever this instance takes
 * the relay over (after its start, or from another instance, which may have been killed between its
 * sends and its commit: the table {@code outbox_relay} names the last holder), the relay reads the
 * tail of its topics ({@link PublishedTail}) and marks the rows it finds there sent, so a crash, an
 * outage or a takeover does not publish an event twice. Consumers still skip repeats by {@code ce_id}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String SELECT_UNSENT = "select id, aggregate_id, topic, ce_type, ce_subject, payload, created"
            + " from outbox where sent is null order by seq limit $1";
    private static final String MARK_SENT = "update outbox set sent = now() where id = any($1)";
    private static final String TRY_LOCK = "select pg_try_advisory_xact_lock(hashtext($1))";
    private static final String UNSENT_TOPICS = "select distinct topic from outbox where sent is null";
    private static final String MARK_PUBLISHED = "update outbox set sent = now() where sent is null and id = any($1)";
    private static final String HOLDER = "select holder, (extract(epoch from now() - since) * 1000)::bigint as silent_ms from outbox_relay";
    private static final String TAKE_OVER = "insert into outbox_relay (singleton, holder, since) values (true, $1, now())"
            + " on conflict (singleton) do update set holder = excluded.holder, since = excluded.since";
    private static final String STILL_HOLDING = "update outbox_relay set since = now() where holder = $1 and since < now() - interval '200 milliseconds'";
    private static final String LET_GO = "update outbox_relay set since = 'epoch' where holder = $1";

    private final Pool pool;
    private final Vertx vertx;
    private final MutinyEmitter<String> emitter;
    private final KitConfig.Outbox config;
    private final String schema;
    private final String source;
    private final OutboxNotifications notifications;
    private final PublishedTail tail;
    private final Counter published;
    private final Counter reconciled;
    private final Counter failedBatches;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    /** True until the relay has compared its unsent rows with the log after a failed batch. */
    private final AtomicBoolean inDoubt = new AtomicBoolean();
    /** This instance, as {@code outbox_relay.holder} names it; a new one on every start. */
    private final UUID instance = UUID.randomUUID();
    private long pollTimer = -1;

    OutboxRelay(Pool pool, Vertx vertx,
            @Channel("siam-outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192) MutinyEmitter<String> emitter,
            KitConfig config, @ConfigProperty(name = "quarkus.application.name") String service,
            OutboxNotifications notifications, PublishedTail tail, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.emitter = emitter;
        this.config = config.outbox();
        this.schema = config.schema();
        this.source = "/siam-hub/" + service;
        this.notifications = notifications;
        this.tail = tail;
        this.published = Counter.builder("siam_outbox_published_total")
                .description("Outbox events the broker acknowledged").register(registry);
        this.failedBatches = Counter.builder("siam_outbox_failed_batches_total")
                .description("Relay batches rolled back to be sent again").register(registry);
        this.reconciled = Counter.builder("siam_outbox_reconciled_total")
                .description("Unsent rows found already published on Kafka (after a crash or a failed batch) and marked sent")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("outbox relay disabled (siam.kit.outbox.enabled=false)");
            return;
        }
        notifications.listen(schema, this::wake);
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
            // another instance need not wait out takeover-after; a batch still open here holds the lock until it ends
            try {
                pool.preparedQuery(LET_GO).execute(Tuple.of(instance)).await().atMost(Duration.ofSeconds(2));
            } catch (RuntimeException notLetGo) {
                LOG.debugf("outbox relay did not let go at shutdown (another instance takes over after %s): %s",
                        config.takeoverAfter(), notLetGo.toString());
            }
        }
    }

    /**
     * Makes the next batch compare the unsent rows with the log first, as after a start. For a caller
     * that knows some rows may be on Kafka although unmarked (a test playing a crash, an operator
     * after restoring a backup).
     */
    public void recheckPublished() {
        inDoubt.set(true);
    }

    /** The transaction-scoped advisory lock a relay batch holds ({@code pg_try_advisory_xact_lock(hashtext(name))}). */
    public String lockName() {
        return "outbox-relay:" + schema;
    }

    /** Asks for a drain; coalesces with one already running. */
    public void wake() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            drain();
        }
    }

    private void drain() {
        requested.set(false);
        relayBatch().subscribe().with(
                count -> {
                    if (count >= config.batchSize() || requested.get()) {
                        drain();
                    } else {
                        finish();
                    }
                },
                failure -> {
                    inDoubt.set(true);
                    failedBatches.increment();
                    LOG.warnf("outbox relay batch rolled back, retrying in %s: %s", config.pollInterval(), failure.toString());
                    finish();
                });
    }

    private void finish() {
        running.set(false);
        // a wake() between the last check and clearing the flag must not be lost
        if (requested.get() && running.compareAndSet(false, true)) {
            drain();
        }
    }

    /**
     * One transaction: take the relay lock, then either take the relay over (reconcile with the log and
     * name this instance the holder, committed before anything is sent) or publish the oldest unsent
     * rows and mark them sent.
     */
    Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection.preparedQuery(TRY_LOCK).execute(Tuple.of(lockName()))
                .map(rows -> rows.iterator().next().getBoolean(0))
                .flatMap(locked -> {
                    if (!locked) {
                        return Uni.createFrom().item(0);
                    }
                    return connection.query(HOLDER).execute().flatMap(rows -> {
                        Row holder = rows.size() > 0 ? rows.iterator().next() : null;
                        if (holder != null && instance.equals(holder.getUUID("holder"))) {
                            return connection.preparedQuery(STILL_HOLDING).execute(Tuple.of(instance))
                                    .chain(() -> reconcileIfInDoubt(connection)).chain(() -> publishUnsent(connection));
                        }
                        if (holder != null && holder.getLong("silent_ms") < config.takeoverAfter().toMillis()) {
                            return Uni.createFrom().item(0); // another instance relays and is alive
                        }
                        return takeOver(connection);
                    });
                }));
    }

    /**
     * Rows the previous holder sent but did not mark are on Kafka: mark them, and name this instance, in
     * one commit. If this instance dies before it, the next one reconciles again. Asks for another batch.
     */
    private Uni<Integer> takeOver(SqlConnection connection) {
        inDoubt.set(true);
        return reconcileIfInDoubt(connection)
                .chain(() -> connection.preparedQuery(TAKE_OVER).execute(Tuple.of(instance)))
                .invoke(() -> requested.set(true))
                .replaceWith(0);
    }

    /** Marks sent the unsent rows that are already on Kafka: the sends a crash or a failed batch left unconfirmed. */
    private Uni<Void> reconcileIfInDoubt(SqlConnection connection) {
        if (!inDoubt.get()) {
            return Uni.createFrom().voidItem();
        }
        return connection.query(UNSENT_TOPICS).execute().flatMap(rows -> {
            List<String> topics = new ArrayList<>();
            rows.forEach(row -> topics.add(row.getString(0)));
            if (topics.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            // a row in doubt is at most one batch back in its partition
            return vertx.executeBlocking(Uni.createFrom().item(() -> tail.ids(topics, config.batchSize())))
                    .flatMap(ids -> connection.preparedQuery(MARK_PUBLISHED).execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new))))
                    .map(SqlResult::rowCount);
        }).invoke(count -> {
            inDoubt.set(false);
            if (count > 0) {
                reconciled.increment(count);
                LOG.infof("%d outbox rows were already on Kafka (sent before a crash, a failed batch or by the previous holder of the relay); marked sent, not sent again", count);
            }
        }).replaceWithVoid();
    }

    private Uni<Integer> publishUnsent(SqlConnection connection) {
        return connection.preparedQuery(SELECT_UNSENT).execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    return publishAll(rows)
                            .flatMap(ids -> connection.preparedQuery(MARK_SENT)
                                    .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new))))
                            .invoke(() -> published.increment(rows.size()))
                            .replaceWith(rows.size());
                });
    }

    private Uni<List<UUID>> publishAll(RowSet<Row> rows) {
        List<UUID> ids = new ArrayList<>(rows.size());
        List<Uni<Void>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getUUID("id"));
            sends.add(send(row));
        }
        // every send ends (acknowledged or failed) before the batch can roll back: none lands after a retry
        return Uni.join().all(sends).andCollectFailures()
                .ifNoItem().after(config.sendTimeout()).failWith(() -> new IllegalStateException(
                        "broker did not acknowledge " + sends.size() + " events within " + config.sendTimeout()))
                .replaceWith(ids);
    }

    private Uni<Void> send(Row row) {
        Headers headers = CloudEventHeaders.of(row.getUUID("id").toString(), source, row.getString("ce_type"),
                row.getString("ce_subject"), row.getOffsetDateTime("created").toInstant(), "application/json");
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("aggregate_id"))
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(metadata));
    }
}
