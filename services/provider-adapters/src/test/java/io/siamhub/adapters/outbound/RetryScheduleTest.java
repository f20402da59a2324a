package io.siamhub.adapters.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.siamhub.adapters.outbound.core.RetrySchedule;

/** Exponential backoff with jitter, Retry-After, and the end of the retry window. */
class RetryScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private final RetrySchedule exact = new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), 0, Duration.ofHours(24),
            RandomGenerator.getDefault());

    @ParameterizedTest
    @CsvSource({"1, PT5S", "2, PT10S", "3, PT20S", "10, PT42M40S", "11, PT1H", "200, PT1H"})
    void doublesUpToTheCap(int attempts, Duration expected) {
        assertThat(exact.backoff(attempts)).isEqualTo(expected);
        assertThat(exact.next(attempts, T0, T0, null)).isEqualTo(T0.plus(expected));
    }

    @Test
    void jitterSpreadsWithinItsFraction() {
        RetrySchedule jittered = new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1), 0.2, Duration.ofHours(24),
                RandomGenerator.of("L64X128MixRandom"));
        for (int i = 0; i < 200; i++) {
            Duration delay = Duration.between(T0, jittered.next(1, T0, T0, null));
            assertThat(delay).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
        }
    }

    @Test
    void retryAfterIsHonouredWhenLonger() {
        assertThat(exact.next(1, T0, T0, Duration.ofSeconds(120))).isEqualTo(T0.plusSeconds(120));
        assertThat(exact.next(3, T0, T0, Duration.ofSeconds(1))).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void readsBothRetryAfterForms() {
        assertThat(RetrySchedule.retryAfter("120", T0)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetrySchedule.retryAfter("Mon, 30 Nov 2026 10:01:30 GMT", T0)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetrySchedule.retryAfter("Mon, 30 Nov 2026 09:00:00 GMT", T0)).isEqualTo(Duration.ZERO);
        assertThat(RetrySchedule.retryAfter("soon", T0)).isNull();
        assertThat(RetrySchedule.retryAfter(null, T0)).isNull();
    }

    @Test
    void givesUpPastTheWindow() {
        Instant late = T0.plus(Duration.ofHours(23)).plusSeconds(1);
        assertThat(exact.next(30, late, T0, null)).as("an hour later is past the 24 h window").isNull();
        assertThat(exact.next(1, late, T0, null)).isEqualTo(late.plusSeconds(5));
        assertThat(exact.next(1, T0.plus(Duration.ofHours(24)).minusSeconds(4), T0, null)).isNull();
        assertThat(exact.next(1, T0, T0, Duration.ofHours(25))).isNull();
    }
}
