package io.siamhub.incident.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FlappingDetectorTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private final FlappingDetector detector = new FlappingDetector(4, Duration.ofMinutes(30), Duration.ofMinutes(30));

    @Test
    void moreThanTheThresholdOfChangesWithinTheWindowIsFlapping() {
        FingerprintState signal = new FingerprintState();
        for (int i = 0; i < 4; i++) {
            assertThat(detector.changed(signal, T0.plus(Duration.ofMinutes(i)))).isZero();
        }
        assertThat(signal.flapping).isFalse();
        assertThat(detector.changed(signal, T0.plus(Duration.ofMinutes(4)))).isEqualTo(5);
        assertThat(signal.flapping).isTrue();
        assertThat(detector.changed(signal, T0.plus(Duration.ofMinutes(5)))).as("reported once").isZero();
    }

    @Test
    void changesOutsideTheWindowDoNotCount() {
        FingerprintState signal = new FingerprintState();
        for (int i = 0; i < 10; i++) {
            detector.changed(signal, T0.plus(Duration.ofMinutes(10L * i)));
        }
        assertThat(signal.flapping).isFalse();
        assertThat(signal.transitions.split(",")).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void itClearsOnlyAfterTheQuietWindowWithoutAnyChange() {
        FingerprintState signal = new FingerprintState();
        for (int i = 0; i < 5; i++) {
            detector.changed(signal, T0.plusSeconds(i));
        }
        assertThat(detector.clears(signal, T0.plus(Duration.ofMinutes(29)))).isFalse();
        assertThat(detector.clears(signal, T0.plus(Duration.ofMinutes(31)))).isTrue();
        detector.clear(signal);
        assertThat(signal.flapping).isFalse();
        assertThat(detector.changed(signal, T0.plus(Duration.ofMinutes(32)))).as("history starts afresh").isZero();
    }

    @Test
    void durationsReadLikePeopleWriteThem() {
        assertThat(Durations.text(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Durations.text(Duration.ofMinutes(90).plusSeconds(5))).isEqualTo("1h30m5s");
        assertThat(Durations.text(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.text(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
