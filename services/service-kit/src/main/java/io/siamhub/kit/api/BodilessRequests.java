package io.siamhub.kit.api;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A write sent without any body and without a {@code Content-Type} ({@code curl -X POST <url>}) is a
 * JSON request with no body: an operation whose body is optional (a status change's
 * {@code {"reason": ...}}) runs, one whose body is required answers 400 naming what it needs, instead
 * of a 415 about a media type the client never chose.
 */
@Provider
@PreMatching
public class BodilessRequests implements ContainerRequestFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final byte[] NO_BODY = "null".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void filter(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod()) || request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null || hasBody(request)) {
            return;
        }
        request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        // JSON null: a body parameter reads as absent (Bean Validation's @NotNull names it when it is required)
        request.setEntityStream(new ByteArrayInputStream(NO_BODY));
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }
}
