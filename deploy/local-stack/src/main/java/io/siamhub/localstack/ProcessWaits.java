package io.siamhub.localstack;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waiting on the child processes of the local stack without leaking interrupts. */
final class ProcessWaits {

    /** Waits for the process to exit; true when it did within the timeout. */
    static boolean exited(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    private ProcessWaits() {
    }
}
