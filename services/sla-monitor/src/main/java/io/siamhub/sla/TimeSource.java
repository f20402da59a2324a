package io.siamhub.sla;

import java.time.Clock;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import io.siamhub.sla.engine.Parties;

/**
 * The one place the system clock enters the SLA monitor: every rule reads the injected {@link Clock} (UTC), so tests
 * drive time with their own. Also the engine's view of who the integrator is.
 */
@Singleton
public class TimeSource {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Parties parties(SlaConfig config) {
        return new Parties(Set.copyOf(config.integratorOwners()));
    }
}
