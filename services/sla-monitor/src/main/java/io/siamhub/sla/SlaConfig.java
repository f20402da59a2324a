package io.siamhub.sla;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the SLA monitor ({@code siam.sla.*}). */
@ConfigMapping(prefix = "siam.sla")
public interface SlaConfig {

    /**
     * A YAML file of calendars and definitions upserted at every start (the seed; the same format as the API's JSON,
     * under {@code calendars:} and {@code definitions:} maps keyed by id). An invalid file stops the start.
     */
    Optional<String> definitionsFile();

    /** Incident owners that are the integrator's own groups: an OLA/UC whose party is {@code integrator} runs while they own it. */
    @WithDefault("service-desk")
    List<String> integratorOwners();

    /** The IANA zone of "today" and "this month" on the status page and in default report periods. */
    @WithDefault("UTC")
    String timeZone();

    /** The stage and breach timers. */
    Scheduler scheduler();

    /** How many incidents one recompute transaction rebuilds. */
    @WithDefault("200")
    int recomputeBatchSize();

    interface Scheduler {

        /** Set to false on an instance that must never fire timers (another instance does). */
        @WithDefault("true")
        boolean enabled();

        /**
         * The longest the scheduler sleeps without looking at the index: bounds how late a timer set by another
         * instance fires.
         */
        @WithDefault("500ms")
        Duration maxIdle();

        /** Most clocks fired in one transaction. */
        @WithDefault("500")
        int batchSize();
    }
}
