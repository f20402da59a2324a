package io.siamhub.adapters.outbound.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code outbound_delivery} table: one row per event per subscription, its own queue state per
 * subscription. The intake inserts ({@link #enqueue}, idempotent per subscription and event id); the
 * dispatcher claims due deliveries with a lease ({@link #claim}) and records each attempt
 * ({@link #record}). A delivery is claimed only when no earlier delivery of its ordering key (the
 * incident) for its subscription is still pending, so each subscriber sees one incident's events in
 * order; different keys and different subscriptions go out independently.
 */
@ApplicationScoped
public class DeliveryQueue {

    /** A delivery's state. */
    public enum Status {
        /** Waiting for its (next) attempt. */
        PENDING,
        /** The receiver answered 2xx. */
        DELIVERED,
        /** Failed permanently or ran out of retries: listed in {@code /api/dlq/outbound}, replayable. */
        DEAD;

        /** Reads {@code pending}, {@code PENDING}, ...; null when not a status. */
        public static Status parse(String value) {
            try {
                return value == null ? null : valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** A delivery to queue: the event as it will be sent. */
    public record NewDelivery(UUID subscriptionId, String eventId, String eventType, String eventSource, String eventSubject,
            Instant eventTime, String orderingKey, String contentType, String body) {
    }

    /** A claimed delivery with what the target needs to send it. */
    public record Claimed(UUID id, UUID subscriptionId, String url, List<String> secrets, String eventId, String eventType,
            String eventSource, String eventSubject, Instant eventTime, String contentType, String body, int attempts,
            Instant windowStart, Instant createdAt, String target) {
    }

    /**
     * One delivery as listed.
     *
     * @param attempts      attempts made so far
     * @param lastStatus    the receiver's last HTTP status, or null (no answer yet, or none came)
     * @param lastError     what the last failed attempt said (status and the start of the answer, or the network error)
     * @param nextAttemptAt when it is tried next (pending ones)
     * @param latencyMs     the last attempt's duration, in milliseconds
     */
    public record View(String id, String subscriptionId, String eventId, String eventType, String orderingKey, Status status,
            int attempts, Integer lastStatus, String lastError, Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt,
            Long latencyMs, Instant deliveredAt, Instant deadAt) {
    }

    private static final String VIEW_COLUMNS = "id, subscription_id, event_id, event_type, ordering_key, status, attempts, last_status,"
            + " last_error, created_at, last_attempt_at, next_attempt_at, last_latency_ms, delivered_at, dead_at";

    private static final String CLAIM = """
            with busy as (
                select subscription_id, count(*) as n from outbound_delivery
                where status = 'PENDING' and lease_until > $1 group by subscription_id),
            eligible as (
                select d.id, d.subscription_id, d.seq,
                       row_number() over (partition by d.subscription_id order by d.seq) as rank
                from outbound_delivery d join subscription s on s.id = d.subscription_id
                where s.enabled and (s.paused_until is null or s.paused_until <= $1)
                  and d.status = 'PENDING' and d.next_attempt_at <= $1
                  and (d.lease_until is null or d.lease_until <= $1)
                  and not exists (select 1 from outbound_delivery e where e.subscription_id = d.subscription_id
                                  and e.ordering_key = d.ordering_key and e.status = 'PENDING' and e.seq < d.seq)),
            chosen as (
                select e.id from eligible e left join busy b on b.subscription_id = e.subscription_id
                where e.rank <= $3 - coalesce(b.n, 0) order by e.seq limit $4)
            update outbound_delivery d set lease_until = $2 from chosen, subscription s
            where d.id = chosen.id and s.id = d.subscription_id and d.status = 'PENDING'
              and (d.lease_until is null or d.lease_until <= $1)
            returning d.id, d.subscription_id, s.target, s.url, s.secrets, d.event_id, d.event_type, d.event_source, d.event_subject,
                      d.event_time, d.content_type, d.body, d.attempts, d.window_start, d.created_at, d.seq""";

    private final Pool pool;

    DeliveryQueue(Pool pool) {
        this.pool = pool;
    }

    /** Queues deliveries; one already queued for the same subscription and event id is left alone. */
    public Uni<Integer> enqueue(List<NewDelivery> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> tuples = new ArrayList<>(deliveries.size());
        OffsetDateTime at = utc(now);
        for (NewDelivery d : deliveries) {
            tuples.add(Tuple.from(new Object[] {UUID.randomUUID(), d.subscriptionId(), d.eventId(), d.eventType(), d.eventSource(),
                    d.eventSubject(), utc(d.eventTime()), d.orderingKey(), d.contentType(), d.body(), at}));
        }
        return pool.preparedQuery("insert into outbound_delivery (id, subscription_id, event_id, event_type, event_source, event_subject,"
                + " event_time, ordering_key, content_type, body, status, created_at, window_start, next_attempt_at)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'PENDING', $11, $11, $11)"
                + " on conflict (subscription_id, event_id) do nothing")
                .executeBatch(tuples)
                .map(DeliveryQueue::rowCount);
    }

    /**
     * Claims up to {@code limit} due deliveries until {@code leaseUntil}: for each subscription at most
     * {@code perSubscription} in flight, and per ordering key only the oldest pending one.
     */
    public Uni<List<Claimed>> claim(Instant now, Instant leaseUntil, int perSubscription, int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(utc(now), utc(leaseUntil), perSubscription, limit)).map(rows -> {
            List<Claimed> claimed = new ArrayList<>();
            for (Row row : rows) {
                claimed.add(new Claimed(row.getUUID("id"), row.getUUID("subscription_id"), row.getString("url"),
                        Arrays.asList(row.getArrayOfStrings("secrets")), row.getString("event_id"), row.getString("event_type"),
                        row.getString("event_source"), row.getString("event_subject"), instant(row, "event_time"),
                        row.getString("content_type"), row.getString("body"), row.getInteger("attempts"), instant(row, "window_start"),
                        instant(row, "created_at"), row.getString("target")));
            }
            claimed.sort(java.util.Comparator.comparing(Claimed::createdAt));
            return claimed;
        });
    }

    /**
     * Records an attempt: delivered, pending again at {@code next}, or dead ({@code next} null and not
     * delivered). Releases the lease.
     */
    public Uni<Void> record(UUID id, Attempt attempt, Status status, Instant next, Instant now) {
        return record(id, attempt, status, next, now, status == Status.DELIVERED ? null : attempt.summary());
    }

    /** As {@link #record(UUID, Attempt, Status, Instant, Instant)}, with the error text to show. */
    public Uni<Void> record(UUID id, Attempt attempt, Status status, Instant next, Instant now, String error) {
        return pool.preparedQuery("update outbound_delivery set status = $2, attempts = attempts + 1, last_attempt_at = $3,"
                + " last_status = $4, last_error = $5, last_latency_ms = $6, lease_until = null,"
                + " next_attempt_at = coalesce($7, next_attempt_at),"
                + " delivered_at = case when $2 = 'DELIVERED' then $3 else delivered_at end,"
                + " dead_at = case when $2 = 'DEAD' then $3 else dead_at end where id = $1")
                .execute(Tuple.from(new Object[] {id, status.name(), utc(now), attempt.status(),
                        truncate(error), attempt.latency().toMillis(),
                        next == null ? null : utc(next)}))
                .replaceWithVoid();
    }

    /** A subscription's deliveries, newest first, of the given statuses (all when the set is empty). */
    public Uni<List<View>> list(UUID subscriptionId, java.util.Set<Status> statuses, int limit) {
        String where = statuses.isEmpty() ? "subscription_id = $1" : "subscription_id = $1 and status = any($3::text[])";
        Tuple args = statuses.isEmpty() ? Tuple.of(subscriptionId, limit)
                : Tuple.of(subscriptionId, limit, statuses.stream().map(Status::name).toArray(String[]::new));
        return pool.preparedQuery("select " + VIEW_COLUMNS + " from outbound_delivery where " + where + " order by seq desc limit $2")
                .execute(args).map(DeliveryQueue::views);
    }

    /** Dead deliveries (all subscriptions, or one), newest first. */
    public Uni<List<View>> dead(UUID subscriptionId, int limit) {
        String where = subscriptionId == null ? "status = 'DEAD' and $2::uuid is null" : "status = 'DEAD' and subscription_id = $2";
        return pool.preparedQuery("select " + VIEW_COLUMNS + " from outbound_delivery where " + where + " order by dead_at desc limit $1")
                .execute(Tuple.of(limit, subscriptionId)).map(DeliveryQueue::views);
    }

    /** One delivery, or null. */
    public Uni<View> find(UUID id) {
        return pool.preparedQuery("select " + VIEW_COLUMNS + " from outbound_delivery where id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    List<View> views = views(rows);
                    return views.isEmpty() ? null : views.get(0);
                });
    }

    /**
     * Puts a dead delivery back in its queue, due now, with a fresh retry window (same event id, so
     * the same {@code webhook-id}). Null when there is no such dead delivery.
     */
    public Uni<View> replay(UUID id, Instant now) {
        return pool.preparedQuery("update outbound_delivery set status = 'PENDING', next_attempt_at = $2, window_start = $2,"
                + " dead_at = null, lease_until = null where id = $1 and status = 'DEAD' returning " + VIEW_COLUMNS)
                .execute(Tuple.of(id, utc(now)))
                .map(rows -> {
                    List<View> views = views(rows);
                    return views.isEmpty() ? null : views.get(0);
                });
    }

    /** The oldest pending delivery's creation per subscription (for the oldest-pending-age gauge). */
    public Uni<Map<UUID, Instant>> oldestPending() {
        return pool.query("select subscription_id, min(created_at) as oldest from outbound_delivery where status = 'PENDING'"
                + " group by subscription_id").execute().map(rows -> {
                    Map<UUID, Instant> oldest = new LinkedHashMap<>();
                    rows.forEach(row -> oldest.put(row.getUUID("subscription_id"), instant(row, "oldest")));
                    return oldest;
                });
    }

    private static List<View> views(RowSet<Row> rows) {
        List<View> views = new ArrayList<>();
        for (Row row : rows) {
            views.add(new View(row.getUUID("id").toString(), row.getUUID("subscription_id").toString(), row.getString("event_id"),
                    row.getString("event_type"), row.getString("ordering_key"), Status.valueOf(row.getString("status")),
                    row.getInteger("attempts"), row.getInteger("last_status"), row.getString("last_error"), instant(row, "created_at"),
                    instant(row, "last_attempt_at"), Status.valueOf(row.getString("status")) == Status.PENDING ? instant(row, "next_attempt_at") : null,
                    row.getLong("last_latency_ms"), instant(row, "delivered_at"), instant(row, "dead_at")));
        }
        return views;
    }

    private static int rowCount(RowSet<Row> rows) {
        int count = 0;
        for (RowSet<Row> set = rows; set != null; set = set.next()) {
            count += set.rowCount();
        }
        return count;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
