package io.siamhub.adapters.servicenow;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.SignalStatus;

/** The ServiceNow adapter after an install added a state to its map: a "mapping fix" for replay tests. */
public final class FixedServiceNowAdapter {

    private FixedServiceNowAdapter() {
    }

    public static ServiceNowAdapter withState(ServiceNowConfig config, MeterRegistry registry, String state, SignalStatus status) {
        Map<String, SignalStatus> states = new HashMap<>(config.states());
        states.put(state, status);
        ServiceNowConfig fixed = new ServiceNowConfig() {
            @Override
            public Map<String, SignalStatus> states() {
                return states;
            }

            @Override
            public Optional<List<String>> secrets() {
                return config.secrets();
            }

            @Override
            public Duration tolerance() {
                return config.tolerance();
            }

            @Override
            public Map<String, Severity> severity() {
                return config.severity();
            }

            @Override
            public Severity defaultSeverity() {
                return config.defaultSeverity();
            }

            @Override
            public Optional<String> displayDateFormat() {
                return config.displayDateFormat();
            }

            @Override
            public java.time.ZoneId displayTimeZone() {
                return config.displayTimeZone();
            }

            @Override
            public Optional<List<String>> integrationUsers() {
                return config.integrationUsers();
            }

            @Override
            public String correlationDisplay() {
                return config.correlationDisplay();
            }
        };
        return new ServiceNowAdapter(fixed, registry, java.time.Clock.systemUTC());
    }
}
