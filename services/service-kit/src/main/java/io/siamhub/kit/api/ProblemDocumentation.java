package io.siamhub.kit.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.siamhub.kit.problem.Problem;
import io.siamhub.kit.security.Roles;

/**
 * Makes every service's OpenAPI document say what the kit does on every operation, so no service has
 * to repeat it: the {@code Problem} schema ({@code application/problem+json}, RFC 9457) on every 4xx
 * and 5xx answer, with an example; the refusals every {@code /api} operation can give (400 for
 * parameters, unknown query parameters and bodies, 401 and 403 when it needs a token, 404 when its path names something, 406,
 * 415 when it takes a body, 503 with {@code Retry-After} when the database or broker is away); and
 * the roles it needs, in its description and its security requirement (OpenAPI 3.1 lets a bearer
 * scheme list roles). A status an operation documents itself keeps its description.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ProblemDocumentation implements OASFilter {

    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String FIELD_ERROR_SCHEMA = "FieldError";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(FIELD_ERROR_SCHEMA, fieldErrorSchema());
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> document(path, item, method, operation)));
    }

    private static void document(String path, PathItem item, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (path.startsWith("/api/")) {
            List<String> roles = roles(operation);
            boolean pathParameters = path.contains("{");
            boolean queryParameters = parameters(item, operation).stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
            boolean body = operation.getRequestBody() != null;
            // every /api operation refuses a query parameter it does not take (QueryParameterCheck), so every one may answer 400
            ensure(responses, "400", "Invalid request: " + (body ? "a body that is not JSON (the detail names line and column), "
                    + "a field that is missing, does not fit or is unknown (`errors` names it), " : "")
                    + (queryParameters || pathParameters ? "a parameter that does not fit, " : "")
                    + "a query parameter the operation does not take");
            if (!roles.isEmpty()) {
                ensure(responses, "401", "No bearer token, or one that is expired, malformed or not signed by the configured issuer");
                ensure(responses, "403", "The token's groups claim lacks the role " + String.join(" or ", roles) + impliedBy(roles));
                String needs = "Needs the role `" + String.join("` or `", roles) + "`" + impliedBy(roles) + ".";
                String description = operation.getDescription();
                if (description == null || !description.contains(needs)) {
                    operation.setDescription(description == null || description.isBlank() ? needs : description + "\n\n" + needs);
                }
            }
            if (pathParameters) {
                ensure(responses, "404", "Nothing with this id");
            }
            if (hasContent(responses)) {
                ensure(responses, "406", "The Accept header asks for a media type this operation does not answer in");
            }
            if (body) {
                ensure(responses, "415", "The body's Content-Type is not one this operation takes (the detail names them)");
            }
            ensure(responses, "503", "The database or the broker cannot be reached; retry after `Retry-After` seconds");
            APIResponse unavailable = responses.getAPIResponse("503");
            if (unavailable.getHeaders() == null || !unavailable.getHeaders().containsKey("Retry-After")) {
                unavailable.addHeader("Retry-After", OASFactory.createHeader().description("seconds to wait before retrying")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
            }
        }
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    asProblem(status, response, path, method, roles(operation));
                }
            });
        }
    }

    private static List<Parameter> parameters(PathItem item, Operation operation) {
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all;
    }

    private static boolean hasContent(APIResponses responses) {
        return responses.getAPIResponses() != null && responses.getAPIResponses().entrySet().stream()
                .anyMatch(entry -> entry.getKey().startsWith("2") && entry.getValue().getContent() != null
                        && entry.getValue().getContent().getMediaTypes() != null
                        && !entry.getValue().getContent().getMediaTypes().isEmpty());
    }

    /** The roles of the operation's security requirements (any one suffices), as Quarkus derives them from {@code @RolesAllowed}. */
    static List<String> roles(Operation operation) {
        Set<String> roles = new LinkedHashSet<>();
        if (operation.getSecurity() != null) {
            operation.getSecurity().forEach(requirement -> {
                if (requirement.getSchemes() != null) {
                    requirement.getSchemes().values().forEach(scopes -> {
                        if (scopes != null) {
                            roles.addAll(scopes);
                        }
                    });
                }
            });
        }
        return List.copyOf(roles);
    }

    private static String impliedBy(List<String> roles) {
        return roles.equals(List.of(Roles.VIEWER))
                ? " (" + Roles.AGENT + ", " + Roles.CHANGE_MANAGER + " and " + Roles.ADMIN + " include it)" : "";
    }

    /** Adds the status unless the operation documents it already (or documents it without a useful description). */
    private static void ensure(APIResponses responses, String status, String description) {
        APIResponse existing = responses.getAPIResponse(status);
        if (existing == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        } else if (existing.getDescription() == null || GENERIC.contains(existing.getDescription())) {
            existing.setDescription(description);
        }
    }

    /** Descriptions Quarkus adds by itself; ours say more. */
    private static final Set<String> GENERIC = Set.of("", "Bad Request", "Not Authorized", "Not Allowed", "Not Found");

    /**
     * A response whose body is the {@code Problem} schema with the kit's example for the status: for
     * operations a service documents by hand (routes outside JAX-RS, such as the webhook edge).
     */
    public static APIResponse problemResponse(String status, String description, String path, PathItem.HttpMethod method) {
        APIResponse response = OASFactory.createAPIResponse().description(description);
        asProblem(status, response, path, method, List.of());
        return response;
    }

    private static void asProblem(String status, APIResponse response, String path, PathItem.HttpMethod method, List<String> roles) {
        Content content = response.getContent();
        MediaType existing = content == null || content.getMediaTypes() == null ? null
                : content.getMediaTypes().get(Problem.MEDIA_TYPE);
        if (existing != null && existing.getSchema() != null) {
            if (existing.getExample() == null && (existing.getExamples() == null || existing.getExamples().isEmpty())) {
                existing.setExample(example(status, path, method, roles));
            }
            return;
        }
        response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_REF))
                .example(example(status, path, method, roles))));
    }

    /** A problem as the kit words it for this status, so a client sees the shape of the real answer. */
    static Map<String, Object> example(String status, String path, PathItem.HttpMethod method, List<String> roles) {
        String operation = method + " " + path;
        Map<String, Object> example = new LinkedHashMap<>();
        switch (status) {
            case "400" -> put(example, "validation", "Invalid request", 400, "title: must not be blank")
                    .put("errors", List.of(Map.of("field", "title", "message", "must not be blank")));
            case "401" -> put(example, "unauthorized", "Unauthorized", 401, "a bearer token is required: send Authorization: Bearer <JWT>");
            case "403" -> put(example, "forbidden", "Forbidden", 403, operation + " needs the role "
                    + (roles.isEmpty() ? Roles.VIEWER : String.join(" or ", roles)) + "; the token has only " + Roles.VIEWER);
            case "404" -> put(example, "not-found", "Not found", 404, "no such entry at " + path);
            case "406" -> put(example, "not-acceptable", "Not Acceptable", 406, operation + " cannot answer in text/csv; it answers in "
                    + "application/json (send Accept: application/json, or no Accept header)");
            case "409" -> put(example, "conflict", "Conflict", 409, "the request conflicts with the current state; the detail says how");
            case "412" -> put(example, "precondition-failed", "Precondition failed", 412,
                    "the entry is at version 4, not \"3\"; read it again and retry");
            case "413" -> put(example, "too-large", "Body too large", 413, "the body exceeds 1048576 bytes");
            case "415" -> put(example, "unsupported-media-type", "Unsupported Media Type", 415,
                    "Content-Type application/x-www-form-urlencoded is not accepted by " + operation
                            + "; it takes application/json (send -H 'Content-Type: application/json')");
            case "422" -> put(example, "unprocessable", "Unprocessable", 422, "the request is well formed but cannot be carried out");
            case "503" -> put(example, "unavailable", "Service unavailable", 503,
                    "the service cannot reach its database or broker right now; retry after 5 s");
            default -> put(example, "problem", "Problem", Integer.parseInt(status), "what went wrong and what to do instead");
        }
        return example;
    }

    private static Map<String, Object> put(Map<String, Object> example, String slug, String title, int status, String detail) {
        example.put("type", Problem.TYPE_BASE + slug);
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        return example;
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail (application/problem+json): every refusal siam-hub gives")
                .addProperty("type", string("A URI naming the kind of problem: " + Problem.TYPE_BASE + "<slug>").format("uri"))
                .addProperty("title", string("A short summary of that kind"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).description("The HTTP status"))
                .addProperty("detail", string("What was wrong with this request and what to do instead"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("The fields or parameters at fault, for validation problems")
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + FIELD_ERROR_SCHEMA)))
                .required(List.of("type", "title", "status", "detail"))
                .additionalPropertiesBoolean(false);
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One field at fault: its path in the request (title, window.end, items[2].id) and why")
                .addProperty("field", string("The field's path in the body, or the parameter's name"))
                .addProperty("message", string("What is wrong with it and what it takes"))
                .required(List.of("field", "message"))
                .additionalPropertiesBoolean(false);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
