package io.siamhub.adapters.core;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.kit.problem.JsonProblems;
import io.siamhub.model.SiamJson;

/**
 * A webhook request as the edge sees it, before anything is stored: the endpoint (the path under
 * {@code /webhooks/}, e.g. {@code aws/sns}), headers, query parameters, the raw body (empty until it
 * was read) and when the edge took it. The body is parsed at most once.
 */
public final class WebhookRequest {

    /**
     * Validation only: field names need not be interned. Canonicalization stays on: without it Jackson
     * reads bytes through a lenient Reader that turns invalid UTF-8 into U+FFFD instead of refusing it.
     */
    private static final JsonFactory VALIDATING = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

    private final String endpoint;
    private final HttpHeaders headers;
    private final HttpHeaders query;
    private final byte[] body;
    private final Instant receivedAt;
    private JsonNode json;

    public WebhookRequest(String endpoint, HttpHeaders headers, HttpHeaders query, byte[] body, Instant receivedAt) {
        this.endpoint = endpoint;
        this.headers = headers;
        this.query = query;
        this.body = body;
        this.receivedAt = receivedAt;
    }

    public String endpoint() {
        return endpoint;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public HttpHeaders query() {
        return query;
    }

    public byte[] body() {
        return body;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** The same request with its body read. */
    public WebhookRequest withBody(byte[] content) {
        return new WebhookRequest(endpoint, headers, query, content, receivedAt);
    }

    /** The body as JSON; {@link MalformedBody} names the line and column where it breaks. */
    public JsonNode json() {
        if (json == null) {
            json = parse(body);
        }
        return json;
    }

    /**
     * Checks the body is one well-formed JSON document without building a tree (the edge stores the
     * body as it came; adapters that need the tree parse it once with {@link #json()}).
     */
    public void requireJson() {
        if (json != null) {
            return;
        }
        if (body.length == 0) {
            throw new MalformedBody("the body is empty; a JSON document is required");
        }
        try (JsonParser parser = VALIDATING.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new MalformedBody("the body is empty; a JSON document is required");
            }
            // token by token to the end of the document; strings are decoded, so invalid UTF-8 is refused too
            while (true) {
                if (token == JsonToken.VALUE_STRING) {
                    parser.getTextLength();
                }
                if (parser.getParsingContext().inRoot()) {
                    break;
                }
                token = parser.nextToken();
            }
            if (parser.nextToken() != null) {
                throw new MalformedBody("the body holds more than one JSON document (at line "
                        + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr() + ")");
            }
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new MalformedBody("the body cannot be read: " + e.getMessage());
        }
    }

    /** Parses JSON, reporting where it breaks (also used by the normalizer on stored bodies). */
    public static JsonNode parse(byte[] content) {
        if (content.length == 0) {
            throw new MalformedBody("the body is empty; a JSON document is required");
        }
        try {
            JsonNode node = SiamJson.mapper().readTree(content);
            if (node == null || node.isMissingNode()) {
                throw new MalformedBody("the body is empty; a JSON document is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new MalformedBody("the body cannot be read: " + e.getMessage());
        }
    }

    private static MalformedBody malformed(JsonProcessingException e) {
        return new MalformedBody("the body is not valid JSON: " + JsonProblems.syntax(e));
    }
}
