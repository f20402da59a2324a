package io.siamhub.adapters.outbound.core;

import java.time.Duration;

/**
 * One HTTP attempt of an outbound delivery, as the target saw it.
 *
 * @param status     the receiver's HTTP status, or null when none came (connection refused, timeout, refused address)
 * @param latency    from the start of the attempt to the end of the answer (or the failure)
 * @param retryAfter the receiver's {@code Retry-After} header, verbatim, or null
 * @param error      what went wrong without an answer ({@code timeout after 10 s}, {@code connection refused}), or null
 * @param answer     the start of the answer's body (at most {@code max-response-bytes}), or null
 * @param refused    true when the delivery was refused before any call (a refused address, an unconfigured
 *                   sync target): never retried
 * <p>A sync target that had nothing to send answers {@link #nothingToSend}: status 204 with the reason.
 */
public record Attempt(Integer status, Duration latency, String retryAfter, String error, String answer, boolean refused) {

    /** What the dispatcher does after an attempt. */
    public enum Verdict {
        /** 2xx: done. */
        DELIVERED,
        /** 5xx, 408, 429, a timeout or connection error: tried again later (honouring Retry-After). */
        RETRY,
        /** Any other 4xx, a redirect (never followed) or a refused address: dead-lettered at once. */
        PERMANENT,
        /** 410 Gone: dead-lettered, and the subscription is disabled. */
        GONE
    }

    public static Attempt answered(int status, Duration latency, String retryAfter, String answer) {
        return new Attempt(status, latency, retryAfter, null, answer, false);
    }

    public static Attempt failed(String error, Duration latency) {
        return new Attempt(null, latency, null, error, null, false);
    }

    public static Attempt refusedAddress(String reason) {
        return new Attempt(null, Duration.ZERO, null, reason, null, true);
    }

    /**
     * A delivery that can never succeed as things stand (a sync target that is not configured, a Jira
     * workflow without a transition to the mapped status): dead-lettered at once with {@code reason}.
     */
    public static Attempt permanent(String reason, Duration latency) {
        return new Attempt(null, latency, null, reason, null, true);
    }

    /** A sync target had nothing to send (the ticket already holds these values): delivered, without a call. */
    public static Attempt nothingToSend(String reason, Duration latency) {
        return new Attempt(204, latency, null, null, "not sent: " + reason, false);
    }

    /**
     * The verdict for this attempt: Standard Webhooks' and Alertmanager's split of retryable and
     * permanent failures.
     */
    public Verdict verdict() {
        if (refused) {
            return Verdict.PERMANENT;
        }
        if (status == null) {
            return Verdict.RETRY;
        }
        if (status >= 200 && status < 300) {
            return Verdict.DELIVERED;
        }
        if (status == 410) {
            return Verdict.GONE;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Verdict.RETRY;
        }
        return Verdict.PERMANENT;
    }

    /** One line for the deliveries listing: the status and what the receiver or the network said. */
    public String summary() {
        if (status == null) {
            return error;
        }
        String said = answer == null || answer.isBlank() ? "" : ": " + answer.strip().replaceAll("\\s+", " ");
        if (status >= 300 && status < 400) {
            return "HTTP " + status + " (redirects are not followed: point the subscription at the final URL)" + said;
        }
        return "HTTP " + status + said;
    }
}
