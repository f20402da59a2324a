package io.siamhub.incident;

import java.util.UUID;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.siamhub.incident.correlation.SignalRules;
import io.siamhub.incident.rules.AutoResolvePolicy;
import io.siamhub.incident.rules.FlappingDetector;
import io.siamhub.incident.rules.PriorityMatrix;

/** The pure rules as beans, made from the settings ({@code siam.incident.*}); the rules themselves know nothing of CDI. */
@Singleton
public class RuleBeans {

    @Produces
    @Singleton
    PriorityMatrix priorities(IncidentConfig config) {
        return new PriorityMatrix(config);
    }

    @Produces
    @Singleton
    FlappingDetector flapping(IncidentConfig config) {
        return new FlappingDetector(config);
    }

    @Produces
    @Singleton
    AutoResolvePolicy autoResolve(IncidentConfig config, FlappingDetector flapping) {
        return new AutoResolvePolicy(config, flapping);
    }

    @Produces
    @Singleton
    SignalRules signalRules(IncidentConfig config, PriorityMatrix priorities, FlappingDetector flapping, AutoResolvePolicy autoResolve) {
        return new SignalRules(config, priorities, flapping, autoResolve, UUID::randomUUID);
    }
}
