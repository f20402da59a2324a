package io.siamhub.incident;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.siamhub.kit.testing.ArchitectureRules;

/** The broker's package rules, guarded instead of kept in prose. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.siamhub.incident");

    private static final String[] IO = {"io.quarkus..", "io.smallrye.mutiny..", "io.smallrye.reactive..", "jakarta.persistence..",
            "jakarta.enterprise..", "org.hibernate..", "io.vertx..", "org.apache.kafka..", "io.siamhub.kit..",
            "io.siamhub.incident.persistence..", "io.siamhub.incident.events..", "io.siamhub.incident.api..",
            "io.siamhub.incident.messaging..", "io.siamhub.incident.lifecycle.."};

    @Test
    void theRulesArePure() {
        noClasses().that().resideInAPackage("io.siamhub.incident.rules..")
                .or().haveFullyQualifiedName("io.siamhub.incident.correlation.SignalRules")
                .or().haveFullyQualifiedName("io.siamhub.incident.correlation.Decision")
                .or().haveFullyQualifiedName("io.siamhub.incident.correlation.LoadedState")
                .or().haveFullyQualifiedName("io.siamhub.incident.correlation.BatchWrites")
                .should().dependOnClassesThat().resideInAnyPackage(IO)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.siamhub.incident.catalog.CatalogSnapshots")
                .because("the signal rules are a pure function of loaded state, signals, settings and now, tested from a table")
                .check(MAIN);
    }

    @Test
    void correlationAndLifecycleDoNotImportEachOther() {
        noClasses().that().resideInAPackage("io.siamhub.incident.correlation..")
                .should().dependOnClassesThat().resideInAPackage("io.siamhub.incident.lifecycle..")
                .because("signals and people share the rules package, not each other")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.siamhub.incident.lifecycle..")
                .should().dependOnClassesThat().resideInAPackage("io.siamhub.incident.correlation..")
                .because("signals and people share the rules package, not each other")
                .check(MAIN);
    }

    @Test
    void timeComesFromTheInjectedClock() {
        ArchitectureRules.timeComesFromTheInjectedClock().check(MAIN);
    }
}
