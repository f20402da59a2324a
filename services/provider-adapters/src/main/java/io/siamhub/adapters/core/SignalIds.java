package io.siamhub.adapters.core;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids. A signal's id (its {@code ce_id}) derives from the raw record's id and its
 * position in it, so mapping the same delivery again (a provider retry, a replay) yields the same
 * ids and downstream consumers skip the repeat.
 */
public final class SignalIds {

    private SignalIds() {
    }

    public static String of(String inboundCeId, int index) {
        return UUID.nameUUIDFromBytes((inboundCeId + "#" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The raw record's id from a provider's delivery id: the same delivery, retried, gets the same id. */
    public static String ofDelivery(String provider, String deliveryId) {
        return UUID.nameUUIDFromBytes((provider + ":" + deliveryId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
