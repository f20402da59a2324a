package io.siamhub.kit.api;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import io.siamhub.kit.problem.Problem;
import io.siamhub.kit.problem.ProblemException;

/**
 * Refuses a query parameter an {@code /api} operation does not document ({@code ?stauts=NEW}) with a
 * 400 naming it and the parameters the operation takes, instead of answering as if no filter had been
 * given.
 * The operation's parameters are those of the service's OpenAPI document ({@link ApiDescription}),
 * so a parameter is accepted exactly when it is documented.
 */
@Provider
public class UnknownQueryParameters implements ContainerRequestFilter {

    private final ApiDescription api;

    UnknownQueryParameters(ApiDescription api) {
        this.api = api;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getQueryParameters().isEmpty()) {
            return;
        }
        String path = request.getUriInfo().getRequestUri().getPath();
        if (!path.startsWith("/api/")) {
            return; // pages and other resources (a status page, say) may take what browsers add
        }
        Optional<ApiDescription.Operation> operation = api.operation(request.getMethod(), path);
        if (operation.isEmpty()) {
            return;
        }
        TreeSet<String> unknown = new TreeSet<>(request.getUriInfo().getQueryParameters().keySet());
        unknown.removeAll(operation.get().queryParameters());
        if (unknown.isEmpty()) {
            return;
        }
        TreeSet<String> known = new TreeSet<>(operation.get().queryParameters());
        String detail = "unknown query parameter" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + " on "
                + operation.get() + (known.isEmpty() ? "; it takes none" : "; it takes " + String.join(", ", known));
        List<Problem.FieldError> errors = unknown.stream().map(name -> new Problem.FieldError(name, "is not a query parameter of "
                + operation.get())).toList();
        throw new ProblemException(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, errors));
    }
}
