package io.siamhub.adapters.outbound.core;

import io.smallrye.mutiny.Uni;

/**
 * Sends one claimed delivery and says what happened. Implementations never fail the {@link Uni}
 * for a receiver's or the network's failure: they answer an {@link Attempt}, and the dispatcher decides
 * (retry, dead-letter, disable) from its {@link Attempt#verdict()}.
 */
public interface OutboundTarget {

    /** The {@code target} label of the outbound metrics ({@code webhook}). */
    String name();

    /** One attempt of a delivery: sign, send, read the answer up to a small limit. */
    Uni<Attempt> send(DeliveryQueue.Claimed delivery);
}
