package io.siamhub.change.calendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.siamhub.change.ChangeConfig;
import io.siamhub.model.SiamJson;

/**
 * Creates the windows of {@code siam.change.calendar-file} at start, each under an id derived from its kind and
 * name (so a restart finds it and leaves it, and any change made through the API, alone). Scopes are not checked
 * against the catalog here: the copy of the catalog may still be on its way from {@code siam.catalog.v1}. A file
 * that cannot be read, or a window in it that is invalid, stops the start.
 */
@ApplicationScoped
public class CalendarSeed {

    private static final Logger LOG = Logger.getLogger(CalendarSeed.class);
    private static final ObjectMapper YAML = SiamJson.configure(new ObjectMapper(new YAMLFactory()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file: {@code freezeWindows} (a lockdown is not seeded) and {@code maintenanceWindows}. */
    public record Document(List<WindowRequest> freezeWindows, List<WindowRequest> maintenanceWindows) {

        public Document {
            freezeWindows = freezeWindows == null ? List.of() : List.copyOf(freezeWindows);
            maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
        }
    }

    void seed(@Observes StartupEvent event, ChangeConfig config, WindowCommands windows) throws Throwable {
        if (config.calendarFile().isEmpty()) {
            return;
        }
        Path file = Path.of(config.calendarFile().get());
        Document document;
        try {
            document = YAML.readValue(Files.readString(file, StandardCharsets.UTF_8), Document.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the calendar file " + file + ": " + e.getMessage(), e);
        }
        int created = 0;
        for (WindowRequest request : document.freezeWindows()) {
            if (request.lockdown() != null && request.lockdown()) {
                throw new IllegalStateException("the calendar file " + file + " seeds a lockdown (" + request.name()
                        + "): lockdowns are declared when needed, through the API");
            }
            created += seed(windows, request, WindowKind.FREEZE) ? 1 : 0;
        }
        for (WindowRequest request : document.maintenanceWindows()) {
            created += seed(windows, request, WindowKind.MAINTENANCE) ? 1 : 0;
        }
        LOG.infof("calendar seeded from %s: %d of %d windows created (the rest were there)", file, created,
                document.freezeWindows().size() + document.maintenanceWindows().size());
    }

    private static boolean seed(WindowCommands windows, WindowRequest request, WindowKind kind) throws Throwable {
        String id = UUID.nameUUIDFromBytes(("calendar-seed:" + kind + ":" + request.name()).getBytes(StandardCharsets.UTF_8)).toString();
        return VertxContextSupport.subscribeAndAwait(() -> windows.seed(request, kind, id));
    }
}
