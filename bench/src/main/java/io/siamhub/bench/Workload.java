package io.siamhub.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The end-to-end workload as Alertmanager webhooks: 10,000 fingerprints across 200 CIs, 70 % repeats.
 * A tenth of the alerts open new fingerprints until all 10,000 are out; the others repeat one, and
 * one in five of those flips it (resolves a firing one, fires a resolved one). One alert per webhook, so alerts/s = requests/s.
 */
final class Workload {

    static final int FINGERPRINTS = 10_000;
    static final int CIS = 200;

    private final Random random = new Random(42);
    private final String run;
    private final boolean[] firing = new boolean[FINGERPRINTS];
    private final List<Integer> order = new ArrayList<>();
    private int opened;

    Workload(String run) {
        this.run = run;
        for (int i = 0; i < FINGERPRINTS; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
    }

    /** The CI resource id of fingerprint {@code fp}: the alert's {@code instance} label, which the catalog matches. */
    String resource(int ci) {
        return "bench-" + run + "-ci-" + ci;
    }

    /** The next webhook body. Not thread-safe: call from one thread (the generator's timer). */
    synchronized byte[] next() {
        int fp;
        boolean fires;
        double roll = random.nextDouble();
        if (opened < FINGERPRINTS && (roll < 0.10 || opened == 0)) {
            fp = order.get(opened++);
            fires = true;
        } else {
            fp = order.get(random.nextInt(opened));
            fires = roll < 0.80 || !firing[fp]; // 70 % repeat a fingerprint as it is; the rest resolve or fire again
        }
        firing[fp] = fires;
        return body(fp, fires, Instant.now());
    }

    private byte[] body(int fp, boolean fires, Instant now) {
        String severity = fp % 3 == 0 ? "critical" : fp % 3 == 1 ? "major" : "warning";
        return ("{\"version\":\"4\",\"status\":\"" + (fires ? "firing" : "resolved") + "\",\"receiver\":\"siam\",\"groupLabels\":{},"
                + "\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"http://bench\",\"groupKey\":\"{}:{}\",\"truncatedAlerts\":0,"
                + "\"alerts\":[{\"status\":\"" + (fires ? "firing" : "resolved") + "\",\"labels\":{\"alertname\":\"BenchAlert\",\"severity\":\""
                + severity + "\",\"instance\":\"" + resource(fp % CIS) + "\"},\"annotations\":{\"summary\":\"bench alert " + fp + "\"},"
                + "\"startsAt\":\"" + now.minusSeconds(60) + "\",\"endsAt\":\"" + (fires ? "0001-01-01T00:00:00Z" : now.toString())
                + "\",\"generatorURL\":\"\",\"fingerprint\":\"" + run + String.format("%08x", fp) + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** The catalog the workload's alerts land in: one MEDIUM service, 200 CIs matched by resource id. */
    String catalogYaml() {
        StringBuilder yaml = new StringBuilder("services:\n  - id: bench-" + run + "\n    name: bench " + run + "\n    criticality: MEDIUM\n");
        yaml.append("configurationItems:\n");
        for (int ci = 0; ci < CIS; ci++) {
            yaml.append("  - id: bench-").append(run).append("-ci-").append(ci).append("\n    name: bench CI ").append(ci)
                    .append("\n    service: bench-").append(run).append("\n    match:\n      - resourceId: ").append(resource(ci)).append('\n');
        }
        return yaml.toString();
    }

    /** A single alert as Alertmanager's own API takes it ({@code POST /api/v2/alerts}). */
    static byte[] peerAlert(int i) {
        return ("[{\"labels\":{\"alertname\":\"BenchAlert\",\"severity\":\"warning\",\"instance\":\"peer-" + (i % FINGERPRINTS)
                + "\"},\"annotations\":{\"summary\":\"bench alert\"}}]").getBytes(StandardCharsets.UTF_8);
    }
}
