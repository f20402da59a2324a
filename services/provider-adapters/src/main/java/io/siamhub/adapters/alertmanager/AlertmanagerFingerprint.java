package io.siamhub.adapters.alertmanager;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's own alert fingerprint: 64-bit FNV-1a over the label names and values in name order,
 * each followed by the byte 0xff, printed as 16 hex digits (prometheus/common {@code model.LabelSet.Fingerprint}).
 * Payloads from versions without a {@code fingerprint} field get the very value newer versions send,
 * so an alert keeps one fingerprint across an upgrade.
 */
final class AlertmanagerFingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    private AlertmanagerFingerprint() {
    }

    static String of(Map<String, String> labels) {
        long hash = OFFSET;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, label.getKey());
            hash = addByte(hash, SEPARATOR);
            hash = add(hash, label.getValue());
            hash = addByte(hash, SEPARATOR);
        }
        return String.format("%016x", hash);
    }

    private static long add(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = addByte(hash, b & 0xff);
        }
        return hash;
    }

    private static long addByte(long hash, int b) {
        return (hash ^ b) * PRIME;
    }
}
