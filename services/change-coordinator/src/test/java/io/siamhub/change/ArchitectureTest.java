package io.siamhub.change;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.siamhub.kit.testing.ArchitectureRules;

/** The package rules of the change coordinator, guarded instead of kept in prose. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.siamhub.change");

    @Test
    void conflictDetectionAndReportsArePure() {
        noClasses().that().resideInAnyPackage("io.siamhub.change.conflict..", "io.siamhub.change.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye.mutiny..", "jakarta.persistence..",
                        "io.vertx..", "org.apache.kafka..", "io.siamhub.change.persistence..", "io.siamhub.change.api..",
                        "io.siamhub.change.messaging..")
                .because("conflicts and reports are pure functions of changes, windows and the catalog, tested from tables")
                .check(MAIN);
    }

    @Test
    void timeComesFromTheInjectedClock() {
        ArchitectureRules.timeComesFromTheInjectedClock().check(MAIN);
    }
}
