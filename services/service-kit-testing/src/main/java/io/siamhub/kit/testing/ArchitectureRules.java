package io.siamhub.kit.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** Package rules every service's {@code ArchitectureTest} checks on its own main classes. */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /**
     * No class reads the system clock: every rule that depends on time injects {@link java.time.Clock}
     * (service-kit's {@code ServiceClock}), so tests drive it.
     */
    public static ArchRule timeComesFromTheInjectedClock() {
        return noClasses().should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("every rule that depends on time reads the injected java.time.Clock (service-kit's ServiceClock), so tests drive it");
    }
}
