package io.siamhub.model;

/**
 * One field of an aggregate that changed, with its old and new value as text ({@code null} when unset).
 */
public record FieldChange(String field, String from, String to) {
}
