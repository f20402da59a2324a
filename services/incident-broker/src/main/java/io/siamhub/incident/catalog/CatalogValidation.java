package io.siamhub.incident.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.siamhub.kit.problem.Problem;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.MatchRule;
import io.siamhub.model.catalog.Ownership;
import io.siamhub.model.catalog.Provider;
import io.siamhub.model.catalog.Service;

/** Checks catalog entries before they are stored: one 400 listing every field at fault. */
final class CatalogValidation {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final List<Problem.FieldError> errors = new ArrayList<>();

    static void check(CatalogDocument document) {
        CatalogValidation validation = new CatalogValidation();
        for (int i = 0; i < document.providers().size(); i++) {
            validation.provider("providers[" + i + "].", document.providers().get(i));
        }
        for (int i = 0; i < document.services().size(); i++) {
            validation.service("services[" + i + "].", document.services().get(i));
        }
        for (int i = 0; i < document.configurationItems().size(); i++) {
            validation.item("configurationItems[" + i + "].", document.configurationItems().get(i));
        }
        for (int i = 0; i < document.ownerships().size(); i++) {
            validation.ownership("ownerships[" + i + "].", document.ownerships().get(i));
        }
        validation.throwIfAny();
    }

    static void check(Provider provider) {
        CatalogValidation validation = new CatalogValidation();
        validation.provider("", provider);
        validation.throwIfAny();
    }

    static void check(Service service) {
        CatalogValidation validation = new CatalogValidation();
        validation.service("", service);
        validation.throwIfAny();
    }

    static void check(ConfigurationItem item) {
        CatalogValidation validation = new CatalogValidation();
        validation.item("", item);
        validation.throwIfAny();
    }

    static void check(Ownership ownership) {
        CatalogValidation validation = new CatalogValidation();
        validation.ownership("", ownership);
        validation.throwIfAny();
    }

    /** Dangling references across the stored catalog. */
    static void references(List<ServiceEntry> serviceEntries, java.util.Set<String> providers, List<ConfigurationItemEntry> items,
            List<OwnershipEntry> ownerships) {
        CatalogValidation validation = new CatalogValidation();
        java.util.Set<String> services = serviceEntries.stream().map(service -> service.id).collect(java.util.stream.Collectors.toSet());
        for (ServiceEntry service : serviceEntries) {
            for (String needed : service.toModel().dependsOn()) {
                if (!services.contains(needed) || needed.equals(service.id)) {
                    validation.errors.add(new Problem.FieldError("services." + service.id + ".dependsOn",
                            needed.equals(service.id) ? "a service cannot depend on itself" : "no service " + needed + " in the catalog"));
                }
            }
        }
        java.util.Set<String> itemIds = new java.util.HashSet<>();
        for (ConfigurationItemEntry item : items) {
            itemIds.add(item.id);
            if (item.service != null && !services.contains(item.service)) {
                validation.errors.add(new Problem.FieldError("configurationItems." + item.id + ".service",
                        "no service " + item.service + " in the catalog"));
            }
            if (item.provider != null && !providers.contains(item.provider)) {
                validation.errors.add(new Problem.FieldError("configurationItems." + item.id + ".provider",
                        "no provider " + item.provider + " in the catalog"));
            }
        }
        for (OwnershipEntry ownership : ownerships) {
            boolean known = ownership.scope == io.siamhub.model.catalog.OwnershipScope.SERVICE ? services.contains(ownership.target)
                    : itemIds.contains(ownership.target);
            if (!known) {
                validation.errors.add(new Problem.FieldError("ownerships." + ownership.id + ".target",
                        "no " + (ownership.scope == io.siamhub.model.catalog.OwnershipScope.SERVICE ? "service " : "configuration item ")
                                + ownership.target + " in the catalog"));
            }
        }
        validation.throwIfAny();
    }

    private void provider(String at, Provider provider) {
        id(at, provider.id());
        required(at + "name", provider.name());
    }

    private void service(String at, Service service) {
        id(at, service.id());
        required(at + "name", service.name());
        if (service.criticality() == null) {
            errors.add(new Problem.FieldError(at + "criticality", "must be HIGH, MEDIUM or LOW"));
        }
        for (int i = 0; i < service.dependsOn().size(); i++) {
            String needed = service.dependsOn().get(i);
            if (needed == null || !ID.matcher(needed).matches()) {
                errors.add(new Problem.FieldError(at + "dependsOn[" + i + "]", "must be a service id (letters, digits, '.', '_' or '-')"));
            }
        }
    }

    private void item(String at, ConfigurationItem item) {
        id(at, item.id());
        required(at + "name", item.name());
        for (int i = 0; i < item.match().size(); i++) {
            MatchRule rule = item.match().get(i);
            String path = at + "match[" + i + "]";
            if (rule.resourceId() == null && rule.resourceIdPattern() == null && rule.provider() == null
                    && rule.account() == null && rule.region() == null && rule.labels().isEmpty()) {
                errors.add(new Problem.FieldError(path, "a rule must set at least one field"));
            }
            if (rule.resourceIdPattern() != null) {
                try {
                    Pattern.compile(rule.resourceIdPattern());
                } catch (PatternSyntaxException e) {
                    errors.add(new Problem.FieldError(path + ".resourceIdPattern", "not a regular expression: " + e.getDescription()));
                }
            }
        }
    }

    private void ownership(String at, Ownership ownership) {
        id(at, ownership.id());
        if (ownership.scope() == null) {
            errors.add(new Problem.FieldError(at + "scope", "must be SERVICE or CONFIGURATION_ITEM"));
        }
        required(at + "target", ownership.target());
        if (ownership.ownerType() == null) {
            errors.add(new Problem.FieldError(at + "ownerType", "must be PROVIDER or RESOLVER_GROUP"));
        }
        required(at + "owner", ownership.owner());
    }

    private void id(String at, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            errors.add(new Problem.FieldError(at + "id", "must be 1 to 128 letters, digits, '.', '_' or '-'"));
        }
    }

    private void required(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, "must not be blank"));
        }
    }

    private void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400,
                    errors.size() + " catalog field(s) at fault", errors));
        }
    }
}
