package io.siamhub.adapters.core;

/**
 * The version of the mappings, stamped on every dead letter ({@code siam_normalizer_version}) and
 * answered by {@code POST /api/normalize/...}: a record dead-lettered under an earlier version may map
 * now, and {@code POST /api/dlq/replay} says which version failed it and which one tried again.
 * Bump it whenever a mapping changes what a stored webhook produces.
 * <ol>
 * <li>the first mappings (issue 3);</li>
 * <li>fidelity (issue 9): identities from immutable ids and every dimension, the payload's own event
 * type (tests, notes and comments never open anything), each provider variant's own place for what
 * fired, its text and its severity, every documented severity spelling.</li>
 * <li>notes (issue 9): events about a ticket (PagerDuty notes, responders, status updates; Jira
 * comments; CloudEvents typed as a note or comment) are NOTE signals for their ticket instead of
 * being ignored.</li>
 * </ol>
 */
public final class NormalizerVersion {

    /** The mappings this build runs. */
    public static final int CURRENT = 3;

    /** Dead letters written before versions were recorded. */
    public static final int UNRECORDED = 1;

    private NormalizerVersion() {
    }
}
