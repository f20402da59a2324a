package io.siamhub.sla.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siamhub.kit.outbox.Outbox;
import io.siamhub.model.EventTypes;
import io.siamhub.model.Topics;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.model.sla.SlaEventKind;
import io.siamhub.sla.SlaConfig;
import io.siamhub.sla.calendar.BusinessCalendar;
import io.siamhub.sla.definition.ModelStore;
import io.siamhub.sla.engine.ClockEvents;
import io.siamhub.sla.engine.ClockTimer;
import io.vertx.core.Vertx;

/**
 * Fires stage and breach timers. The index is {@code sla_clock.next_due_at} (a partial b-tree): the scheduler reads
 * the clocks whose instant has come ({@code for update skip locked}, so two instances never fire one clock twice and
 * never wait on each other), advances each with {@link ClockTimer} (no history replay), writes it and its events to the
 * outbox in one transaction, then sleeps until the earliest {@code next_due_at} (one index lookup), at most
 * {@code siam.sla.scheduler.max-idle}. Clocks that nothing is due for cost nothing: the work does not grow with idle
 * clocks. After a start, overdue timers fire at once; a timer fires once because its row's {@code next_due_at} moves
 * on in the transaction that publishes its event.
 */
@ApplicationScoped
public class SlaClockScheduler {

    private static final Logger LOG = Logger.getLogger(SlaClockScheduler.class);
    private static final String DUE = "select * from sla_clock where next_due_at <= ?1 order by next_due_at limit ?2 for update skip locked";
    private static final String EARLIEST = "select min(next_due_at) from sla_clock where next_due_at is not null";

    private final Vertx vertx;
    private final Clock clock;
    private final SlaConfig.Scheduler config;
    private final ModelStore models;
    private final Outbox outbox;
    private final SlaMetrics metrics;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean started;
    private long timer = -1;
    private Instant plannedWake;

    SlaClockScheduler(Vertx vertx, Clock clock, SlaConfig config, ModelStore models, Outbox outbox, SlaMetrics metrics) {
        this.vertx = vertx;
        this.clock = clock;
        this.config = config.scheduler();
        this.models = models;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("SLA timers disabled on this instance (siam.sla.scheduler.enabled=false)");
            return;
        }
        started = true;
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        started = false;
        cancelTimer();
    }

    /** Fires what is due now, then plans the next wake-up. Coalesces with a run under way. */
    public void wake() {
        if (!started) {
            return;
        }
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            run();
        }
    }

    /** A clock was written with this timer instant: wake by then (another instance's writes are seen within max-idle). */
    public void hint(Instant due) {
        if (due == null || !started) {
            return;
        }
        synchronized (this) {
            if (plannedWake != null && !due.isBefore(plannedWake)) {
                return;
            }
        }
        planAt(due);
    }

    private void run() {
        requested.set(false);
        OnVertx.run(vertx, () -> fireDue(clock.instant()), fired -> {
            if (fired >= config.batchSize() || requested.get()) {
                run();
            } else {
                planNext();
            }
        }, failure -> {
            LOG.warnf("firing SLA timers failed, retrying in %s: %s", config.maxIdle(), failure.toString());
            running.set(false);
            planAt(clock.instant().plus(config.maxIdle()));
        });
    }

    private void planNext() {
        OnVertx.run(vertx, () -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(EARLIEST, Instant.class).getSingleResultOrNull())),
                earliest -> {
                    running.set(false);
                    Instant latest = clock.instant().plus(config.maxIdle());
                    planAt(earliest == null || earliest.isAfter(latest) ? latest : earliest);
                    if (requested.get()) {
                        wake();
                    }
                }, failure -> {
                    running.set(false);
                    planAt(clock.instant().plus(config.maxIdle()));
                });
    }

    private synchronized void planAt(Instant at) {
        if (!started) {
            return;
        }
        cancelTimer();
        plannedWake = at;
        long delay = Math.max(1, Duration.between(clock.instant(), at).toMillis() + 1);
        timer = vertx.setTimer(delay, id -> {
            synchronized (this) {
                timer = -1;
                plannedWake = null;
            }
            wake();
        });
    }

    private synchronized void cancelTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /**
     * Fires every clock whose {@code next_due_at} is at or before {@code now} (at most one batch), in one transaction.
     *
     * @return how many clocks it advanced
     */
    public io.smallrye.mutiny.Uni<Integer> fireDue(Instant now) {
        List<SlaEvent> published = new ArrayList<>();
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(DUE, ClockEntity.class).setParameter(1, now)
                        .setParameter(2, config.batchSize()).getResultList())
                .chain(rows -> rows.isEmpty() ? io.smallrye.mutiny.Uni.createFrom().item(0) : models.current().chain(model -> {
                    List<Outbox.Pending> pending = new ArrayList<>();
                    for (ClockEntity row : rows) {
                        io.siamhub.sla.engine.Clock stored = ClockRows.clock(row);
                        BusinessCalendar calendar = model.calendars().get(stored.calendarId());
                        if (calendar == null) {
                            row.nextDueAt = null;
                            continue;
                        }
                        io.siamhub.sla.engine.Clock next = ClockTimer.advance(stored, calendar, now);
                        if (next.nextDueAt() != null && !next.nextDueAt().isAfter(now)) {
                            LOG.errorf("clock %s would fire again at once (%s); retried in a second", stored.id(), next.nextDueAt());
                            next = next.withNextDueAt(now.plusSeconds(1));
                        }
                        for (SlaEvent event : ClockEvents.between(stored, next, null, now)) {
                            published.add(event);
                            pending.add(new Outbox.Pending(Topics.SLA, event.incidentId(), EventTypes.sla(event.kind()),
                                    stored.incidentNumber(), event));
                        }
                        ClockRows.write(next, row);
                    }
                    return outbox.appendAll(pending).replaceWith(rows.size());
                })))
                .invoke(() -> {
                    Instant firedAt = clock.instant();
                    for (SlaEvent event : published) {
                        if (event.kind() == SlaEventKind.AT_RISK || event.kind() == SlaEventKind.BREACHED) {
                            metrics.fired(event.occurredAt(), firedAt);
                        }
                    }
                    metrics.published(published);
                });
    }
}
