package io.siamhub.model;

import java.time.Instant;

/** A span of time; {@code end} may be unknown ({@code null}) for open-ended windows. */
public record TimeWindow(Instant start, Instant end) {

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && (end == null || instant.isBefore(end));
    }

    public boolean overlaps(TimeWindow other) {
        boolean startsBeforeOtherEnds = other.end == null || start.isBefore(other.end);
        boolean endsAfterOtherStarts = end == null || end.isAfter(other.start);
        return startsBeforeOtherEnds && endsAfterOtherStarts;
    }
}
