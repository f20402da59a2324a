package io.siamhub.kit.problem;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Turns every exception that reaches a REST endpoint into an {@code application/problem+json} answer. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException exception) {
        Response.ResponseBuilder response = respond(exception.problem());
        exception.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException exception) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldPath(violation), violation.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        String detail = errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        return respond(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, errors)).build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException exception) {
        JsonLocation location = exception.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        List<Problem.FieldError> errors = exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? List.of(new Problem.FieldError(jsonPath(mapping), exception.getOriginalMessage()))
                : null;
        return respond(new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed JSON", 400,
                "the body is not the JSON this endpoint expects" + where + ": " + exception.getOriginalMessage(), errors))
                .build();
    }

    /** Quarkus REST maps this one itself (as plain JSON); a wrong enum value or type lands here. */
    @ServerExceptionMapper
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException exception) {
        return unreadableJson(exception);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException exception) {
        return respond(Problem.of(401, "unauthorized", "Unauthorized",
                "a valid bearer token is required (Authorization: Bearer <JWT>)"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "the token's roles do not allow this")).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException exception) {
        if (exception.getCause() instanceof JsonProcessingException json) {
            // quarkus-rest-jackson wraps a body it cannot parse
            return unreadableJson(json);
        }
        int status = exception.getResponse().getStatus();
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        Response.StatusType type = exception.getResponse().getStatusInfo();
        String slug = type.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        Response.ResponseBuilder response = respond(Problem.of(status, slug, type.getReasonPhrase(),
                family == Response.Status.Family.SERVER_ERROR ? "the service could not complete the request"
                        : exception.getMessage()));
        copyHeader(exception.getResponse(), response, HttpHeaders.ALLOW);
        copyHeader(exception.getResponse(), response, HttpHeaders.RETRY_AFTER);
        return response.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable throwable) {
        LOG.errorf(throwable, "unexpected failure on a request");
        return respond(Problem.of(500, "internal", "Internal error", "the service failed; the failure is logged"))
                .build();
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

    /** {@code create.request.window.end} → {@code window.end}: the method and parameter names mean nothing to a client. */
    private static String fieldPath(ConstraintViolation<?> violation) {
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

    private static String jsonPath(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
