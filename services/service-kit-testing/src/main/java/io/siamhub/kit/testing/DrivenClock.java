package io.siamhub.kit.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests drive: the system's UTC time plus an offset the test moves ({@link #advance}), so a
 * rule that waits minutes (a quiet period, a flapping window) can be passed in milliseconds while the
 * service keeps running. Produce it as the service's {@link Clock} bean in a suite's test sources
 * (it replaces the service-kit's default), and {@link #reset} it when done: suites share one app.
 */
public final class DrivenClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();

    /** Moves time forward (or back, with a negative duration) by {@code by}. */
    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    /** Back to the system's time. */
    public void reset() {
        offsetMillis.set(0);
    }

    /** How far ahead of the system's time it is. */
    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("a driven clock is UTC");
    }
}
