package io.siamhub.incident;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.siamhub.kit.testing.DrivenClock;

/** The broker's clock in its test suites: the system's time until a test drives it (then resets it). */
@Singleton
public class DrivenTime {

    @Produces
    @Singleton
    DrivenClock clock() {
        return new DrivenClock();
    }
}
