package io.siamhub.sla.seed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.SiamJson;
import io.siamhub.sla.SlaConfig;

import io.siamhub.sla.clock.Recompute;
import io.siamhub.sla.clock.SlaMetrics;

import io.siamhub.sla.definition.ModelStore;
import io.smallrye.mutiny.Multi;


/**
 * Upserts {@code siam.sla.definitions-file} at every start, in one transaction (calendars first), then recomputes what
 * changed. Unknown keys are refused, and an invalid file stops the start: running with half the agreements would
 * quietly count nothing. Parties are not checked against the catalog here (the catalog may not have arrived yet); a
 * clock for a party that never owns an incident simply never runs.
 */
@ApplicationScoped
public class DefinitionsSeed {

    private static final Logger LOG = Logger.getLogger(DefinitionsSeed.class);
    private static final ObjectMapper YAML = SiamJson.configure(new ObjectMapper(new YAMLFactory()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    void seed(@Observes StartupEvent event, SlaConfig config, ModelStore models, Recompute recompute, SlaMetrics metrics) throws Throwable {
        if (config.definitionsFile().isPresent()) {
            Path file = Path.of(config.definitionsFile().get());
            SeedDocument document;
            try {
                document = read(Files.readString(file));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the SLA definitions file " + file + ": " + e, e);
            }
            List<String> changedCalendars = new ArrayList<>();
            List<String> changedDefinitions = new ArrayList<>();
            try {
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Multi.createFrom()
                        .iterable(document.calendars().entrySet())
                        .onItem().transformToUniAndConcatenate(calendar -> named("calendars." + calendar.getKey(),
                                () -> models.putCalendar(calendar.getKey(), calendar.getValue()))
                                .invoke(write -> {
                                    if (write.changed()) {
                                        changedCalendars.add(calendar.getKey());
                                    }
                                }))
                        .collect().last()
                        .chain(() -> Multi.createFrom().iterable(document.definitions().entrySet())
                                .onItem().transformToUniAndConcatenate(definition -> named("definitions." + definition.getKey(),
                                        () -> models.putDefinition(definition.getKey(), definition.getValue(), false)).invoke(write -> {
                                            if (write.changed()) {
                                                changedDefinitions.add(definition.getKey());
                                            }
                                        }))
                                .collect().last())));
            } catch (ProblemException e) {
                throw new IllegalStateException("the SLA definitions file " + file + " is invalid: " + e.problem().detail(), e);
            } catch (InvalidEntry e) {
                throw new IllegalStateException("the SLA definitions file " + file + " is invalid: " + e.getMessage(), e);
            }
            LOG.infof("SLA definitions seeded from %s: %d calendars, %d definitions (%d and %d changed)", file, document.calendars().size(),
                    document.definitions().size(), changedCalendars.size(), changedDefinitions.size());
            TreeSet<String> affected = new TreeSet<>(changedDefinitions);
            VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(models::current)).definitions().values().stream()
                    .filter(definition -> changedCalendars.contains(definition.calendarId())).forEach(definition -> affected.add(definition.id()));
            if (!affected.isEmpty()) {
                VertxContextSupport.subscribeAndAwait(() -> recompute.definitions(affected, true, "seed file changed " + affected));
            }
        }
        metrics.registerFor(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(models::current)));
    }

    /** A write of one entry, whose refusal names the entry ({@code definitions.p1-resolution: target: ...}). */
    private static <T> io.smallrye.mutiny.Uni<T> named(String entry, java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> write) {
        return io.smallrye.mutiny.Uni.createFrom().deferred(write::get).onFailure(ProblemException.class)
                .transform(failure -> new InvalidEntry(entry + ": " + ((ProblemException) failure).problem().detail(), failure));
    }

    /** One entry of the seed file is invalid. */
    static final class InvalidEntry extends RuntimeException {
        InvalidEntry(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Parses a seed file; a 400 problem names the line, column and path at fault. */
    public static SeedDocument read(String text) {
        if (text == null || text.isBlank()) {
            return new SeedDocument(Map.of(), Map.of());
        }
        try {
            SeedDocument document = YAML.readValue(text, SeedDocument.class);
            return document == null ? new SeedDocument(Map.of(), Map.of()) : document;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            String path = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                    ? " (" + mapping.getPath().stream()
                            .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                            .collect(Collectors.joining(".")).replace(".[", "[") + ")"
                    : "";
            throw ProblemException.badRequest("the SLA definitions file is not valid YAML for siam-hub" + where + path + ": "
                    + e.getOriginalMessage());
        }
    }

}
