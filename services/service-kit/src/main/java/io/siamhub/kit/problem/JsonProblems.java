package io.siamhub.kit.problem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says what is wrong with a JSON body in the client's terms: where (line and column, or the field's
 * path), what was found and what was expected. Never the parser's internals: no Java class names,
 * token codes or {@code [Source: ...]} excerpts, which mean nothing to the sender of the body.
 * Used for every JSON body siam-hub reads from a client (REST bodies, webhooks).
 */
public final class JsonProblems {

    /** What a JSON body got wrong: the sentence for {@code detail}, and the field at fault when there is one. */
    public record Described(String detail, Problem.FieldError error) {
    }

    private static final String VALUE = "a value (a string in double quotes, a number, an object, an array, true, false or null)";
    /** Jackson's StreamReadConstraints: {@code Document nesting depth (1001) exceeds the maximum allowed (1000, from `...`)}. */
    private static final Pattern LIMIT = Pattern.compile("^(.+?) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");
    private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\((?:'(.*?)' )?\\((?:CTRL-CHAR, )?code (\\d+)\\)\\)");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '(.*?)'");
    private static final Pattern CLOSE_MARKER = Pattern.compile("Unexpected close marker '(.)': expected '(.)'");
    private static final Pattern START_MARKER = Pattern.compile("start marker at \\[.*?line: (\\d+), column: (\\d+)\\]", Pattern.DOTALL);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*?)'");
    private static final Pattern FROM_KIND = Pattern.compile("from (Array|Object|String|Integer|Floating-point|Boolean|Null) value");
    private static final Pattern SOURCE = Pattern.compile("\\s*(\\n\\s*at )?\\[Source:.*", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("\\s*\\((?:CTRL-CHAR, )?code \\d+\\)");
    private static final Pattern CLASS_NAME = Pattern.compile("`?(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)`?");

    private JsonProblems() {
    }

    /**
     * Describes a Jackson failure. Syntax errors name line and column; a field that cannot take its
     * value names the field's path ({@code window.end}, {@code items[2].id}) and what it takes;
     * an unknown field names the fields the body does take.
     */
    public static Described describe(JsonProcessingException exception) {
        StreamReadException syntax = syntaxCause(exception);
        if (syntax != null) {
            return new Described(syntax(syntax), null);
        }
        if (exception instanceof JsonMappingException mapping && !(exception instanceof MismatchedInputException mismatched
                && mapping.getPath().isEmpty() && isSyntax(mismatched))) {
            return mapping(mapping);
        }
        return new Described(syntax(exception), null);
    }

    /** Data binding wraps a syntax error met inside a field with the field's path: the syntax error is what matters. */
    private static StreamReadException syntaxCause(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StreamReadException read) {
                return read;
            }
        }
        return null;
    }

    /** {@code line 1, column 11: found `x` where a value (...) was expected}: a syntax error where it is. */
    public static String syntax(JsonProcessingException exception) {
        String message = exception.getOriginalMessage() == null ? "" : exception.getOriginalMessage();
        JsonLocation location = exception.getLocation();
        String where = location == null || location.getLineNr() < 0 ? "" : "line " + location.getLineNr() + ", column "
                + location.getColumnNr() + ": ";
        return where + syntaxReason(message);
    }

    static String syntaxReason(String message) {
        if (message.startsWith("No content to map due to end-of-input")) {
            return "the body is empty; send a JSON document";
        }
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return "the field \"" + duplicate.group(1) + "\" appears twice; give each field once";
        }
        Matcher limit = LIMIT.matcher(message);
        if (limit.find()) {
            String what = limit.group(1).toLowerCase(java.util.Locale.ROOT);
            return what + " " + limit.group(2) + " is more than the " + limit.group(3) + " this service reads"
                    + (what.contains("nesting") ? "; nest objects and arrays at most " + limit.group(3) + " deep" : "");
        }
        if (message.startsWith("Trailing token")) {
            return "there is more after the end of the JSON document; send exactly one document";
        }
        if (message.contains("Invalid UTF-8")) {
            return "the body is not valid UTF-8";
        }
        Matcher close = CLOSE_MARKER.matcher(message);
        if (close.find()) {
            return "found `" + close.group(1) + "` where `" + close.group(2) + "` was expected to close the "
                    + (close.group(2).equals("]") ? "array" : "object") + startedAt(message);
        }
        if (message.startsWith("Unexpected end-of-input")) {
            if (message.contains("close marker for Object") || message.contains("Object entries")) {
                return "the body ends inside an object: `}` is missing" + startedAt(message);
            }
            if (message.contains("close marker for Array") || message.contains("Array entries")) {
                return "the body ends inside an array: `]` is missing" + startedAt(message);
            }
            if (message.contains("String value") || message.contains("closing quote") || message.contains("field name")) {
                return "the body ends inside a string: the closing `\"` is missing";
            }
            return "the body ends before the JSON document does";
        }
        Matcher token = TOKEN.matcher(message);
        if (token.find()) {
            return "found `" + token.group(1) + "` where " + VALUE + " was expected";
        }
        Matcher character = CHARACTER.matcher(message);
        if (character.find()) {
            String found = character.group(1) != null ? "`" + character.group(1) + "`"
                    : "the control character " + controlName(Integer.parseInt(character.group(2)));
            String expected = expected(message);
            if (found.equals("`'`") && (expected.contains("field name") || expected.equals(VALUE))) {
                return "found `'`: JSON strings and field names take double quotes (\")";
            }
            return "found " + found + " where " + expected + " was expected";
        }
        if (message.startsWith("Illegal unquoted character")) {
            return "a control character (a line break or tab) inside a string must be escaped (\\n, \\t)";
        }
        if (message.startsWith("Non-standard token") || message.contains("Leading zeroes")) {
            return cleaned(message) + "; JSON numbers are plain decimals (no NaN, Infinity or leading zeroes)";
        }
        return cleaned(message);
    }

    private static Described mapping(JsonMappingException exception) {
        String field = path(exception);
        String reason;
        if (exception instanceof UnrecognizedPropertyException unknown) {
            field = field.isEmpty() ? unknown.getPropertyName() : field;
            reason = "is not a field of this body" + known(unknown.getKnownPropertyIds());
        } else if (exception instanceof InvalidFormatException invalid) {
            reason = "\"" + invalid.getValue() + "\" is not " + expectedType(invalid.getTargetType());
        } else if (exception instanceof MismatchedInputException mismatched) {
            reason = mismatch(mismatched);
        } else {
            reason = cleaned(exception.getOriginalMessage());
        }
        String subject = field.isEmpty() ? "the body" : field;
        String detail = subject + ": " + reason;
        JsonLocation location = exception.getLocation();
        if (location != null && location.getLineNr() > 0) {
            detail = "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": " + detail;
        }
        return new Described(detail, new Problem.FieldError(field.isEmpty() ? "(body)" : field, reason));
    }

    private static String mismatch(MismatchedInputException exception) {
        String message = exception.getOriginalMessage() == null ? "" : exception.getOriginalMessage();
        Class<?> target = exception.getTargetType();
        if (message.contains("Cannot map `null`") || message.contains("from Null value")) {
            return "null is not allowed here; give " + expectedType(target);
        }
        if (message.startsWith("Missing required creator property")) {
            return "is required";
        }
        Matcher kind = FROM_KIND.matcher(message);
        String got = kind.find() ? switch (kind.group(1)) {
            case "Array" -> "an array";
            case "Object" -> "an object";
            case "String" -> "a string";
            case "Integer", "Floating-point" -> "a number";
            case "Boolean" -> "true/false";
            default -> "null";
        } : null;
        if (target != null) {
            return "expected " + expectedType(target) + (got == null ? "" : ", got " + got);
        }
        return cleaned(message);
    }

    /** The words for what a Java type takes on the wire. */
    static String expectedType(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class
                || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-11-24T10:00:00Z";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration such as PT4H";
        }
        if (type == LocalDate.class) {
            return "an ISO-8601 date such as 2026-12-24";
        }
        if (type == LocalTime.class) {
            return "a time such as 09:00";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.isPrimitive()) {
            return "an object";
        }
        return "a valid value";
    }

    /** {@code window.end}, {@code items[2].id}: the path in the body, as a client writes it. */
    static String path(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static boolean isSyntax(MismatchedInputException exception) {
        String message = exception.getOriginalMessage();
        return message != null && (message.startsWith("No content to map") || message.startsWith("Trailing token"));
    }

    private static String known(Collection<Object> known) {
        if (known == null || known.isEmpty()) {
            return "; it takes no fields";
        }
        return "; it takes " + known.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }

    private static String expected(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("double-quote to start field name")) {
            return "a field name in double quotes";
        }
        if (lower.contains("comma to separate object entries")) {
            return "`,` or `}`";
        }
        if (lower.contains("comma to separate array entries")) {
            return "`,` or `]`";
        }
        if (lower.contains("colon to separate field name and value")) {
            return "`:`";
        }
        return VALUE;
    }

    private static String startedAt(String message) {
        Matcher start = START_MARKER.matcher(message);
        return start.find() ? " opened at line " + start.group(1) + ", column " + start.group(2) : "";
    }

    private static String controlName(int code) {
        return switch (code) {
            case 9 -> "TAB";
            case 10 -> "line feed";
            case 13 -> "carriage return";
            default -> "U+" + String.format("%04X", code);
        };
    }

    /** The parser's sentence without its internals: no source excerpt, token codes or package names. */
    static String cleaned(String message) {
        if (message == null || message.isBlank()) {
            return "the body is not valid JSON";
        }
        String text = SOURCE.matcher(message).replaceAll("");
        text = CODE.matcher(text).replaceAll("");
        text = text.replace("(JSON String, Number, Array, Object or token 'null', 'true' or 'false')", VALUE);
        text = text.replaceAll("\\(token `JsonToken\\.[A-Z_]+`\\)", "").replaceAll("JsonToken\\.[A-Z_]+", "");
        text = CLASS_NAME.matcher(text).replaceAll("$1");
        return text.strip();
    }
}
