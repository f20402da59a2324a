package io.siamhub.adapters;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.siamhub.kit.testing.DrivenClock;

/** The adapters' clock in their test suites: the system's time until a test drives it (and resets it after). */
@Singleton
public class OutboundTime {

    @Produces
    @Singleton
    DrivenClock clock() {
        return new DrivenClock();
    }
}
