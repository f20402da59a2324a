package io.siamhub.adapters.servicenow;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.siamhub.adapters.core.SeverityConfig;
import io.siamhub.adapters.core.SignedWebhookConfig;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code siam.adapters.servicenow.*}: the business rule or flow signs its body with siam-hub's scheme;
 * severity map keyed by priority ({@code 1}..{@code 5}, or its label); the state map turns the
 * instance's incident states (codes or display names, which an instance may redefine) into signal
 * statuses; records sent with display values carry dates in the sending user's format and zone.
 */
@ConfigMapping(prefix = "siam.adapters.servicenow")
public interface ServiceNowConfig extends SignedWebhookConfig, SeverityConfig {

    /** Incident state (code or lower-case name) to signal status. */
    Map<String, SignalStatus> states();

    /**
     * The date-time format of display values (the instance's glide.sys.date_format and time format as a
     * java.time pattern, e.g. {@code dd/MM/yyyy HH:mm:ss}). Without it, a display date is read with
     * whichever of the instance's selectable formats reads it one way only.
     */
    Optional<String> displayDateFormat();

    /** The time zone of display-value dates: the sending integration user's (an IANA id). */
    @WithDefault("UTC")
    ZoneId displayTimeZone();

    /**
     * The users siam-hub's own sync writes as (by default the outbound sync's
     * {@code siam.adapters.outbound.servicenow.username}): a record whose {@code sys_updated_by} is one of
     * them is the echo of the hub's own create or update and yields no signal
     * ({@code siam_adapters_ignored_total{reason="echo"}}).
     */
    Optional<List<String>> integrationUsers();

    /**
     * The {@code correlation_display} of the tickets siam-hub's sync creates (as
     * {@code siam.adapters.outbound.servicenow.correlation-display}): on such a record {@code correlation_id}
     * is the siam-hub incident id, passed on as the signal label {@code siamIncident}.
     */
    @WithDefault("siam-hub")
    String correlationDisplay();
}
