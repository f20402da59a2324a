package io.siamhub.change;

import java.time.Duration;

import io.siamhub.model.change.Risk;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the change coordinator ({@code siam.change.*}). */
@ConfigMapping(prefix = "siam.change")
public interface ChangeConfig {

    Approvals approvals();

    /**
     * A YAML file of freeze and maintenance windows created at start when missing (same shape as the API; see
     * {@code deploy/demo/calendar.yaml}). Windows changed through the API are left as they are.
     */
    java.util.Optional<String> calendarFile();

    /**
     * An incident opened on a change's CI or service this long after the change COMPLETED, FAILED or was
     * BACKED_OUT is linked to it as a suspected cause (wall time).
     */
    @WithDefault("4h")
    Duration suspectWindow();

    /** How many levels of {@code dependsOn} between services make their changes clash (SAME_SERVICE); 0 = the same service only. */
    @WithDefault("1")
    int dependencyDepth();

    Maintenance maintenance();

    FreeSlots freeSlots();

    /** How often ended lockdowns are looked for (their held changes are then released). */
    @WithDefault("5s")
    Duration lockdownCheckInterval();

    /** The CAB rule: how many approvals each risk needs, and the group one approver of a risky change belongs to. */
    interface Approvals {

        /** Approvals a LOW-risk change needs. */
        @WithDefault("1")
        int low();

        /** Approvals a MEDIUM-risk change needs. */
        @WithDefault("2")
        int medium();

        /** Approvals a HIGH-risk change needs. */
        @WithDefault("2")
        int high();

        /** A JWT group (in the {@code groups} claim): from {@code group-required-from} up, one approver must be in it. */
        @WithDefault("cab-senior")
        String group();

        /** The lowest risk at which one approval must come from {@code group}. */
        @WithDefault("HIGH")
        Risk groupRequiredFrom();
    }

    interface Maintenance {

        /** A provider notice without an end time gets this long a window, marked {@code endKnown: false}. */
        @WithDefault("24h")
        Duration horizon();
    }

    interface FreeSlots {

        /** How many free slots {@code POST /api/changes/check} proposes. */
        @WithDefault("10")
        int count();

        /** How far ahead it searches. */
        @WithDefault("P90D")
        Duration horizon();

        /** Slots start on multiples of this (from the epoch, UTC). */
        @WithDefault("15m")
        Duration step();
    }
}
