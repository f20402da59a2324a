package io.siamhub.incident;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.siamhub.model.Impact;
import io.siamhub.model.Priority;
import io.siamhub.model.Urgency;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the incident broker ({@code siam.incident.*}): every rule that turns signals into incidents. */
@ConfigMapping(prefix = "siam.incident")
public interface IncidentConfig {

    /** A YAML catalog loaded (upserted) at start; the same format as {@code POST /api/catalog/import}. */
    Optional<String> catalogFile();

    /** A new fingerprint joins an open incident of the same scope that was active this recently. */
    @WithDefault("10m")
    Duration correlationWindow();

    /** What a new fingerprint correlates on: the configuration item, or the whole service. */
    @WithDefault("CONFIGURATION_ITEM")
    CorrelationScope correlationScope();

    /** A fingerprint firing again this soon after its incident resolved reopens it; later it opens a new one. */
    @WithDefault("30m")
    Duration reopenWindow();

    /** When every signal of an incident resolved, it resolves after this quiet period. */
    @WithDefault("5m")
    Duration resolveQuietPeriod();

    /** Whether incidents resolve by themselves when their signals do. */
    @WithDefault("UNLESS_HANDLED")
    AutoResolve autoResolve();

    /** How often due auto-resolutions are looked for. */
    @WithDefault("5s")
    Duration autoResolveCheckInterval();

    Flapping flapping();

    /** Who owns an incident no ownership entry covers (an unmapped one, say). */
    @WithDefault("service-desk")
    String defaultOwner();

    /** The impact of an incident nothing in the catalog gives a criticality to. */
    @WithDefault("MEDIUM")
    Impact defaultImpact();

    /** Highest active severity (CRITICAL, MAJOR, MINOR, WARNING, INFO) to urgency. */
    Map<String, Urgency> urgency();

    /** The priority matrix: {@code "<IMPACT>/<URGENCY>"} to P1..P5 (ITIL by default). */
    Map<String, Priority> priority();

    Tickets tickets();

    Maintenance maintenance();

    Unmapped unmapped();

    enum CorrelationScope {
        CONFIGURATION_ITEM, SERVICE
    }

    enum AutoResolve {
        /** Resolve when every signal resolved, whatever people did. */
        ALWAYS,
        /** Resolve unless a person acknowledged, started, assigned, commented or changed it. */
        UNLESS_HANDLED,
        /** Never; people resolve. */
        NEVER
    }

    interface Flapping {

        /** More FIRING/RESOLVED changes of one fingerprint than this, within the window, is flapping. */
        @WithDefault("4")
        int threshold();

        /** The window the changes are counted in. */
        @WithDefault("30m")
        Duration window();

        /** Flapping clears after this long without a change (longer than it took to set: hysteresis). */
        @WithDefault("30m")
        Duration quietWindow();
    }

    interface Tickets {

        /**
         * The ticket systems a person may link a ticket of ({@code POST /api/incidents/{id}/links}): the providers whose
         * signals carry tickets. Another system is refused as a probable typo (400 naming {@code ticket.system}).
         */
        @WithDefault("servicenow,jira,pagerduty,cloudevents,datadog,alertmanager,aws,azure,gcp")
        java.util.List<String> systems();

        /** What a provider resolving its linked ticket does to the incident. */
        @WithDefault("MARK")
        ProviderResolved onProviderResolved();

        /**
         * Field ownership between the hub and the ticket systems (a linked ticket's later signals): per field, whose
         * change wins. A change of a field the other side owns is recorded on the timeline as a conflict, never applied
         * silently.
         */
        Ownership ownership();

        interface Ownership {
            /**
             * The incident's lifecycle. {@code HUB} (default): the ticket's resolution marks the incident
             * {@code providerResolved} (or resolves it under {@code on-provider-resolved=RESOLVE}); a ticket reopened
             * while the incident is resolved or closed is a conflict. {@code PROVIDER}: the ticket's resolution
             * resolves the incident and its reopening reopens a resolved one.
             */
            @WithDefault("HUB")
            Owner status();

            /**
             * Impact and urgency (hence priority). {@code HUB} (default): a ticket whose impact or urgency differs from
             * the incident's is a conflict; {@code PROVIDER}: the incident takes the ticket's values (unless a person
             * set them on the incident) and is prioritized again.
             */
            @WithDefault("HUB")
            Owner priority();

            /**
             * The owner (assignment). {@code HUB} (default): a linked ticket assigned to another group or person than the
             * incident's owner is a conflict, recorded once per difference; {@code PROVIDER}: the incident's owner moves to
             * the hub owner the ticket's assignment stands for (signal label {@code siamOwner}, which provider-adapters sets
             * from its assignment maps, else the assignment itself, label {@code assignment}) when the catalog knows that
             * owner; an assignment to no known owner is a conflict line, never a change.
             */
            @WithDefault("HUB")
            Owner assignment();
        }

        /** Who wins a field. */
        enum Owner {
            /** siam-hub: the ticket system's change is recorded as a conflict. */
            HUB,
            /** The ticket system: its change is applied to the incident. */
            PROVIDER
        }

        enum ProviderResolved {
            /** Mark the incident {@code providerResolved}; people decide. */
            MARK,
            /** Mark it and resolve the incident. */
            RESOLVE
        }
    }

    interface Unmapped {

        /**
         * When the catalog learns a CI or service (a PUT, an import, the seed file at start), the open
         * unmapped incidents its match rules now fit are placed: CI, service, owner (unless a person
         * assigned one) and impact (unless a person set it) from the catalog, priority again, and a
         * timeline line saying which entry placed them. Set false to leave them unmapped.
         */
        @WithDefault("true")
        boolean placeOnCatalogChange();
    }

    interface Maintenance {

        /** What happens to an incident opened inside an approved maintenance window of its CI or service. */
        @WithDefault("LOWER_PRIORITY")
        Policy policy();

        enum Policy {
            /** Mark it, and lower its priority one step. */
            LOWER_PRIORITY,
            /** Mark it, and hold it from paging. */
            HOLD_PAGING,
            /** Only mark it. */
            MARK
        }
    }
}
