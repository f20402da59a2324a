package io.siamhub.sla;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package rules of the SLA monitor, guarded instead of kept in prose. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.siamhub.sla");

    @Test
    void theEngineAndTheArithmeticArePure() {
        noClasses().that().resideInAnyPackage("io.siamhub.sla.engine..", "io.siamhub.sla.report..")
                .or().haveSimpleNameEndingWith("Parser").or().haveSimpleName("BusinessCalendar")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye.mutiny..", "jakarta.persistence..",
                        "io.vertx..", "org.apache.kafka..", "io.siamhub.sla.clock..", "io.siamhub.sla.api..", "io.siamhub.sla.messaging..")
                .because("the clock engine is a pure function of history, definitions, calendars and now, tested from tables")
                .check(MAIN);
    }

    @Test
    void timeComesFromTheInjectedClock() {
        noClasses().that().doNotHaveSimpleName("TimeSource")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("every rule that depends on time reads the injected java.time.Clock, so tests drive it")
                .check(MAIN);
    }
}
