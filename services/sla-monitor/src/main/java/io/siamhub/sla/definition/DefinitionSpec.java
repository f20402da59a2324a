package io.siamhub.sla.definition;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An SLA / OLA / UC definition as written in {@code PUT /api/sla/definitions/{id}} and in the YAML seed file.
 * Enumerations are read as text so that a wrong value is answered with the field and the values allowed.
 *
 * <pre>
 * { "name": "P1 resolution", "type": "SLA", "party": "integrator", "metric": "RESOLUTION",
 *   "appliesTo": {"priorities": ["P1"], "services": [], "configurationItems": [], "owners": [], "maintenance": false},
 *   "target": "PT4H", "calendar": "berlin-business", "stages": [50, 75, 90],
 *   "pauseWhile": ["ON_HOLD"], "excludeMaintenance": true, "retroactiveStart": true }
 * </pre>
 *
 * @param name              display name
 * @param type              SLA (with the customer), OLA (an internal team), UC (a provider)
 * @param party             who it holds to account: {@code integrator}, a resolver group or a provider id of the catalog
 * @param metric            RESPONSE (until acknowledged) or RESOLUTION (until resolved)
 * @param appliesTo         which incidents it applies to; absent or empty lists match anything
 * @param target            business time allowed, an ISO-8601 duration ({@code PT4H}; {@code P1D} is 24 business hours)
 * @param calendar          the id of the business calendar it counts on
 * @param stages            warning stages in percent of the target (1 to 99)
 * @param pauseWhile        incident statuses during which the clock pauses (e.g. ON_HOLD)
 * @param excludeMaintenance incidents opened inside approved maintenance do not count as downtime in availability
 * @param retroactiveStart  when it starts to apply later, count from the incident's creation (pauses replayed)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record DefinitionSpec(String name, String type, String party, String metric, AppliesToSpec appliesTo, String target,
        String calendar, List<Integer> stages, List<String> pauseWhile, Boolean excludeMaintenance, Boolean retroactiveStart) {

    /** Which incidents a definition applies to: every list given must match; an absent or empty list matches anything. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record AppliesToSpec(List<String> priorities, List<String> services, List<String> configurationItems,
            List<String> owners, Boolean maintenance) {
    }
}
