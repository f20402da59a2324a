package io.siamhub.model.change;

/**
 * A clash found on the change calendar.
 *
 * @param kind   what clashes
 * @param with   the other change's id, or the freeze window's id
 * @param detail a sentence for people
 */
public record Conflict(ConflictKind kind, String with, String detail) {
}
