package io.siamhub.kit.problem;

import java.util.List;

/**
 * An RFC 9457 problem detail: every refusal siam-hub gives, as {@code application/problem+json}.
 *
 * @param type   a URI naming the kind of problem ({@code https://siamhub.io/problems/<slug>})
 * @param title  a short summary of that kind
 * @param status the HTTP status
 * @param detail what went wrong with this request
 * @param errors the fields at fault, for validation problems
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://siamhub.io/problems/";

    /** One invalid field: its path in the request (e.g. {@code title}, {@code window.end}) and why. */
    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null ? null : List.copyOf(errors);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null);
    }
}
