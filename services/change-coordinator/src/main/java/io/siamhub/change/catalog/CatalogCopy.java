package io.siamhub.change.catalog;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.siamhub.change.persistence.CatalogCopyEntity;
import io.siamhub.model.SiamJson;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.Ownership;
import io.siamhub.model.catalog.Provider;
import io.siamhub.model.catalog.Service;
import io.smallrye.mutiny.Uni;

/**
 * The catalog as the change coordinator knows it: rows of {@code catalog_copy} (written by
 * {@link io.siamhub.change.messaging.CatalogConsumer}) held in memory as a {@link CatalogView}, reloaded after
 * every write.
 */
@ApplicationScoped
public class CatalogCopy {

    private static final Logger LOG = Logger.getLogger(CatalogCopy.class);

    private volatile CatalogView current = CatalogView.EMPTY;

    /** Loads the stored copy soon after start, then now and then as a safety net (the consumer reloads after each record). */
    @Scheduled(every = "30s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload().replaceWithVoid().onFailure().invoke(failure -> LOG.warnf("catalog copy not loaded: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** The latest view. */
    public CatalogView current() {
        return current;
    }

    /** Reads the table again (in its own session). */
    public Uni<CatalogView> reload() {
        return Panache.withSession(() -> CatalogCopyEntity.<CatalogCopyEntity> listAll()).map(rows -> {
            List<Service> services = new ArrayList<>();
            List<ConfigurationItem> items = new ArrayList<>();
            List<Provider> providers = new ArrayList<>();
            List<Ownership> ownerships = new ArrayList<>();
            for (CatalogCopyEntity row : rows) {
                try {
                    if (row.entity.equals("service")) {
                        services.add(SiamJson.mapper().readValue(row.body, Service.class));
                    } else if (row.entity.equals("configuration-item")) {
                        items.add(SiamJson.mapper().readValue(row.body, ConfigurationItem.class));
                    } else if (row.entity.equals("provider")) {
                        providers.add(SiamJson.mapper().readValue(row.body, Provider.class));
                    } else if (row.entity.equals("ownership")) {
                        ownerships.add(SiamJson.mapper().readValue(row.body, Ownership.class));
                    }
                } catch (JsonProcessingException e) {
                    LOG.warnf("catalog copy row %s is unreadable; left out: %s", row.key, e.getOriginalMessage());
                }
            }
            CatalogView view = new CatalogView(services, items, providers, ownerships);
            current = view;
            return view;
        });
    }
}
