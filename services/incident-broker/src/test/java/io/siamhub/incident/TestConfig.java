package io.siamhub.incident;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The broker's settings as application.properties gives them, with overrides, for unit tests (no Quarkus). */
public final class TestConfig {

    public static IncidentConfig incident(Map<String, String> overrides) {
        try {
            URL properties = TestConfig.class.getClassLoader().getResource("application.properties");
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(properties, 100))
                    .withSources(new PropertiesConfigSource(overrides, "overrides", 200))
                    .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                    .withMapping(IncidentConfig.class)
                    .build();
            return config.getConfigMapping(IncidentConfig.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static IncidentConfig incident() {
        return incident(Map.of());
    }

    private TestConfig() {
    }
}
