package io.siamhub.kit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.siamhub.kit.problem.ProblemException;

class PageCursorTest {

    @Test
    void aCursorReadsBackToTheNanosecond() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-30T09:15:02.123456789Z"), UUID.fromString("0b6f7e1c-1d2e-4f00-9a7b-3c2d1e0f9a8b"));
        String encoded = cursor.encode();
        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(PageCursor.decode(encoded)).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "", "MTc2NDQ5NDEwMi4xMjN8bm90LWEtdXVpZA", "bm8tYmFy"})
    void aCursorThisApiDidNotHandOutIsA400NamingTheField(String cursor) {
        assertThatThrownBy(() -> PageCursor.decode(cursor)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().errors()).extracting(error -> error.field()).containsExactly("cursor");
            assertThat(e.problem().detail()).contains("nextCursor");
        });
    }
}
