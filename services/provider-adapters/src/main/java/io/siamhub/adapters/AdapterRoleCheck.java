package io.siamhub.adapters;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * At start, after Reactive Messaging created its consumers: the normalizer's consumer runs exactly
 * when {@code siam.adapters.roles} names the normalizer. The consumer is fixed when the application is
 * built (see {@link AdapterRolesInterceptor}); a start with other roles than the build's is refused
 * with what to do, rather than quietly normalizing on an edge-only instance (or not at all).
 */
@ApplicationScoped
public class AdapterRoleCheck {

    private static final Logger LOG = Logger.getLogger(AdapterRoleCheck.class);

    private final AdaptersConfig config;
    private final KafkaClientService kafka;

    AdapterRoleCheck(AdaptersConfig config, KafkaClientService kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    void check(@Observes @Priority(Interceptor.Priority.APPLICATION + 500) StartupEvent event) {
        Set<AdapterRole> roles = AdapterRole.parse(config.roles());
        boolean wanted = roles.contains(AdapterRole.NORMALIZER);
        boolean built = kafka.getConsumerChannels().contains("inbound");
        if (wanted != built) {
            throw new IllegalStateException(AdapterRole.KEY + "=" + config.roles() + " at start, but this build "
                    + (built ? "runs" : "has no") + " normalizer consumer: the normalizer role is fixed when the application is"
                    + " built (Quarkus fixes a channel's enabled at build time); build with -D" + AdapterRole.KEY + "=" + config.roles()
                    + " or start with the roles it was built with");
        }
        LOG.infof("roles: %s", roles);
    }
}
