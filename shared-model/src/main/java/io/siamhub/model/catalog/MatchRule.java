package io.siamhub.model.catalog;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ties signals to a configuration item. Every field that is set must match; unset fields match
 * anything. A rule with nothing set matches nothing.
 *
 * @param resourceId        the exact resource id
 * @param resourceIdPattern a regular expression over the resource id
 * @param provider          the integration the signal came from (aws, azure, alertmanager, ...)
 * @param account           AWS account, Azure subscription or GCP project
 * @param region            region code
 * @param labels            labels the signal must carry with these values
 */
public record MatchRule(
        String resourceId,
        String resourceIdPattern,
        String provider,
        String account,
        String region,
        Map<String, String> labels) {

    public MatchRule {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
