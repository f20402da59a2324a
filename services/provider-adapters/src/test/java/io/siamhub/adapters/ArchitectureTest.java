package io.siamhub.adapters;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.siamhub.kit.testing.ArchitectureRules;

/**
 * The package rules of DESIGN.md, guarded instead of kept in prose: provider packages use only
 * {@code core} (never each other), {@code edge} and {@code normalizer} share only {@code core} and the
 * topic, {@code core} knows none of them, and time comes from the injected clock.
 */
class ArchitectureTest {

    static final List<String> PROVIDERS = List.of("alertmanager", "aws", "azure", "gcp", "pagerduty", "datadog", "servicenow", "jira",
            "cloudevents");

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.siamhub.adapters");

    @ParameterizedTest(name = "{0}")
    @FieldSource("PROVIDERS")
    void aProviderPackageUsesOnlyCore(String provider) {
        String own = "io.siamhub.adapters." + provider + "..";
        noClasses().that().resideInAPackage(own)
                .should().dependOnClassesThat(resideInAPackage("io.siamhub.adapters..")
                        .and(not(resideInAnyPackage("io.siamhub.adapters.core..", own))))
                .because("provider packages never import each other, the edge, the normalizer or the service's settings: only core")
                .check(MAIN);
    }

    @Test
    void theEdgeAndTheNormalizerShareOnlyCore() {
        noClasses().that().resideInAPackage("io.siamhub.adapters.edge..")
                .should().dependOnClassesThat().resideInAPackage("io.siamhub.adapters.normalizer..")
                .because("the edge and the normalizer share only core and siam.inbound.v1, so they can be deployed apart")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.siamhub.adapters.normalizer..")
                .should().dependOnClassesThat().resideInAPackage("io.siamhub.adapters.edge..")
                .because("the edge and the normalizer share only core and siam.inbound.v1, so they can be deployed apart")
                .check(MAIN);
    }

    @Test
    void coreKnowsNoneOfItsUsers() {
        noClasses().that().resideInAPackage("io.siamhub.adapters.core..")
                .should().dependOnClassesThat(resideInAPackage("io.siamhub.adapters..")
                        .and(not(resideInAPackage("io.siamhub.adapters.core.."))))
                .because("core is what the others share: the adapter interface, registry, signatures, the siam.inbound.v1 format, metrics")
                .check(MAIN);
    }

    @Test
    void anOutboundTargetUsesOnlyTheOutboundCoreAndCore() {
        for (String target : List.of("webhook", "servicenow", "jira")) {
            noClasses().that().resideInAPackage("io.siamhub.adapters.outbound." + target + "..")
                    .should().dependOnClassesThat(resideInAPackage("io.siamhub.adapters..")
                            .and(not(resideInAnyPackage("io.siamhub.adapters.core..", "io.siamhub.adapters.outbound.core..",
                                    "io.siamhub.adapters.outbound." + target + ".."))))
                    .because("outbound targets have the inbound adapters' shape: one package each, sharing only outbound.core and core")
                    .allowEmptyShould(true)
                    .check(MAIN);
        }
    }

    @Test
    void theOutboundCoreKnowsNoTarget() {
        noClasses().that().resideInAPackage("io.siamhub.adapters.outbound.core..")
                .should().dependOnClassesThat(resideInAPackage("io.siamhub.adapters..")
                        .and(not(resideInAnyPackage("io.siamhub.adapters.core..", "io.siamhub.adapters.outbound.core.."))))
                .because("outbound.core (queue, dispatcher, address policy, retry schedule) is what the targets share")
                .check(MAIN);
    }

    @Test
    void timeComesFromTheInjectedClock() {
        ArchitectureRules.timeComesFromTheInjectedClock().check(MAIN);
    }
}
