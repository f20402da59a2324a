package io.siamhub.change;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;

import io.siamhub.model.SiamJson;
import io.siamhub.model.signal.Signal;

/**
 * The signals provider-adapters maps its fixtures to: its golden {@code .expected.json} files, which its own
 * ProviderMappingTest proves against the real mapping, copied into {@code adapter-signals/} by this module's build.
 */
public final class AdapterSignals {

    /** e.g. {@code aws/eventbridge_health_scheduledChange_ec2_upcoming}: the one signal that fixture maps to. */
    public static Signal of(String fixture) {
        try (InputStream in = AdapterSignals.class.getResourceAsStream("/adapter-signals/" + fixture + ".expected.json")) {
            if (in == null) {
                throw new IllegalStateException("no adapter signals for " + fixture + " (built by maven-resources-plugin from provider-adapters)");
            }
            List<Signal> signals = SiamJson.mapper().readValue(in, new TypeReference<List<Signal>>() {
            });
            if (signals.size() != 1) {
                throw new IllegalStateException(fixture + " maps to " + signals.size() + " signals, not one");
            }
            return signals.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AdapterSignals() {
    }
}
