package io.siamhub.kit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import io.siamhub.kit.problem.Problem;
import io.siamhub.kit.problem.ProblemException;

/**
 * Checks the query string of every {@code /api} operation against the service's OpenAPI document
 * ({@link ApiDescription}) before the operation runs, and refuses with a 400 {@code validation} problem
 * naming the parameter:
 * <ul>
 * <li>a parameter the operation does not document ({@code ?stauts=NEW}), listing the parameters it takes,
 * instead of answering as if no filter had been given;</li>
 * <li>a value that is not of the documented type: {@code integer} takes a whole number, {@code boolean}
 * {@code true} or {@code false} (JAX-RS would answer 404 for {@code ?limit=abc}, as if there were no endpoint,
 * and read {@code ?unmapped=yes} as false).</li>
 * </ul>
 * Ranges ({@code minimum}, {@code maximum}) stay with Bean Validation on the parameter, which names it too.
 */
@Provider
public class QueryParameterCheck implements ContainerRequestFilter {

    private final ApiDescription api;

    QueryParameterCheck(ApiDescription api) {
        this.api = api;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String rawQuery = request.getUriInfo().getRequestUri().getRawQuery();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        String path = request.getUriInfo().getRequestUri().getPath();
        if (!path.startsWith("/api/")) {
            return; // pages and other resources (a status page, say) may take what browsers add
        }
        Optional<ApiDescription.Operation> found = api.operation(request.getMethod(), path);
        if (found.isEmpty()) {
            return;
        }
        ApiDescription.Operation operation = found.get();
        // a request line that is not a valid URI (a % without two hex digits) never gets here: Vert.x's HTTP codec refuses it
        MultivaluedMap<String, String> given = request.getUriInfo().getQueryParameters();
        TreeSet<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(operation.queryParameters().keySet());
        if (!unknown.isEmpty()) {
            TreeSet<String> known = new TreeSet<>(operation.queryParameters().keySet());
            String detail = "unknown query parameter" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + " on "
                    + operation + (known.isEmpty() ? "; it takes none" : "; it takes " + String.join(", ", known));
            throw refuse(detail, unknown.stream().map(name -> new Problem.FieldError(name, "is not a query parameter of " + operation))
                    .toList());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : given.entrySet()) {
            String type = operation.queryParameters().get(parameter.getKey());
            for (String value : parameter.getValue()) {
                String problem = typeProblem(type, value);
                if (problem != null) {
                    errors.add(new Problem.FieldError(parameter.getKey(), problem));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw refuse(String.join("; ", errors.stream().map(error -> error.field() + ": " + error.message()).toList()), errors);
        }
    }

    /** What is wrong with {@code value} for a parameter of OpenAPI schema type {@code type}, or null when nothing is. */
    static String typeProblem(String type, String value) {
        if ("integer".equals(type)) {
            try {
                Long.parseLong(value.strip());
                return null;
            } catch (NumberFormatException e) {
                return (value.isEmpty() ? "(empty)" : value) + " is not a whole number";
            }
        }
        if ("boolean".equals(type) && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            return (value.isEmpty() ? "(empty)" : value) + " is neither true nor false";
        }
        return null;
    }

    private static ProblemException refuse(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, errors));
    }
}
