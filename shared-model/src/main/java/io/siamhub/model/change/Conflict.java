package io.siamhub.model.change;

import io.siamhub.model.TimeWindow;

/**
 * A clash found on the change calendar.
 *
 * @param kind     what clashes
 * @param with     the other side: a change's id, or a freeze, lockdown or maintenance window's id
 * @param withName the other side for people: a change's number, or the window's name
 * @param window   the other side's window (the overlapping occurrence of a recurring one)
 * @param detail   a sentence for people
 * @param blocking whether it blocks approval (a hard freeze, a lockdown); otherwise it only warns
 */
public record Conflict(ConflictKind kind, String with, String withName, TimeWindow window, String detail, boolean blocking) {
}
