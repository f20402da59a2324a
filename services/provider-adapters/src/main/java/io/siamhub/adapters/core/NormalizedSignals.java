package io.siamhub.adapters.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.siamhub.model.signal.Signal;

/**
 * What every signal gets from the raw record it came from, whatever the provider: its deterministic
 * id, when the edge received the webhook, and where the raw record lies; and its text bounded
 * ({@link TextParts#bounded}): no control characters (PostgreSQL refuses a NUL in text) and at most
 * {@value #TITLE_MAX} characters of title, {@value #DESCRIPTION_MAX} of description (a note's text),
 * {@value #AUTHOR_MAX} of author and {@value #LABEL_MAX} of each label value, a longer one ending in a
 * truncation marker. The whole payload stays in {@code siam.inbound.v1}.
 */
public final class NormalizedSignals {

    /** Characters of a signal's title kept (one line). */
    public static final int TITLE_MAX = 500;
    /** Characters of a signal's description kept (a note's text, an alert's description). */
    public static final int DESCRIPTION_MAX = 16_000;
    /** Characters of a note's author kept. */
    public static final int AUTHOR_MAX = 200;
    /** Characters of one label value kept. */
    public static final int LABEL_MAX = 2_000;

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
                    .title(TextParts.bounded(signals.get(i).title(), TITLE_MAX))
                    .description(TextParts.bounded(signals.get(i).description(), DESCRIPTION_MAX))
                    .author(TextParts.bounded(signals.get(i).author(), AUTHOR_MAX))
                    .labels(labels(signals.get(i).labels()))
                    .build());
        }
        return stamped;
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        Map<String, String> bounded = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            // a blank value stays as the adapter put it
            bounded.put(key, value == null || value.isBlank() ? value : TextParts.firstNonBlank(TextParts.bounded(value, LABEL_MAX), ""));
        });
        return bounded;
    }
}
