package io.siamhub.adapters.core;

import java.util.List;
import java.util.Map;

import io.siamhub.model.signal.Resource;

/**
 * What a Prometheus alert is about, read from the labels Prometheus, kube-state-metrics and the
 * kube-prometheus rules put on it. Alertmanager and Azure Monitor's managed Prometheus deliver the same
 * labels, so both read them here.
 */
public final class PrometheusLabels {

    /** Kubernetes object labels, most specific first. */
    private static final List<String> KINDS = List.of("pod", "deployment", "statefulset", "daemonset", "job_name", "node",
            "service");

    private PrometheusLabels() {
    }

    /**
     * The resource: the most specific Kubernetes object ({@code <namespace>/<name>}, a node by its name,
     * type {@code kubernetes/<kind>}), else the scrape {@code instance}, else the {@code job}; null when
     * the labels name none.
     *
     * @param account the account the caller knows (an Alertmanager cluster label, an Azure subscription)
     */
    public static Resource resource(Map<String, String> labels, String account) {
        String namespace = labels.get("namespace");
        for (String kind : KINDS) {
            String name = labels.get(kind);
            if (name != null) {
                String type = kind.equals("job_name") ? "job" : kind;
                String id = namespace == null || kind.equals("node") ? name : namespace + "/" + name;
                return new Resource(id, "kubernetes/" + type, name, labels.get("region"), account);
            }
        }
        String instance = labels.get("instance");
        String job = labels.get("job");
        if (instance == null && job == null) {
            return null;
        }
        return new Resource(TextParts.firstNonBlank(instance, job), instance != null ? "instance" : "job",
                TextParts.firstNonBlank(instance, job), labels.get("region"), account);
    }
}
