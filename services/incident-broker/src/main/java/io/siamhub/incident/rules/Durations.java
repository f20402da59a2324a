package io.siamhub.incident.rules;

import java.time.Duration;

/** Durations as people write them in the timeline: {@code 10m}, {@code 1h30m}, {@code 45s}; under a second, milliseconds ({@code 250ms}). */
public final class Durations {

    public static String text(Duration duration) {
        long seconds = Math.abs(duration.getSeconds());
        String sign = duration.isNegative() ? "-" : "";
        if (seconds == 0) {
            return duration.isZero() ? "0s" : sign + duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder(sign);
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }

    private Durations() {
    }
}
