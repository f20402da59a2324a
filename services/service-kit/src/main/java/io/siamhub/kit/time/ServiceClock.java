package io.siamhub.kit.time;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The one place the system clock enters a service: every rule that depends on time injects
 * {@link Clock} (UTC) instead of calling {@code Instant.now()}, {@code Clock.systemUTC()} or
 * {@code System.currentTimeMillis()}. A default bean: a service or a test suite that produces its own
 * {@code Clock} (a driven one, say {@code io.siamhub.kit.testing.DrivenClock}) replaces it.
 */
@Singleton
public class ServiceClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
