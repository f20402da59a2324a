package io.siamhub.adapters.outbound.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Sends pending deliveries. Every {@code dispatch.interval}, when the intake queued something, and
 * whenever an attempt ends, it claims due deliveries ({@link DeliveryQueue#claim}) with a lease and
 * starts each attempt on its own: nothing waits for a slow receiver but that receiver's own
 * deliveries (at most {@code max-in-flight-per-subscription} of them, one per ordering key). After an
 * attempt: 2xx delivered; 5xx, 408, 429, timeouts and connection errors again later per
 * {@link RetrySchedule} (Retry-After honoured) until {@code retry.max-period}, then dead; other 4xx,
 * redirects and refused addresses dead at once; 410 dead and the subscription disabled. A crash leaves
 * the lease to run out: the delivery then goes out again with the same {@code webhook-id}. Each delivery
 * goes to the {@link OutboundTarget} its subscription names ({@code webhook}, {@code servicenow}, {@code jira});
 * a 429 also holds back the rest of that subscription's deliveries until the retry is due
 * ({@link SubscriptionStore#pause}), so a rate-limited target slows down alone.
 */
@ApplicationScoped
public class OutboundDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboundDispatcher.class);
    /** How long past its timeout an attempt's lease lasts before another dispatcher may send it again. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final DeliveryQueue queue;
    private final SubscriptionStore subscriptions;
    private final Map<String, OutboundTarget> targets;
    private final OutboundMetrics metrics;
    private final OutboundConfig config;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final Vertx vertx;
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private long timer = -1;
    private long gaugeTimer = -1;

    OutboundDispatcher(DeliveryQueue queue, SubscriptionStore subscriptions, Instance<OutboundTarget> targets, OutboundMetrics metrics,
            OutboundConfig config, Clock clock, Vertx vertx) {
        this.queue = queue;
        this.subscriptions = subscriptions;
        Map<String, OutboundTarget> byName = new HashMap<>();
        targets.forEach(target -> byName.put(target.name(), target));
        this.targets = Map.copyOf(byName);
        this.metrics = metrics;
        this.config = config;
        this.schedule = RetrySchedule.of(config.retry(), RandomGenerator.getDefault());
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        timer = vertx.setPeriodic(Math.max(50, config.dispatch().interval().toMillis()), id -> wake());
        gaugeTimer = vertx.setPeriodic(5_000, id -> queue.oldestPending().subscribe().with(metrics::oldestPending,
                failure -> LOG.debugf("oldest-pending gauge not updated: %s", failure.toString())));
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (gaugeTimer >= 0) {
            vertx.cancelTimer(gaugeTimer);
        }
    }

    /** Looks for due deliveries now (the intake calls it after queueing). */
    public void wake() {
        if (!running || subscriptions.enabled().isEmpty()) {
            return; // nothing can be due for a disabled or deleted subscription
        }
        if (!claiming.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        int room = config.dispatch().maxInFlight() - inFlight.get();
        if (room <= 0) {
            claiming.set(false);
            return;
        }
        Instant now = clock.instant();
        Instant lease = now.plus(config.timeout()).plus(LEASE_MARGIN);
        queue.claim(now, lease, config.dispatch().maxInFlightPerSubscription(), room).subscribe().with(claimed -> {
            claimed.forEach(this::send);
            claiming.set(false);
            if (again.getAndSet(false) || claimed.size() == room) {
                wake();
            }
        }, failure -> {
            claiming.set(false);
            LOG.warnf("claiming outbound deliveries failed, trying again: %s", failure.toString());
        });
    }

    private void send(DeliveryQueue.Claimed delivery) {
        inFlight.incrementAndGet();
        OutboundTarget target = targets.get(delivery.target());
        Uni.createFrom().deferred(() -> target == null
                ? Uni.createFrom().item(Attempt.refusedAddress("no outbound target " + delivery.target() + " in this build"))
                : target.send(delivery))
                .onFailure().recoverWithItem(failure -> Attempt.failed(failure.toString(), Duration.ZERO))
                .chain(attempt -> settle(delivery, attempt))
                .subscribe().with(done -> {
                    inFlight.decrementAndGet();
                    wake();
                }, failure -> {
                    inFlight.decrementAndGet();
                    // the lease runs out and the delivery is sent again: never lost
                    LOG.warnf("recording delivery %s failed; it goes out again after its lease: %s", delivery.id(), failure.toString());
                });
    }

    private Uni<Void> settle(DeliveryQueue.Claimed delivery, Attempt attempt) {
        Instant now = clock.instant();
        String target = delivery.target();
        metrics.latency(target, attempt.latency());
        switch (attempt.verdict()) {
            case DELIVERED -> {
                metrics.outcome(target, "delivered");
                return queue.record(delivery.id(), attempt, DeliveryQueue.Status.DELIVERED, null, now);
            }
            case RETRY -> {
                Instant next = schedule.next(delivery.attempts() + 1, now, delivery.windowStart(),
                        RetrySchedule.retryAfter(attempt.retryAfter(), now));
                if (next != null) {
                    metrics.outcome(target, "retried");
                    Uni<Void> recorded = queue.record(delivery.id(), attempt, DeliveryQueue.Status.PENDING, next, now);
                    // 429: the receiver is rate-limiting this subscription (a sync target) as a whole: hold all of it back
                    return attempt.status() != null && attempt.status() == 429
                            ? recorded.call(() -> subscriptions.pause(delivery.subscriptionId(), next))
                            : recorded;
                }
                return dead(delivery, attempt, "retried for " + schedule.maxPeriod() + " without success; last: " + attempt.summary(), now);
            }
            case GONE -> {
                metrics.outcome(target, "gone");
                LOG.infof("subscription %s disabled: its receiver answered 410 Gone to delivery %s (event %s)", delivery.subscriptionId(),
                        delivery.id(), delivery.eventId());
                return queue.record(delivery.id(), attempt, DeliveryQueue.Status.DEAD, null, now)
                        .call(() -> subscriptions.disable(delivery.subscriptionId(),
                                "the receiver answered 410 Gone at " + now + " (delivery " + delivery.id() + "); PUT enabled=true to resume"));
            }
            default -> {
                return dead(delivery, attempt, attempt.summary(), now);
            }
        }
    }

    private Uni<Void> dead(DeliveryQueue.Claimed delivery, Attempt attempt, String reason, Instant now) {
        metrics.outcome(delivery.target(), "dead");
        LOG.infof("delivery %s of event %s to subscription %s dead-lettered after %d attempt(s): %s", delivery.id(),
                delivery.eventId(), delivery.subscriptionId(), delivery.attempts() + 1, reason);
        return queue.record(delivery.id(), attempt, DeliveryQueue.Status.DEAD, null, now, reason);
    }
}
