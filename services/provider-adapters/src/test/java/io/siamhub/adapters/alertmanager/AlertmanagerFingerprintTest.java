package io.siamhub.adapters.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AlertmanagerFingerprintTest {

    @Test
    void matchesTheFingerprintsAlertmanagerSent() {
        // the labels and fingerprints of the two real captures in ../shared/fixtures
        assertThat(AlertmanagerFingerprint.of(Map.of("alertname", "High Pod Memory", "severity", "slack")))
                .isEqualTo("f74798f72524fe89");
        assertThat(AlertmanagerFingerprint.of(Map.ofEntries(
                Map.entry("alertname", "Deployment"), Map.entry("app_kubernetes_io_instance", "eric-oss-common-base"),
                Map.entry("app_kubernetes_io_managed_by", "Helm"), Map.entry("app_kubernetes_io_name", "eric-pm-kube-state-metrics"),
                Map.entry("app_kubernetes_io_version", "2.1.0_10"), Map.entry("chart", "eric-pm-kube-state-metrics-2.1.0_10"),
                Map.entry("deployment", "eric-log-transformer"), Map.entry("instance", "192.168.69.53:8080"),
                Map.entry("job", "eric-pm-kube-state-metrics"), Map.entry("kubernetes_name", "eric-pm-kube-state-metrics"),
                Map.entry("kubernetes_namespace", "eric-eo-cm-ci406"), Map.entry("namespace", "eric-eo-cm-ci406"),
                Map.entry("severity", "Warning")))).isEqualTo("fbab788ec4c1018b");
    }
}
