package io.siamhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

import io.siamhub.model.SiamJson;

/** What one {@code ./hub bench} run measured, as {@code report.md} (a table) and {@code report.json}. */
final class Report {

    /** An end-to-end step: offered rate, what the edge took, latency to the incident event (ms). */
    record EndToEnd(int offered, Load.Result load, Histogram latency) {
        double p(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile);
        }

        double p99() {
            return p(99);
        }

        String summary() {
            return String.format(Locale.ROOT, "  offered %,d/s: %,d accepted, %,d failed, %,d incident events, p50 %.0f ms, p99 %.0f ms, p999 %.0f ms",
                    offered, load.ok(), load.failed(), latency.getTotalCount(), p(50), p(99), p(99.9));
        }
    }

    Map<String, Double> idleRss = new LinkedHashMap<>();
    Map<String, Double> peakRss = new LinkedHashMap<>();
    Map<String, Double> cpuPer1000 = new LinkedHashMap<>();
    final List<Load.Result> ceilings = new ArrayList<>();
    final List<EndToEnd> steps = new ArrayList<>();
    EndToEnd e2e;
    int maxSustained;
    long seconds;

    void write(Path out, boolean quick) throws IOException {
        Files.writeString(out.resolve("report.md"), markdown(quick));
        Files.writeString(out.resolve("report.json"), SiamJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(quick)));
    }

    private Load.Result ceiling(String prefix, int connections) {
        return ceilings.stream().filter(result -> result.name().startsWith(prefix) && result.connections() == connections).findFirst()
                .orElse(null);
    }

    private double ratio(String of, String to, int connections) {
        Load.Result a = ceiling(of, connections);
        Load.Result b = ceiling(to, connections);
        return a == null || b == null ? Double.NaN : a.perSecond() / b.perSecond();
    }

    private String markdown(boolean quick) {
        StringBuilder md = new StringBuilder();
        md.append("# siam-hub bench\n\n");
        md.append(String.format("Run %s%s on %d cores (every process shares them), %d s in all. Command: `./hub bench`.%n%n",
                Instant.now().toString().substring(0, 19), quick ? " (--quick: short phases, indicative only)" : "",
                Runtime.getRuntime().availableProcessors(), seconds));

        md.append("## Edge ceilings (closed loop, one alert per request)\n\n");
        md.append("| target | connections | requests/s | alerts/s | p50 ms | p99 ms | p999 ms | failed |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Load.Result result : ceilings) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %.2f | %.2f | %.2f | %d |%n", result.name(), result.connections(),
                    result.perSecond(), result.perSecond(), result.millis(50), result.millis(99), result.millis(99.9), result.failed()));
        }
        md.append('\n');
        for (int connections : new int[] {64, 256}) {
            md.append(String.format(Locale.ROOT, "- %d connections: edge = **%.0f %%** of emit-to-Kafka, %.0f %% of plain HTTP, %.0f %% of the reference peer%n",
                    connections, 100 * ratio("edge", "emit", connections), 100 * ratio("edge", "plain", connections),
                    100 * ratio("edge", "reference", connections)));
        }

        md.append("\n## End to end (webhook → incident event on siam.incidents.v1)\n\n");
        md.append("Open loop, 10,000 fingerprints across 200 CIs, 70 % repeats; latency from the edge's receipt of the alert "
                + "(`signals.lastSeen`) to a consumer reading the incident event.\n\n");
        md.append("| offered alerts/s | accepted | failed | events | p50 ms | p99 ms | p999 ms | max ms |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<EndToEnd> all = new ArrayList<>();
        if (e2e != null) {
            all.add(e2e);
        }
        all.addAll(steps);
        for (EndToEnd step : all) {
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %,d | %.0f | %.0f | %.0f | %d |%n", step.offered(), step.load().ok(),
                    step.load().failed(), step.latency().getTotalCount(), step.p(50), step.p(99), step.p(99.9), step.latency().getMaxValue()));
        }
        md.append(String.format(Locale.ROOT, "%nMost alerts/s sustained with p99 under 1 s: **%,d**.%n", maxSustained));

        md.append("\n## Memory and CPU\n\n| process | RSS idle MiB | RSS peak MiB | CPU s per 1,000 alerts (at 2,000/s) |\n|---|---:|---:|---:|\n");
        for (String name : idleRss.keySet()) {
            Double cpu = cpuPer1000.get(name);
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s |%n", name, idleRss.get(name), peakRss.getOrDefault(name, Double.NaN),
                    cpu == null ? "" : String.format(Locale.ROOT, "%.3f", cpu)));
        }

        md.append("\n## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        for (Map.Entry<String, Object[]> target : targets().entrySet()) {
            md.append("| ").append(target.getKey()).append(" | ").append(target.getValue()[0]).append(" | ")
                    .append((boolean) target.getValue()[1] ? "yes" : "**no**").append(" |\n");
        }
        return md.toString();
    }

    /** Each target: what was measured, whether it is met. */
    private Map<String, Object[]> targets() {
        Map<String, Object[]> targets = new LinkedHashMap<>();
        double edgeShare = ratio("edge", "emit", 256);
        targets.put("edge ≥ 60 % of emit at 256 connections", new Object[] {String.format(Locale.ROOT, "%.0f %%", 100 * edgeShare), edgeShare >= 0.6});
        targets.put("end to end ≥ 5,000 alerts/s sustained", new Object[] {String.format(Locale.ROOT, "%,d alerts/s (%.0f %% of target)",
                maxSustained, 100.0 * maxSustained / 5_000), maxSustained >= 5_000});
        double p99 = e2e == null ? Double.NaN : e2e.p99();
        targets.put("p99 < 250 ms at 2,000 alerts/s", new Object[] {String.format(Locale.ROOT, "%.0f ms", p99), p99 < 250});
        String services = String.join("|", List.of("provider-adapters", "incident-broker", "change-coordinator", "sla-monitor"));
        double worst = peakRss.entrySet().stream().filter(entry -> entry.getKey().matches(services)).mapToDouble(Map.Entry::getValue).max().orElse(0);
        targets.put("every service < 512 MiB RSS under load", new Object[] {String.format(Locale.ROOT, "largest %.0f MiB", worst), worst < 512});
        return targets;
    }

    private Map<String, Object> json(boolean quick) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("quick", quick);
        json.put("seconds", seconds);
        List<Map<String, Object>> edge = new ArrayList<>();
        for (Load.Result result : ceilings) {
            edge.add(Map.of("target", result.name(), "connections", result.connections(), "requestsPerSecond", result.perSecond(),
                    "p50Ms", result.millis(50), "p99Ms", result.millis(99), "p999Ms", result.millis(99.9), "failed", result.failed()));
        }
        json.put("ceilings", edge);
        List<Map<String, Object>> e2eSteps = new ArrayList<>();
        List<EndToEnd> all = new ArrayList<>();
        if (e2e != null) {
            all.add(e2e);
        }
        all.addAll(steps);
        for (EndToEnd step : all) {
            e2eSteps.add(Map.of("offered", step.offered(), "accepted", step.load().ok(), "failed", step.load().failed(),
                    "events", step.latency().getTotalCount(), "p50Ms", step.p(50), "p99Ms", step.p(99), "p999Ms", step.p(99.9)));
        }
        json.put("endToEnd", e2eSteps);
        json.put("maxSustainedAlertsPerSecond", maxSustained);
        json.put("rssIdleMiB", idleRss);
        json.put("rssPeakMiB", peakRss);
        json.put("cpuSecondsPer1000Alerts", cpuPer1000);
        Map<String, Object> met = new LinkedHashMap<>();
        targets().forEach((name, value) -> met.put(name, Map.of("measured", value[0], "met", value[1])));
        json.put("targets", met);
        return json;
    }
}
