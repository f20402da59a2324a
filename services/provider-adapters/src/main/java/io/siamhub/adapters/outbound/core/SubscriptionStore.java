package io.siamhub.adapters.outbound.core;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code subscription} table, and a copy of the enabled subscriptions in memory for the intake
 * (refreshed on every change made here and every few seconds, for changes made by another instance).
 */
@ApplicationScoped
public class SubscriptionStore {

    private static final Logger LOG = Logger.getLogger(SubscriptionStore.class);
    private static final String COLUMNS = "id, url, events, filters, format, secrets, enabled, disabled_reason, created_at, updated_at,"
            + " target";

    private final Pool pool;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Vertx vertx;
    private volatile List<Subscription> enabled = new CopyOnWriteArrayList<>();
    private long timer = -1;

    SubscriptionStore(Pool pool, ObjectMapper mapper, Clock clock, Vertx vertx) {
        this.pool = pool;
        this.mapper = mapper;
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        refresh().await().indefinitely();
        timer = vertx.setPeriodic(5_000, id -> refresh().subscribe().with(done -> {
        }, failure -> LOG.warnf("reading the subscriptions failed, trying again: %s", failure.toString())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The enabled subscriptions, as last read. */
    public List<Subscription> enabled() {
        return enabled;
    }

    /** Reads the enabled subscriptions again. */
    public Uni<Void> refresh() {
        return pool.query("select " + COLUMNS + " from subscription where enabled order by created_at").execute()
                .map(rows -> {
                    List<Subscription> read = new ArrayList<>();
                    rows.forEach(row -> read.add(subscription(row)));
                    enabled = List.copyOf(read);
                    return null;
                });
    }

    /** The webhook subscriptions (the sync targets' rows are not listed). */
    public Uni<List<Subscription>> list() {
        return pool.query("select " + COLUMNS + " from subscription where target = 'webhook' order by created_at").execute().map(rows -> {
            List<Subscription> all = new ArrayList<>();
            rows.forEach(row -> all.add(subscription(row)));
            return all;
        });
    }

    /** The webhook subscription, or null. */
    public Uni<Subscription> find(UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from subscription where id = $1 and target = 'webhook'").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? subscription(rows.iterator().next()) : null);
    }

    /** True when a subscription (a webhook or a ticket-sync target) has this id. */
    public Uni<Boolean> exists(UUID id) {
        return pool.preparedQuery("select 1 from subscription where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext());
    }

    public Uni<Subscription> insert(Subscription subscription) {
        return pool.preparedQuery("insert into subscription (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                + " returning " + COLUMNS)
                .execute(tuple(subscription).addString(subscription.target()))
                .map(rows -> subscription(rows.iterator().next()))
                .call(this::refresh);
    }

    /** Replaces a subscription; null when there is none with its id. */
    public Uni<Subscription> update(Subscription subscription) {
        return pool.preparedQuery("update subscription set url = $2, events = $3, filters = $4, format = $5, secrets = $6,"
                + " enabled = $7, disabled_reason = $8, updated_at = $10 where id = $1 and target = 'webhook' returning " + COLUMNS)
                .execute(tuple(subscription))
                .map(rows -> rows.iterator().hasNext() ? subscription(rows.iterator().next()) : null)
                .call(this::refresh);
    }

    /** Deletes a webhook subscription and its deliveries; false when there was none. */
    public Uni<Boolean> delete(UUID id) {
        return pool.preparedQuery("delete from subscription where id = $1 and target = 'webhook'").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0)
                .call(this::refresh);
    }

    /** Disables a subscription on the receiver's word (410 Gone). */
    public Uni<Void> disable(UUID id, String reason) {
        return pool.preparedQuery("update subscription set enabled = false, disabled_reason = $2, updated_at = $3 where id = $1")
                .execute(Tuple.of(id, reason, clock.instant().atOffset(ZoneOffset.UTC)))
                .call(this::refresh)
                .replaceWithVoid();
    }

    /**
     * Keeps a sync target's built-in row as its configuration says: created or updated (url, filters,
     * enabled) at start; its queued deliveries stay. A target that is no longer configured is disabled
     * (its pending deliveries wait, nothing is sent).
     */
    public Uni<Void> keepSync(Subscription row) {
        return pool.preparedQuery("insert into subscription (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                + " on conflict (id) do update set url = excluded.url, events = excluded.events, filters = excluded.filters,"
                + " enabled = excluded.enabled, disabled_reason = excluded.disabled_reason, updated_at = excluded.updated_at")
                .execute(tuple(row).addString(row.target()))
                .call(this::refresh)
                .replaceWithVoid();
    }

    /**
     * Holds back every delivery of a subscription until {@code until} (a 429's Retry-After or the next
     * backoff): a rate-limited receiver is slowed down as a whole, and no other.
     */
    public Uni<Void> pause(UUID id, java.time.Instant until) {
        return pool.preparedQuery("update subscription set paused_until = greatest(coalesce(paused_until, $2), $2) where id = $1")
                .execute(Tuple.of(id, until.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private Tuple tuple(Subscription s) {
        return Tuple.from(new Object[] {s.id(), s.url(), s.events().toArray(String[]::new), json(s.filters()), s.format().name(),
                s.secrets().toArray(String[]::new), s.enabled(), s.disabledReason(), s.createdAt().atOffset(ZoneOffset.UTC),
                s.updatedAt().atOffset(ZoneOffset.UTC)});
    }

    private Subscription subscription(Row row) {
        return new Subscription(row.getUUID("id"), row.getString("url"), Arrays.asList(row.getArrayOfStrings("events")),
                filters(row.getString("filters")), Subscription.Format.valueOf(row.getString("format")),
                Arrays.asList(row.getArrayOfStrings("secrets")), row.getBoolean("enabled"), row.getString("disabled_reason"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant(), row.getString("target"));
    }

    private String json(Subscription.Filters filters) {
        try {
            return mapper.writeValueAsString(filters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Subscription.Filters filters(String json) {
        try {
            return mapper.readValue(json, Subscription.Filters.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored filters unreadable: " + e.getOriginalMessage());
        }
    }
}
