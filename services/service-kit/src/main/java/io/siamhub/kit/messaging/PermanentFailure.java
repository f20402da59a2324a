package io.siamhub.kit.messaging;

/**
 * A record that can never be processed as it is (unreadable, invalid, unmappable). It is not retried:
 * the consumer nacks it, the record goes to the dead-letter topic with this message as the reason,
 * and the partition moves on.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
