package io.siamhub.adapters;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamhub.localstack.LocalStackResource;

/** Every provider's meters exist before its first request, so a zero is visible. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
class AdapterMetricsTest {

    @Test
    void everyProviderHasItsCountersUpFront() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String provider : List.of("alertmanager", "aws", "azure", "gcp", "pagerduty", "datadog", "servicenow", "jira",
                "cloudevents")) {
            for (String outcome : List.of("accepted", "unauthorized", "too_large", "malformed", "unavailable")) {
                assertThat(metrics).contains("siam_adapters_requests_total{outcome=\"" + outcome + "\",provider=\"" + provider + "\"}");
            }
            assertThat(metrics).contains("siam_adapters_signals_total{kind=\"alert\",provider=\"" + provider + "\"}");
            assertThat(metrics).contains("siam_adapters_mapping_failures_total{provider=\"" + provider + "\",reason=\"unsupported\"}");
            assertThat(metrics).contains("siam_adapters_unknown_severity_total{provider=\"" + provider + "\"}");
            for (String reason : List.of("test", "annotation", "other_resource", "subscription", "configured", "echo")) {
                assertThat(metrics).contains("siam_adapters_ignored_total{provider=\"" + provider + "\",reason=\"" + reason + "\"}");
            }
            assertThat(metrics).contains("siam_adapters_edge_seconds_count{provider=\"" + provider + "\"}");
        }
    }
}
