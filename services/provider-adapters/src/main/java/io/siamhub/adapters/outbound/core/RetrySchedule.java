package io.siamhub.adapters.outbound.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: exponential backoff ({@code first-delay} doubled per attempt up
 * to {@code max-delay}) spread by ±{@code jitter}, never earlier than the receiver's {@code Retry-After}
 * (RFC 9110 §10.2.3: delta-seconds or an HTTP-date), and not past {@code max-period} from the start of
 * the delivery's retry window: then it is dead-lettered. The schedule is stored with the delivery, so a
 * restart keeps it; all instants come from the caller's (injected) clock.
 */
public final class RetrySchedule {

    private final Duration firstDelay;
    private final Duration maxDelay;
    private final double jitter;
    private final Duration maxPeriod;
    private final RandomGenerator random;

    public RetrySchedule(Duration firstDelay, Duration maxDelay, double jitter, Duration maxPeriod, RandomGenerator random) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("siam.adapters.outbound.retry.jitter must be in [0, 1): " + jitter);
        }
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
        this.maxPeriod = maxPeriod;
        this.random = random;
    }

    public static RetrySchedule of(OutboundConfig.Retry config, RandomGenerator random) {
        return new RetrySchedule(config.firstDelay(), config.maxDelay(), config.jitter(), config.maxPeriod(), random);
    }

    /**
     * The delay before attempt {@code attempts + 1}, after {@code attempts} failed ones (1 or more),
     * without jitter: {@code first-delay × 2^(attempts-1)}, at most {@code max-delay}.
     */
    public Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 40));
        Duration delay = firstDelay.multipliedBy(1L << Math.min(doublings, 30));
        return delay.compareTo(maxDelay) > 0 || delay.isNegative() ? maxDelay : delay;
    }

    /**
     * The next attempt's instant after {@code attempts} failed ones, or {@code null} when the retry
     * window ({@code windowStart + max-period}) would be passed: the delivery is then dead-lettered.
     *
     * @param retryAfter the receiver's {@code Retry-After}, or null
     */
    public Instant next(int attempts, Instant now, Instant windowStart, Duration retryAfter) {
        Duration base = backoff(attempts);
        double spread = jitter == 0 ? 0 : (random.nextDouble() * 2 - 1) * jitter;
        Duration delay = Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * (1 + spread))));
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        Instant next = now.plus(delay);
        return next.isAfter(windowStart.plus(maxPeriod)) ? null : next;
    }

    /** How long retries go on. */
    public Duration maxPeriod() {
        return maxPeriod;
    }

    /**
     * A {@code Retry-After} value as a duration from {@code now}: delta-seconds or an IMF-fixdate
     * (RFC 9110 §10.2.3); null when absent or unreadable (the backoff then decides alone). A date in the
     * past is zero.
     */
    public static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.matches("[0-9]{1,10}")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isBefore(now) ? Duration.ZERO : Duration.between(now, at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
