package io.siamhub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * deploy/k8s/siam-hub.yaml, the plain manifests for people who don't use Helm, is what the chart renders with
 * deploy/k8s/values.yaml today (after its comment header); when the chart changes, {@code deploy/k8s/render} renders it again.
 */
class PlainManifestsTest {

    @Test
    void theCommittedManifestsAreWhatTheChartRenders() throws IOException {
        Path committed = Checks.root().resolve("deploy/k8s/siam-hub.yaml");
        String text = Files.readString(committed);
        String manifests = text.substring(text.indexOf("---"));
        String rendered = HelmChartTest.template("-f", "deploy/k8s/values.yaml");
        assertThat(manifests).as("deploy/k8s/siam-hub.yaml is out of date with helm/siam-hub: run deploy/k8s/render and commit it")
                .isEqualTo(rendered);
    }

    @Test
    void theyParseStrictlyAndCreateTheTopics() throws IOException {
        RenderedManifests manifests = RenderedManifests.parse(Files.readString(Checks.root().resolve("deploy/k8s/siam-hub.yaml")));
        assertThat(manifests.of(Deployment.class)).hasSize(HelmChartTest.COMPONENTS.size());
        assertThat(manifests.custom("KafkaTopic")).hasSize(6);
    }
}
