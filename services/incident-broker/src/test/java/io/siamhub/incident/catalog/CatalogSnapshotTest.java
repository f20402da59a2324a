package io.siamhub.incident.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.siamhub.incident.IncidentConfig;
import io.siamhub.incident.TestConfig;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.Impact;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.catalog.MatchRule;
import io.siamhub.model.catalog.OwnerType;
import io.siamhub.model.catalog.Ownership;
import io.siamhub.model.catalog.OwnershipScope;
import io.siamhub.model.catalog.Service;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

class CatalogSnapshotTest {

    private static final IncidentConfig CONFIG = TestConfig.incident();

    private final CatalogSnapshot catalog = new CatalogSnapshot(
            List.of(new Service("payments", "Payments", null, Criticality.HIGH, "finance"),
                    new Service("reporting", "Reporting", null, Criticality.LOW, null)),
            List.of(new ConfigurationItem("aws-account", "account", null, "payments", "aws", null,
                            List.of(new MatchRule(null, null, "aws", "123456789012", null, null))),
                    new ConfigurationItem("payments-db", "db", null, "payments", "aws", null,
                            List.of(new MatchRule(null, "db-\\d+", "aws", "123456789012", null, null))),
                    new ConfigurationItem("reporting-vm", "vm", null, "reporting", "aws", Criticality.MEDIUM,
                            List.of(new MatchRule(null, null, null, null, null, Map.of("team", "reporting")))),
                    new ConfigurationItem("a-tie", "tie", null, "reporting", null, null,
                            List.of(new MatchRule("shared-1", null, null, null, null, null))),
                    new ConfigurationItem("b-tie", "tie", null, "payments", null, null,
                            List.of(new MatchRule("shared-1", null, null, null, null, null)))),
            List.of(new Ownership("o1", OwnershipScope.CONFIGURATION_ITEM, "payments-db", OwnerType.RESOLVER_GROUP, "dba-oncall"),
                    new Ownership("o2", OwnershipScope.SERVICE, "reporting", OwnerType.RESOLVER_GROUP, "bi-team")));

    @Test
    void theMostSpecificRuleWins() {
        Placement db = catalog.place(signal("db-7", "123456789012", Map.of(), null), CONFIG);
        assertThat(db.configurationItem()).isEqualTo("payments-db");
        assertThat(db.owner()).isEqualTo("dba-oncall");
        assertThat(db.impact()).isEqualTo(Impact.HIGH);
        assertThat(db.correlationKey()).isEqualTo("ci:payments-db");

        Placement other = catalog.place(signal("i-123", "123456789012", Map.of(), null), CONFIG);
        assertThat(other.configurationItem()).isEqualTo("aws-account");
        assertThat(other.owner()).as("no ownership: the CI's provider").isEqualTo("aws");
    }

    @Test
    void tiesGoToTheSmallerIdSoPlacementIsStable() {
        assertThat(catalog.place(signal("shared-1", null, Map.of(), null), CONFIG).configurationItem()).isEqualTo("a-tie");
    }

    @Test
    void labelsMatchAndTheCiCriticalityBeatsTheServiceOne() {
        Placement vm = catalog.place(signal("x", null, Map.of("team", "reporting"), null), CONFIG);
        assertThat(vm.configurationItem()).isEqualTo("reporting-vm");
        assertThat(vm.impact()).isEqualTo(Impact.MEDIUM);
        assertThat(vm.owner()).as("the service's ownership").isEqualTo("bi-team");
    }

    @Test
    void aServiceNamedByTheProviderPlacesWhatNoCiMatches() {
        Placement named = catalog.place(signal(null, null, Map.of(), "Payments"), CONFIG);
        assertThat(named.configurationItem()).isNull();
        assertThat(named.service()).isEqualTo("payments");
        assertThat(named.correlationKey()).isEqualTo("service:payments");
        assertThat(named.unmapped()).isFalse();
    }

    @Test
    void whatNothingMatchesIsUnmappedAndCorrelatesOnlyWithItself() {
        Placement nowhere = catalog.place(signal("elsewhere", "999", Map.of(), null), CONFIG);
        assertThat(nowhere.unmapped()).isTrue();
        assertThat(nowhere.owner()).isEqualTo("service-desk");
        assertThat(nowhere.impact()).isEqualTo(Impact.MEDIUM);
        assertThat(nowhere.correlationKey()).isEqualTo("fingerprint:fp");
    }

    @Test
    void serviceScopeCorrelatesAcrossTheCisOfAService() {
        IncidentConfig byService = TestConfig.incident(Map.of("siam.incident.correlation-scope", "SERVICE"));
        assertThat(catalog.place(signal("db-7", "123456789012", Map.of(), null), byService).correlationKey()).isEqualTo("service:payments");
    }

    @Test
    void yamlErrorsNameWhereAndWhat() {
        assertThatThrownBy(() -> CatalogYaml.read("services:\n  - id: x\n    nam: typo\n")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("services[0].nam");
        assertThatThrownBy(() -> CatalogYaml.read("   ")).hasMessageContaining("empty");
        CatalogDocument document = CatalogYaml.read("{\"services\":[{\"id\":\"s\",\"name\":\"S\",\"criticality\":\"LOW\"}]}");
        assertThat(document.services()).hasSize(1);
        assertThat(document.configurationItems()).isEmpty();
    }

    private static Signal signal(String resourceId, String account, Map<String, String> labels, String service) {
        return Signal.builder().id("s").kind(SignalKind.ALERT).provider("aws").fingerprint("fp").status(SignalStatus.FIRING)
                .severity(Severity.MAJOR).title("t").resource(resourceId == null ? null : new Resource(resourceId, null, null, null, account))
                .labels(labels).service(service).receivedAt(Instant.now()).build();
    }
}
