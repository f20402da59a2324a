package io.siamhub.adapters;

import java.util.Set;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Turns the normalizer's Kafka consumer (channel {@code inbound}) on or off with
 * {@code siam.adapters.roles}, so an edge-only instance joins no consumer group. Since Quarkus 3.30 a
 * channel's {@code enabled} is fixed when the application is built (quarkusio/quarkus#51301), so this
 * takes effect in the build; {@link AdapterRoleCheck} refuses a start whose roles differ from the
 * build's. Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
@Priority(Priorities.APPLICATION)
public class AdapterRolesInterceptor implements ConfigSourceInterceptor {

    /** Both spellings Quarkus reads the switch under. */
    static final Set<String> NORMALIZER_CONSUMER = Set.of("mp.messaging.incoming.inbound.enabled",
            "quarkus.messaging.incoming.inbound.enabled");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (!NORMALIZER_CONSUMER.contains(name)) {
            return context.proceed(name);
        }
        ConfigValue roles = context.proceed(AdapterRole.KEY);
        boolean normalizer = AdapterRole.parse(roles == null ? AdapterRole.DEFAULT : roles.getValue()).contains(AdapterRole.NORMALIZER);
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(normalizer))
                .withConfigSourceName(AdapterRole.KEY).build();
    }
}
