package io.siamhub.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

class TransientFailuresTest {

    @Test
    void anUnreachableDatabaseIsTransientEvenWhenWrapped() {
        assertThat(TransientFailures.isTransient(new CompletionException(new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new PgException("terminating connection", "FATAL", "57P01", null)))
                .isTrue();
        assertThat(TransientFailures.isTransient(new PgException("deadlock", "ERROR", "40P01", null))).isTrue();
    }

    @Test
    void badDataAndBugsArePermanent() {
        assertThat(TransientFailures.isTransient(new PermanentFailure("unreadable"))).isFalse();
        assertThat(TransientFailures.isTransient(new PermanentFailure("wraps io", new ConnectException())))
                .isFalse();
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
        assertThat(TransientFailures.isTransient(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
    }

    @Test
    void retryRepeatsTransientFailuresAndPassesPermanentOnesThrough() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> flaky = Uni.createFrom().item(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new CompletionException(new ConnectException("down"));
            }
            return "done";
        });
        assertThat(TransientFailures.retry(flaky, "test").await().indefinitely()).isEqualTo("done");
        assertThat(attempts).hasValue(3);

        AtomicInteger permanentAttempts = new AtomicInteger();
        Uni<String> broken = Uni.createFrom().item(() -> {
            permanentAttempts.incrementAndGet();
            throw new PermanentFailure("bad record");
        });
        assertThatThrownBy(() -> TransientFailures.retry(broken, "test").await().indefinitely())
                .isInstanceOf(PermanentFailure.class);
        assertThat(permanentAttempts).hasValue(1);
    }
}
