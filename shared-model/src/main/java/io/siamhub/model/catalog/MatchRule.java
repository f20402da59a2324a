package io.siamhub.model.catalog;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Signal;

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

    /**
     * How many fields this rule sets, when every one of them matches the signal; 0 when one does not, or
     * when the rule sets nothing. The incident broker places a signal on the CI whose rule is the most
     * specific; the change coordinator maps a maintenance notice to every CI with a matching rule.
     *
     * @param signal  what to match
     * @param pattern {@link #resourceIdPattern()} compiled once by the caller (null when unset)
     */
    public int specificity(Signal signal, Pattern pattern) {
        int fields = 0;
        Resource resource = signal.resource();
        String resourceId = resource == null ? null : resource.id();
        if (resourceId() != null) {
            if (!resourceId().equals(resourceId)) {
                return 0;
            }
            fields++;
        }
        if (pattern != null) {
            if (resourceId == null || !pattern.matcher(resourceId).matches()) {
                return 0;
            }
            fields++;
        }
        if (provider() != null) {
            if (!provider().equals(signal.provider())) {
                return 0;
            }
            fields++;
        }
        if (account() != null) {
            if (resource == null || !account().equals(resource.account())) {
                return 0;
            }
            fields++;
        }
        if (region() != null) {
            if (resource == null || !region().equals(resource.region())) {
                return 0;
            }
            fields++;
        }
        for (Map.Entry<String, String> label : labels().entrySet()) {
            if (!label.getValue().equals(signal.labels().get(label.getKey()))) {
                return 0;
            }
            fields++;
        }
        return fields;
    }
}
