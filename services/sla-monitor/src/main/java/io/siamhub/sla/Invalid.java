package io.siamhub.sla;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.siamhub.kit.problem.Problem;
import io.siamhub.kit.problem.ProblemException;

/**
 * Collects the field errors of one request body or seed entry; {@link #orThrow()} turns them into one
 * 400 {@code application/problem+json} (type {@code validation}) that names every field at fault.
 */
public final class Invalid {

    private final String prefix;
    private final List<Problem.FieldError> errors;

    private Invalid(String prefix, List<Problem.FieldError> errors) {
        this.prefix = prefix;
        this.errors = errors;
    }

    /** A fresh collector; {@code prefix} is put before every field path (e.g. {@code calendars[2].}), may be empty. */
    public static Invalid collect(String prefix) {
        return new Invalid(prefix, new ArrayList<>());
    }

    /** A collector whose errors go into this one, with {@code field} + "." before their paths. */
    public Invalid nested(String field) {
        return new Invalid(prefix + field + ".", errors);
    }

    public Invalid add(String field, String message) {
        errors.add(new Problem.FieldError(prefix + field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws the 400 problem when any error was added. */
    public void orThrow() {
        if (!errors.isEmpty()) {
            throw problem(errors);
        }
    }

    /** A 400 validation problem naming each field. */
    public static ProblemException problem(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(error -> error.field() + ": " + error.message()).collect(Collectors.joining("; "));
        return new ProblemException(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, errors));
    }

    /** A 400 validation problem about one field (a query parameter, say). */
    public static ProblemException field(String field, String message) {
        return problem(List.of(new Problem.FieldError(field, message)));
    }
}
