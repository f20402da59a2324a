package io.siamhub.sla.definition;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.SiamJson;
import io.siamhub.sla.Invalid;
import io.siamhub.sla.calendar.BusinessCalendar;
import io.siamhub.sla.calendar.CalendarEntity;
import io.siamhub.sla.calendar.CalendarParser;
import io.siamhub.sla.calendar.CalendarSpec;
import io.siamhub.sla.catalog.CatalogParties;
import io.smallrye.mutiny.Uni;

/**
 * Calendars and definitions: stored as their JSON specs, read by every instance through a cached {@link SlaModel}
 * that is reloaded whenever {@code sla_model_version} moved (another instance, or this one, wrote). Every method
 * works in the caller's session or transaction.
 */
@ApplicationScoped
public class ModelStore {

    private static final Logger LOG = Logger.getLogger(ModelStore.class);
    private static final String VERSION = "select version from sla_model_version where id = 1";
    private static final String BUMP = "update sla_model_version set version = version + 1 where id = 1";

    private final AtomicReference<SlaModel> cached = new AtomicReference<>(SlaModel.EMPTY);
    private final Clock clock;
    private final CatalogParties parties;

    ModelStore(Clock clock, CatalogParties parties) {
        this.clock = clock;
        this.parties = parties;
    }

    /** The model as committed: the cached one when the version has not moved, else reloaded. */
    public Uni<SlaModel> current() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(VERSION, Long.class).getSingleResult())
                .chain(version -> version == cached.get().version() ? Uni.createFrom().item(cached.get()) : load(version));
    }

    /** The last model this instance loaded (no database round trip; may lag another instance's write by one batch). */
    public SlaModel cachedModel() {
        return cached.get();
    }

    private Uni<SlaModel> load(long version) {
        return CalendarEntity.<CalendarEntity> listAll().chain(calendars -> DefinitionEntity.<DefinitionEntity> listAll().map(definitions -> {
            Map<String, CalendarSpec> calendarSpecs = new HashMap<>();
            Map<String, BusinessCalendar> parsedCalendars = new HashMap<>();
            for (CalendarEntity row : calendars) {
                CalendarSpec spec = read(row.spec, CalendarSpec.class);
                calendarSpecs.put(row.id, spec);
                Invalid errors = Invalid.collect("calendar " + row.id + ": ");
                BusinessCalendar calendar = CalendarParser.parse(spec, errors);
                if (calendar == null) {
                    LOG.errorf("stored calendar %s no longer validates: %s", row.id, errors.errors());
                } else {
                    parsedCalendars.put(row.id, calendar);
                }
            }
            Map<String, DefinitionSpec> definitionSpecs = new HashMap<>();
            Map<String, SlaDefinition> parsedDefinitions = new HashMap<>();
            for (DefinitionEntity row : definitions) {
                DefinitionSpec spec = read(row.spec, DefinitionSpec.class);
                definitionSpecs.put(row.id, spec);
                Invalid errors = Invalid.collect("definition " + row.id + ": ");
                SlaDefinition definition = DefinitionParser.parse(row.id, spec, parsedCalendars::containsKey, null, null, errors);
                if (definition == null) {
                    LOG.errorf("stored definition %s no longer validates: %s", row.id, errors.errors());
                } else {
                    parsedDefinitions.put(row.id, definition);
                }
            }
            SlaModel model = new SlaModel(version, calendarSpecs, parsedCalendars, definitionSpecs, parsedDefinitions);
            cached.set(model);
            return model;
        }));
    }

    /**
     * Creates or replaces a calendar (validated first: a 400 names each field at fault).
     *
     * @return true when it was created, false when replaced; the model version moves only when the spec changed
     */
    public Uni<Write> putCalendar(String id, CalendarSpec spec) {
        checkId(id);
        CalendarParser.parse(spec);
        String json = json(spec);
        return CalendarEntity.<CalendarEntity> findById(id).chain(existing -> {
            if (existing != null && existing.spec.equals(json)) {
                return Uni.createFrom().item(new Write(false, false));
            }
            CalendarEntity row = existing != null ? existing : new CalendarEntity();
            row.id = id;
            row.spec = json;
            row.updatedAt = clock.instant();
            Uni<?> saved = existing != null ? Uni.createFrom().item(row) : row.persist();
            return saved.chain(this::bump).replaceWith(new Write(existing == null, true));
        });
    }

    /** Deletes a calendar; 404 when unknown, 409 when a definition counts on it. */
    public Uni<Void> deleteCalendar(String id) {
        return CalendarEntity.<CalendarEntity> findById(id).chain(row -> {
            if (row == null) {
                throw ProblemException.notFound("no calendar " + id);
            }
            return DefinitionEntity.<DefinitionEntity> list("calendarId", id).chain(users -> {
                if (!users.isEmpty()) {
                    throw ProblemException.conflict("calendar " + id + " is used by definition(s) "
                            + users.stream().map(user -> user.id).sorted().collect(Collectors.joining(", "))
                            + "; point them at another calendar or delete them first");
                }
                return row.delete().chain(this::bump);
            });
        });
    }

    /**
     * Creates or replaces a definition. Its calendar must exist; its party must be {@code integrator} or a party of
     * the catalog, and every service of {@code appliesTo.services} a service of the catalog, unless {@code checkCatalog} is false
     * (the seed file, read before the catalog arrived). 400 ({@link io.siamhub.kit.api.ProblemException}) naming the field otherwise.
     */
    public Uni<Write> putDefinition(String id, DefinitionSpec spec, boolean checkCatalog) {
        checkId(id);
        return current().chain(model -> (checkCatalog ? parties.known() : Uni.createFrom().item(Set.<String> of())).chain(known -> (checkCatalog
                ? parties.services() : Uni.createFrom().item(Set.<String> of())).chain(services -> {
            Predicate<String> party = checkCatalog ? name -> SlaDefinition.INTEGRATOR.equals(name) || known.contains(name) : null;
            Invalid errors = Invalid.collect("");
            DefinitionParser.parse(id, spec, model.calendars()::containsKey, party, checkCatalog ? services::contains : null, errors);
            errors.orThrow();
            String json = json(spec);
            return DefinitionEntity.<DefinitionEntity> findById(id).chain(existing -> {
                if (existing != null && existing.spec.equals(json)) {
                    return Uni.createFrom().item(new Write(false, false));
                }
                DefinitionEntity row = existing != null ? existing : new DefinitionEntity();
                row.id = id;
                row.spec = json;
                row.calendarId = spec.calendar();
                row.updatedAt = clock.instant();
                Uni<?> saved = existing != null ? Uni.createFrom().item(row) : row.persist();
                return saved.chain(this::bump).replaceWith(new Write(existing == null, true));
            });
        })));
    }

    /** Deletes a definition (its running clocks are cancelled by the recompute that follows); 404 when unknown. */
    public Uni<Void> deleteDefinition(String id) {
        return DefinitionEntity.<DefinitionEntity> findById(id).chain(row -> {
            if (row == null) {
                throw ProblemException.notFound("no definition " + id);
            }
            return row.delete().chain(this::bump);
        });
    }

    /** What a write did: created a new entry, and whether anything changed (the model version moved). */
    public record Write(boolean created, boolean changed) {
    }

    private Uni<Void> bump() {
        return Panache.getSession().chain(session -> session.flush()
                .chain(() -> session.createNativeQuery(BUMP).executeUpdate())).replaceWithVoid();
    }

    private static void checkId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw Invalid.field("id", id + " is not a valid id: 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    static String json(Object spec) {
        try {
            return SiamJson.mapper().writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return SiamJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " cannot be read", e);
        }
    }
}
