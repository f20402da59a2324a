package io.siamhub.adapters.core;

import io.siamhub.kit.problem.Problem;

/**
 * The refusals of a webhook body, worded once for the edge ({@code POST /webhooks/<endpoint>}) and its
 * dry run ({@code POST /api/normalize/<endpoint>}), so both answer the same request the same way: an
 * unknown endpoint (404), a media type the endpoint does not take (415), a body over
 * {@code siam.adapters.max-body-size} (413), a body that is not one JSON document (400).
 */
public final class WebhookRefusals {

    private static final String PREFIX = "/webhooks/";

    private WebhookRefusals() {
    }

    /**
     * 404: no endpoint of that name; the nearest known name is suggested (a typo) and the known ones are listed.
     *
     * @param endpoint the endpoint asked for, without {@code /webhooks/}
     * @param adapters the registry that knows the endpoints
     */
    public static Problem unknownEndpoint(String endpoint, AdapterRegistry adapters) {
        return Problem.of(404, "not-found", "Not found",
                "no webhook endpoint " + PREFIX + endpoint + adapters.nearest(endpoint).map(near -> "; did you mean " + PREFIX + near + "?")
                        .orElse("") + " The endpoints are " + PREFIX + String.join(", " + PREFIX, adapters.endpoints()));
    }

    /**
     * 415: the endpoint does not take this {@code Content-Type}; the detail names the types it takes and
     * the curl option to send one (curl {@code -d} sends {@code application/x-www-form-urlencoded}).
     */
    public static Problem unsupportedMediaType(String mediaType, String endpoint, ProviderAdapter adapter) {
        return Problem.of(415, "unsupported-media-type", "Unsupported media type",
                "Content-Type " + mediaType + " is not accepted on " + PREFIX + endpoint + "; it takes "
                        + String.join(", ", adapter.mediaTypes()) + " (send -H 'Content-Type: " + adapter.mediaTypes().get(0) + "')"
                        + (mediaType.equals("application/x-www-form-urlencoded")
                                ? "; curl -d sends application/x-www-form-urlencoded unless told otherwise" : ""));
    }

    /** 413: the body is over the limit. */
    public static Problem tooLarge(long maxBytes) {
        return Problem.of(413, "too-large", "Body too large",
                "the body exceeds " + maxBytes + " bytes (siam.adapters.max-body-size)");
    }

    /** 400: not one JSON document; the detail names where it breaks. */
    public static Problem malformed(MalformedBody malformed) {
        return Problem.of(400, "malformed-body", "Malformed body", malformed.getMessage());
    }

    /** The media type of a {@code Content-Type} header, lower case, without parameters; null when absent. */
    public static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
