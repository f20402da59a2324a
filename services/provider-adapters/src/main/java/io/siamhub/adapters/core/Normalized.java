package io.siamhub.adapters.core;

import java.util.List;

import io.siamhub.model.signal.Signal;

/**
 * What one stored webhook normalizes to: its signals (stamped by {@link NormalizedSignals}), or none
 * and the reason it was ignored. A webhook that cannot be mapped at all throws {@link MappingFailure}
 * instead.
 *
 * @param signals the signals, in the order the payload holds them; empty when ignored
 * @param ignored why no signal came of it, or null
 * @param detail  what the adapter said about the ignored delivery, or null
 */
public record Normalized(List<Signal> signals, IgnoredEvent.Reason ignored, String detail) {

    public Normalized {
        signals = List.copyOf(signals);
    }

    /**
     * Runs one adapter over one stored webhook: its signals stamped with ids and provenance, or the
     * reason it was ignored.
     *
     * @param dryRun true for {@code POST /api/normalize/...}: no side effect beyond mapping
     *               (no SNS subscription is confirmed)
     * @throws MappingFailure when the webhook cannot be mapped
     */
    public static Normalized by(ProviderAdapter adapter, RawWebhook webhook, boolean dryRun) {
        try {
            List<Signal> signals = dryRun ? adapter.dryRun(webhook) : adapter.normalize(webhook);
            return new Normalized(NormalizedSignals.stamp(webhook, signals), null, null);
        } catch (IgnoredEvent ignored) {
            return new Normalized(List.of(), ignored.reason(), ignored.getMessage());
        }
    }
}
