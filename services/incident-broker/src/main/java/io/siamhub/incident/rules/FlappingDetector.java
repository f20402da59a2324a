package io.siamhub.incident.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.siamhub.incident.IncidentConfig;

/**
 * Flapping with hysteresis: more than {@code threshold} FIRING↔RESOLVED changes of one fingerprint
 * within {@code window} set it; only {@code quiet-window} without any change clears it.
 */
public final class FlappingDetector {

    private final int threshold;
    private final Duration window;
    private final Duration quietWindow;

    public FlappingDetector(IncidentConfig config) {
        this(config.flapping().threshold(), config.flapping().window(), config.flapping().quietWindow());
    }

    public FlappingDetector(int threshold, Duration window, Duration quietWindow) {
        this.threshold = threshold;
        this.window = window;
        this.quietWindow = quietWindow;
    }

    /**
     * Notes a FIRING↔RESOLVED change at {@code at}.
     *
     * @return how many changes the window holds now, when this one started flapping; else 0
     */
    public int changed(FingerprintState signal, Instant at) {
        long cutoff = at.minus(window).toEpochMilli();
        List<Long> recent = new ArrayList<>();
        if (signal.transitions != null && !signal.transitions.isEmpty()) {
            for (String millis : signal.transitions.split(",")) {
                long value = Long.parseLong(millis);
                if (value >= cutoff) {
                    recent.add(value);
                }
            }
        }
        recent.add(at.toEpochMilli());
        signal.transitions = recent.stream().map(String::valueOf).collect(Collectors.joining(","));
        signal.lastTransitionAt = at;
        if (!signal.flapping && recent.size() > threshold) {
            signal.flapping = true;
            return recent.size();
        }
        return 0;
    }

    /** True when a flapping fingerprint has been quiet long enough at {@code now} to clear. */
    public boolean clears(FingerprintState signal, Instant now) {
        return signal.flapping && signal.lastTransitionAt != null && !now.isBefore(signal.lastTransitionAt.plus(quietWindow));
    }

    /** Clears the flag and starts its change history afresh. */
    public void clear(FingerprintState signal) {
        signal.flapping = false;
        signal.transitions = "";
    }

    /** The rule in words, for the timeline: {@code more than 4 changes in 30m; clears after 30m without one}. */
    public String describe() {
        return "more than " + threshold + " changes in " + Durations.text(window) + "; clears after " + Durations.text(quietWindow)
                + " without one";
    }
}
