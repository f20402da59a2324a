package io.siamhub.adapters.core;

/**
 * The sender of a webhook could not be authenticated: answered 401, counted, logged with the reason,
 * and the body is not stored. The message says which check failed, never a secret.
 */
public class SenderRejected extends RuntimeException {

    public SenderRejected(String reason) {
        super(reason, null, false, false);
    }
}
