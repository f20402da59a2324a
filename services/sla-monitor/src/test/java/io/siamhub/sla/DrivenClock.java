package io.siamhub.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * The service's {@link Clock} in tests: the system clock until a test fixes the time ({@link #set}), then exactly the
 * instant the test says. The main producer is a default bean and yields to this one.
 */
@Singleton
public class DrivenClock extends Clock {

    private volatile Instant fixed;

    /** From now on the service's time is {@code instant} (until moved or {@link #release}d). */
    public void set(Instant instant) {
        fixed = instant;
    }

    public void advance(Duration duration) {
        fixed = instant().plus(duration);
    }

    /** Back to the system clock. */
    public void release() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock is UTC");
    }
}
