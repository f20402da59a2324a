package io.siamhub.sla.engine;

import java.util.Set;

import io.siamhub.sla.definition.SlaDefinition;

/**
 * Who counts as a clock's party when an incident has a given owner. A provider or resolver group owns an incident
 * when it is the incident's owner; the integrator owns it when the owner is one of its own groups
 * ({@code siam.sla.integrator-owners}, by default the service desk).
 *
 * @param integratorOwners owners that are the integrator's own groups
 */
public record Parties(Set<String> integratorOwners) {

    public Parties {
        integratorOwners = Set.copyOf(integratorOwners);
    }

    /** True when an incident owned by {@code owner} is owned by {@code party}. */
    public boolean owns(String party, String owner) {
        if (owner == null) {
            return false;
        }
        return party.equals(owner) || SlaDefinition.INTEGRATOR.equals(party) && integratorOwners.contains(owner);
    }
}
