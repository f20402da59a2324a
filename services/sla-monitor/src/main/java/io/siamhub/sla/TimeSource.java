package io.siamhub.sla;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.siamhub.sla.engine.Parties;

/**
 * The engine's view of who the integrator is. (Time: every rule reads the injected {@link java.time.Clock}, which
 * service-kit's {@code ServiceClock} produces as a default bean; tests drive it with their own.)
 */
@Singleton
public class TimeSource {

    @Produces
    @Singleton
    Parties parties(SlaConfig config) {
        return new Parties(Set.copyOf(config.integratorOwners()));
    }
}
