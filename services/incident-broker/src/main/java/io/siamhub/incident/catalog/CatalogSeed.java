package io.siamhub.incident.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.siamhub.incident.IncidentConfig;

/**
 * Loads {@code siam.incident.catalog-file} at start (an upsert, as {@code POST /api/catalog/import} does),
 * then the in-memory catalog. A seed file that cannot be read or is invalid stops the start: running
 * with half a catalog would quietly mark incidents unmapped.
 */
@ApplicationScoped
public class CatalogSeed {

    private static final Logger LOG = Logger.getLogger(CatalogSeed.class);

    void seed(@Observes StartupEvent event, IncidentConfig config, CatalogService catalog, CatalogSnapshots snapshots)
            throws Throwable {
        if (config.catalogFile().isPresent()) {
            Path file = Path.of(config.catalogFile().get());
            CatalogDocument document;
            try {
                document = CatalogYaml.read(Files.readString(file));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the catalog file " + file + ": " + e, e);
            } catch (io.siamhub.kit.problem.ProblemException e) {
                throw new IllegalStateException("the catalog file " + file + " is invalid: " + e.problem().detail()
                        + (e.problem().errors() == null ? "" : " " + e.problem().errors()), e);
            }
            CatalogService.ImportResult result = VertxContextSupport.subscribeAndAwait(() -> catalog.importCatalog(document));
            LOG.infof("catalog seeded from %s: %d providers, %d services, %d configuration items, %d ownerships", file,
                    result.providers(), result.services(), result.configurationItems(), result.ownerships());
        }
        VertxContextSupport.subscribeAndAwait(snapshots::reload);
    }
}
