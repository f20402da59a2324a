package io.siamhub.model.catalog;

import io.siamhub.model.Impact;

/** How much the business depends on a service or CI; sets an incident's impact. */
public enum Criticality {
    HIGH, MEDIUM, LOW;

    public Impact impact() {
        return Impact.valueOf(name());
    }
}
