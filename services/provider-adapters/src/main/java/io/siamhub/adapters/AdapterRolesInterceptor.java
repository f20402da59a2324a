package io.siamhub.adapters;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Turns the normalizer's Kafka consumer ({@code mp.messaging.incoming.inbound}) on or off with
 * {@code siam.adapters.roles}, so an edge-only instance joins no consumer group. SmallRye Reactive
 * Messaging reads {@code mp.messaging.incoming.<channel>.enabled}; the roles decide it (setting that key
 * by hand has no effect). Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
@Priority(Priorities.APPLICATION)
public class AdapterRolesInterceptor implements ConfigSourceInterceptor {

    static final String NORMALIZER_CONSUMER = "mp.messaging.incoming.inbound.enabled";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (!NORMALIZER_CONSUMER.equals(name)) {
            return context.proceed(name);
        }
        ConfigValue roles = context.proceed(AdapterRole.KEY);
        boolean normalizer = AdapterRole.parse(roles == null ? AdapterRole.DEFAULT : roles.getValue()).contains(AdapterRole.NORMALIZER);
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(normalizer))
                .withConfigSourceName("siam.adapters.roles").build();
    }
}
