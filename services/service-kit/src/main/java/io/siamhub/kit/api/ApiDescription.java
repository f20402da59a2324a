package io.siamhub.kit.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.siamhub.model.SiamJson;
import io.smallrye.openapi.runtime.io.Format;

/**
 * The service's own OpenAPI document ({@code /q/openapi}), indexed: which operations exist, what
 * each takes and answers, which query parameters and roles it has. Refusals word themselves from it
 * (a 415 names the media types the operation takes, a 405 the methods the path has, a 403 the role),
 * so what the service says and what it documents cannot drift apart. Read once, on first use.
 */
@ApplicationScoped
public class ApiDescription {

    private static final Logger LOG = Logger.getLogger(ApiDescription.class);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /**
     * One documented operation.
     *
     * @param method          the HTTP method, upper case
     * @param path            the path template, e.g. {@code /api/incidents/{id}}
     * @param consumes        media types of the request body (empty: no body)
     * @param produces        media types of its successful answers
     * @param queryParameters the query parameters it takes, each with its schema's {@code type} ({@code integer},
     *                        {@code boolean}, {@code string}, ...; empty when the document gives none)
     * @param roles           roles that may call it (any one suffices); empty when no token is needed
     */
    public record Operation(String method, String path, List<String> consumes, List<String> produces, Map<String, String> queryParameters,
            List<String> roles) {

        /** How many path segments are literal: the more, the better a template fits a path that several match. */
        int literals() {
            int literals = 0;
            for (String segment : segments(path)) {
                if (!segment.startsWith("{")) {
                    literals++;
                }
            }
            return literals;
        }

        boolean matches(String requestPath) {
            List<String> template = segments(path);
            List<String> actual = segments(requestPath);
            if (template.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < template.size(); i++) {
                String segment = template.get(i);
                if (!segment.startsWith("{") && !segment.equals(actual.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final Instance<OpenApiDocumentService> documents;
    private volatile List<Operation> operations;

    ApiDescription(Instance<OpenApiDocumentService> documents) {
        this.documents = documents;
    }

    /** Reads the document at start, so the first refusal does not wait for it. */
    void load(@Observes StartupEvent event) {
        operations();
    }

    /** Every documented operation (empty when the service publishes no OpenAPI document). */
    public List<Operation> operations() {
        List<Operation> known = operations;
        if (known == null) {
            known = load();
            operations = known;
        }
        return known;
    }

    /** The operation a request goes to: the template that fits the path with the most literal segments. */
    public Optional<Operation> operation(String method, String path) {
        return atPath(path).stream().filter(operation -> operation.method().equalsIgnoreCase(method)).findFirst();
    }

    /** Every operation of the best-fitting path template (one per method). */
    public List<Operation> atPath(String path) {
        List<Operation> fitting = operations().stream().filter(operation -> operation.matches(path)).toList();
        int best = fitting.stream().mapToInt(Operation::literals).max().orElse(-1);
        return fitting.stream().filter(operation -> operation.literals() == best).toList();
    }

    /**
     * Operations whose path shares the longest leading run of literal segments with {@code path}
     * (at least one): what a client who mistyped a path probably meant.
     */
    public List<Operation> near(String path) {
        List<String> wanted = segments(path);
        int best = 0;
        List<Operation> nearest = new ArrayList<>();
        for (Operation operation : operations()) {
            int shared = shared(segments(operation.path()), wanted);
            if (shared > best) {
                best = shared;
                nearest.clear();
            }
            if (shared == best && shared > 0) {
                nearest.add(operation);
            }
        }
        // among those, the ones whose next segment looks like the one asked for (a typo: /api/incident)
        if (best < wanted.size()) {
            String asked = wanted.get(best);
            int at = best;
            List<Operation> alike = nearest.stream().filter(operation -> {
                List<String> segments = segments(operation.path());
                return segments.size() > at && similar(segments.get(at), asked);
            }).toList();
            if (!alike.isEmpty()) {
                nearest = alike;
            }
        }
        return nearest.stream().sorted(Comparator.comparing(Operation::path).thenComparing(Operation::method)).toList();
    }

    /** A template segment ({@code {id}} matches nothing in particular) within a few edits of what was asked. */
    static boolean similar(String segment, String asked) {
        if (segment.startsWith("{")) {
            return false;
        }
        return distance(segment, asked) <= Math.max(2, segment.length() / 4);
    }

    /** The Levenshtein distance of two names: how many single-character edits turn one into the other. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static int shared(List<String> template, List<String> wanted) {
        int shared = 0;
        for (int i = 0; i < Math.min(template.size(), wanted.size()); i++) {
            String segment = template.get(i);
            if (!segment.startsWith("{") && !segment.equals(wanted.get(i))) {
                break;
            }
            shared++;
        }
        return shared;
    }

    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private List<Operation> load() {
        if (!documents.isResolvable()) {
            return List.of();
        }
        try {
            byte[] document = documents.get().getDocument(OpenApiFilter.DEFAULT_DOCUMENT_NAME, Format.JSON);
            return document == null ? List.of() : index(SiamJson.mapper().readTree(document));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the OpenAPI document cannot be read, refusals will be worded without it: %s", e.toString());
            return List.of();
        }
    }

    /** The operations of an OpenAPI 3 document (as JSON). */
    public static List<Operation> index(JsonNode document) {
        List<Operation> found = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode shared = path.getValue().path("parameters");
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode operation = method.getValue();
                Map<String, String> query = new LinkedHashMap<>();
                for (JsonNode parameters : List.of(shared, operation.path("parameters"))) {
                    parameters.forEach(parameter -> {
                        if ("query".equals(parameter.path("in").asText())) {
                            query.put(parameter.path("name").asText(), parameter.path("schema").path("type").asText(""));
                        }
                    });
                }
                List<String> consumes = new ArrayList<>();
                operation.path("requestBody").path("content").fieldNames().forEachRemaining(consumes::add);
                Set<String> produces = new LinkedHashSet<>();
                operation.path("responses").fields().forEachRemaining(response -> {
                    if (response.getKey().startsWith("2")) {
                        response.getValue().path("content").fieldNames().forEachRemaining(produces::add);
                    }
                });
                Set<String> roles = new LinkedHashSet<>();
                operation.path("security").forEach(requirement -> requirement.fields()
                        .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
                found.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(consumes),
                        List.copyOf(produces), Map.copyOf(query), List.copyOf(roles)));
            }
        }
        return List.copyOf(found);
    }
}
