package io.siamhub.adapters.core;

import java.util.ArrayList;
import java.util.List;

import io.siamhub.model.signal.Signal;

/**
 * What every signal gets from the raw record it came from, whatever the provider: its deterministic
 * id, when the edge received the webhook, and where the raw record lies.
 */
public final class NormalizedSignals {

    private NormalizedSignals() {
    }

    public static List<Signal> stamp(RawWebhook webhook, List<Signal> signals) {
        List<Signal> stamped = new ArrayList<>(signals.size());
        for (int i = 0; i < signals.size(); i++) {
            stamped.add(signals.get(i).toBuilder()
                    .id(SignalIds.of(webhook.ceId(), i))
                    .provider(webhook.provider())
                    .receivedAt(webhook.receivedAt())
                    .inboundOffset(webhook.offset())
                    .build());
        }
        return stamped;
    }
}
