package io.siamhub.kit.problem;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.siamhub.kit.api.ApiDescription;
import io.siamhub.kit.messaging.TransientFailures;
import io.siamhub.kit.security.Roles;
import io.vertx.core.http.HttpServerRequest;

/**
 * Turns every exception that reaches a REST endpoint into an {@code application/problem+json} answer
 * that says what was wrong and what to do instead: a 415 names the media types the operation takes,
 * a 406 those it answers in, a 405 the methods the path has, a 403 the role it needs, a 404 the
 * endpoints nearby, a JSON error its line and column or the field at fault (worded by
 * {@link JsonProblems}), and a database or broker outage is a 503 with {@code Retry-After}, never a 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** The {@code Retry-After} of a 503 caused by an outage of the database or broker, in seconds. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final ApiDescription api;
    private final Instance<SecurityIdentity> identity;

    ProblemMappers(ApiDescription api, Instance<SecurityIdentity> identity) {
        this.api = api;
        this.identity = identity;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException exception) {
        Response.ResponseBuilder response = respond(exception.problem());
        exception.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException exception) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(violation -> isBody(violation)
                        ? new Problem.FieldError(BODY, violation.getInvalidValue() == null ? "a JSON body is required" : violation.getMessage())
                        : new Problem.FieldError(fieldPath(violation), violation.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        String detail = errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        return respond(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, errors)).build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException exception) {
        return respond(jsonProblem(exception)).build();
    }

    /**
     * A body that is not JSON ({@code malformed-json}: line, column, what was found and expected), or
     * whose fields do not fit ({@code validation}: the field's path and what it takes, an unknown
     * field with the fields the body has).
     */
    public static Problem jsonProblem(JsonProcessingException exception) {
        JsonProblems.Described described = JsonProblems.describe(exception);
        if (described.error() == null) {
            return new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed JSON", 400,
                    "the body is not valid JSON: " + described.detail(), null);
        }
        return new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, described.detail(), List.of(described.error()));
    }

    /** Quarkus REST maps this one itself (as plain JSON); a wrong enum value or type lands here. */
    @ServerExceptionMapper
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException exception) {
        return unreadableJson(exception);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException exception, HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String detail = authorization == null || authorization.isBlank()
                ? "a bearer token is required: send Authorization: Bearer <JWT>"
                : !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? "the Authorization header must be Bearer <JWT>, not " + authorization.split(" ", 2)[0]
                        : "the bearer token was refused: it is expired, malformed, or not signed by this installation's token"
                                + " issuer; get a new one";
        return respond(Problem.of(401, "unauthorized", "Unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception, HttpServerRequest request) {
        String operation = request.method() + " " + request.path();
        List<String> needed = api.operation(request.method().name(), request.path()).map(ApiDescription.Operation::roles)
                .orElse(List.of());
        String detail = needed.isEmpty() ? operation + " is not allowed with this token's roles"
                : operation + " needs the role " + String.join(" or ", needed) + impliedBy(needed) + "; the token has "
                        + tokenRoles() + ": ask your identity provider for a token whose groups claim holds "
                        + String.join(" or ", needed);
        return respond(Problem.of(403, "forbidden", "Forbidden", detail)).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException exception, HttpServerRequest request) {
        if (exception.getCause() instanceof JsonProcessingException json) {
            // quarkus-rest-jackson wraps a body it cannot parse
            return unreadableJson(json);
        }
        int status = exception.getResponse().getStatus();
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        Response.StatusType type = exception.getResponse().getStatusInfo();
        String slug = type.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        String detail = switch (status) {
            case 404 -> notFound(request);
            case 405 -> methodNotAllowed(request);
            case 406 -> notAcceptable(request);
            case 415 -> unsupportedMediaType(request);
            default -> family == Response.Status.Family.SERVER_ERROR ? "the service could not complete the request"
                    : exception.getMessage();
        };
        Response.ResponseBuilder response = respond(Problem.of(status, slug, type.getReasonPhrase(), detail));
        copyHeader(exception.getResponse(), response, HttpHeaders.ALLOW);
        copyHeader(exception.getResponse(), response, HttpHeaders.RETRY_AFTER);
        return response.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable throwable) {
        if (!(throwable instanceof JsonProcessingException) && TransientFailures.isTransient(throwable)) {
            LOG.warnf("a request failed while the database or broker was unavailable: %s", throwable.toString());
            return respond(Problem.of(503, "unavailable", "Service unavailable",
                    "the service cannot reach its database or broker right now; retry after " + RETRY_AFTER_SECONDS + " s"))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .build();
        }
        if (unstorableText(throwable)) {
            LOG.infof("refused a request whose text PostgreSQL cannot store: %s", throwable.toString());
            return respond(Problem.of(400, "bad-request", "Bad request",
                    "a text field holds a character that cannot be stored (NUL, \\u0000, or an invalid UTF-8 sequence); remove it and send again"))
                    .build();
        }
        LOG.errorf(throwable, "unexpected failure on a request");
        return respond(Problem.of(500, "internal", "Internal error", "the service failed; the failure is logged"))
                .build();
    }

    /**
     * PostgreSQL refuses a NUL character (or an invalid byte sequence) in a text value: SQLSTATE 22021
     * character_not_in_repertoire, 22P05 untranslatable_character
     * (https://www.postgresql.org/docs/current/errcodes-appendix.html). JSON may carry {@code \\u0000}, so this is the
     * client's input, not a failure of the service.
     */
    static boolean unstorableText(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            String state = cause instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState()
                    : cause instanceof java.sql.SQLException sql ? sql.getSQLState() : null; // Hibernate Reactive converts
            if ("22021".equals(state) || "22P05".equals(state)) {
                return true;
            }
        }
        return false;
    }

    /** {@code no endpoint at GET /api/x; endpoints under /api: GET /api/incidents, ...}. */
    public String notFound(HttpServerRequest request) {
        return notFound(api, request.method().name(), request.path());
    }

    /** The 404 wording, also used by {@link UnmatchedRoute} for paths no REST resource serves. */
    static String notFound(ApiDescription api, String method, String path) {
        List<ApiDescription.Operation> near = api.near(path);
        String detail = "no endpoint at " + method + " " + path;
        if (near.isEmpty()) {
            return detail;
        }
        List<String> shown = near.stream().limit(12).map(ApiDescription.Operation::toString).toList();
        return detail + "; the nearest are " + String.join(", ", shown) + (near.size() > shown.size() ? ", ..." : "")
                + " (all of them: /q/openapi)";
    }

    private String methodNotAllowed(HttpServerRequest request) {
        List<String> methods = api.atPath(request.path()).stream().map(ApiDescription.Operation::method).distinct().sorted().toList();
        return request.method() + " is not allowed on " + request.path()
                + (methods.isEmpty() ? "" : "; it takes " + String.join(", ", methods));
    }

    private String notAcceptable(HttpServerRequest request) {
        List<String> produced = api.operation(request.method().name(), request.path()).map(ApiDescription.Operation::produces)
                .orElse(List.of());
        String asked = request.getHeader(HttpHeaders.ACCEPT);
        return request.method() + " " + request.path() + " cannot answer in " + asked
                + (produced.isEmpty() ? "" : "; it answers in " + String.join(", ", produced) + " (send Accept: "
                        + produced.get(0) + ", or no Accept header)");
    }

    private String unsupportedMediaType(HttpServerRequest request) {
        List<String> consumed = api.operation(request.method().name(), request.path()).map(ApiDescription.Operation::consumes)
                .orElse(List.of());
        String sent = withoutParameters(request.getHeader(HttpHeaders.CONTENT_TYPE));
        String operation = request.method() + " " + request.path();
        if (consumed.isEmpty()) {
            return operation + " does not take a body of type " + sent + "; send no body";
        }
        String types = String.join(", ", consumed);
        String detail = "Content-Type " + (sent == null ? "(none)" : sent) + " is not accepted by " + operation + "; it takes "
                + types + " (send -H 'Content-Type: " + consumed.get(0) + "')";
        if (sent != null && sent.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            detail += "; curl -d sends application/x-www-form-urlencoded unless told otherwise";
        }
        return detail;
    }

    private static String withoutParameters(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        int parameters = mediaType.indexOf(';');
        return (parameters < 0 ? mediaType : mediaType.substring(0, parameters)).strip();
    }

    private String tokenRoles() {
        if (!identity.isResolvable()) {
            return "no roles";
        }
        try {
            List<String> roles = identity.get().getRoles().stream().sorted().toList();
            return roles.isEmpty() ? "no roles" : "only " + String.join(", ", roles);
        } catch (RuntimeException e) {
            return "no roles that can be read";
        }
    }

    private static String impliedBy(List<String> needed) {
        return needed.equals(List.of(Roles.VIEWER))
                ? " (" + Roles.AGENT + ", " + Roles.CHANGE_MANAGER + " and " + Roles.ADMIN + " include it)" : "";
    }

    static Response.ResponseBuilder respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        Object value = from.getHeaders().getFirst(name);
        if (value != null) {
            to.header(name, value);
        }
    }

    /** The field name of the body itself in {@code errors}. */
    static final String BODY = "(body)";

    /**
     * True when the violation is about a method parameter that is the request body (not a query, path or header
     * parameter).
     */
    private static boolean isBody(ConstraintViolation<?> violation) {
        return parameterAnnotations(violation).map(annotations -> annotations.stream().noneMatch(ProblemMappers::isRequestParameter))
                .orElse(false);
    }

    private static boolean isRequestParameter(java.lang.annotation.Annotation annotation) {
        String type = annotation.annotationType().getName();
        return type.startsWith("jakarta.ws.rs.") && !type.startsWith("jakarta.ws.rs.core.") || type.startsWith("org.jboss.resteasy.reactive.Rest");
    }

    /**
     * The annotations of the method parameter a violation is about, from the resource class that declares them:
     * the root bean may be a generated subclass (interceptors) whose overriding method carries none.
     */
    private static java.util.Optional<List<java.lang.annotation.Annotation>> parameterAnnotations(ConstraintViolation<?> violation) {
        String name = null;
        List<Class<?>> types = null;
        Integer index = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD -> {
                    name = node.getName();
                    types = node.as(Path.MethodNode.class).getParameterTypes();
                }
                case PARAMETER -> index = node.as(Path.ParameterNode.class).getParameterIndex();
                case PROPERTY, CONTAINER_ELEMENT -> {
                    return java.util.Optional.empty();
                }
                default -> {
                }
            }
        }
        if (name == null || index == null) {
            return java.util.Optional.empty();
        }
        List<java.lang.annotation.Annotation> found = List.of();
        for (Class<?> type = violation.getRootBeanClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                java.lang.reflect.Method method = type.getDeclaredMethod(name, types.toArray(Class<?>[]::new));
                List<java.lang.annotation.Annotation> annotations = List.of(method.getParameters()[index].getAnnotations());
                if (annotations.stream().anyMatch(ProblemMappers::isRequestParameter)) {
                    return java.util.Optional.of(annotations);
                }
                found = annotations;
            } catch (NoSuchMethodException e) {
                // declared higher up
            }
        }
        return java.util.Optional.of(found);
    }

    /** The name a query, path or header parameter has on the wire ({@code limit}), or null when the violation is not about one. */
    private static String requestParameterName(ConstraintViolation<?> violation) {
        return parameterAnnotations(violation).flatMap(annotations -> annotations.stream().map(annotation -> {
            if (annotation instanceof jakarta.ws.rs.QueryParam query) {
                return query.value();
            }
            if (annotation instanceof jakarta.ws.rs.PathParam path) {
                return path.value();
            }
            if (annotation instanceof jakarta.ws.rs.HeaderParam header) {
                return header.value();
            }
            return null;
        }).filter(java.util.Objects::nonNull).findFirst()).orElse(null);
    }

    /** {@code create.request.window.end} → {@code window.end}: the method and parameter names mean nothing to a client. */
    private static String fieldPath(ConstraintViolation<?> violation) {
        String parameter = requestParameterName(violation);
        if (parameter != null) {
            return parameter;
        }
        List<String> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .filter(node -> node.getKind() == jakarta.validation.ElementKind.PROPERTY
                        || node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT)
                .map(ProblemMappers::nodeName)
                .collect(Collectors.toList());
        return nodes.isEmpty() ? lastNode(violation.getPropertyPath()) : String.join(".", nodes);
    }

    private static String nodeName(Path.Node node) {
        return node.getIndex() == null ? node.getName() : node.getName() + "[" + node.getIndex() + "]";
    }

    private static String lastNode(Path path) {
        String last = "";
        for (Path.Node node : path) {
            last = node.getName();
        }
        return last;
    }

}
