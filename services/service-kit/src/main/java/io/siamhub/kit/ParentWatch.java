package io.siamhub.kit;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/** With {@code siam.kit.exit-with-parent}, shuts the service down when its parent's end of stdin closes. */
@ApplicationScoped
public class ParentWatch {

    private static final Logger LOG = Logger.getLogger(ParentWatch.class);

    void start(@Observes StartupEvent event, KitConfig config) {
        if (!config.exitWithParent()) {
            return;
        }
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; only the end of the stream matters
                }
            } catch (IOException ignored) {
                // a broken pipe means the same
            }
            LOG.info("parent process is gone: shutting down");
            Quarkus.asyncExit();
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
