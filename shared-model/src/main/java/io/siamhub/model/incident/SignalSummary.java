package io.siamhub.model.incident;

import java.time.Instant;
import java.util.List;

/**
 * The signals behind an incident, in short.
 *
 * @param count        how many signals were applied to it, repeats included
 * @param firstSeen    the first signal's time
 * @param lastSeen     the latest signal's time
 * @param fingerprints the distinct alert fingerprints joined to it
 */
public record SignalSummary(long count, Instant firstSeen, Instant lastSeen, List<String> fingerprints) {

    public SignalSummary {
        fingerprints = fingerprints == null ? List.of() : List.copyOf(fingerprints);
    }
}
