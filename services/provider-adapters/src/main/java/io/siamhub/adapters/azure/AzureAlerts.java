package io.siamhub.adapters.azure;

import static io.siamhub.adapters.core.JsonFields.stringMap;
import static io.siamhub.adapters.core.JsonFields.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.adapters.core.Labels;
import io.siamhub.adapters.core.PrometheusLabels;
import io.siamhub.adapters.core.ProviderTimes;
import io.siamhub.adapters.core.SeverityMap;
import io.siamhub.adapters.core.TextParts;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/**
 * The alert variants of the common alert schema, each read where its {@code alertContext} keeps what
 * fired, its text and its resource
 * (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-common-schema#alert-context-fields):
 * <ul>
 * <li>managed Prometheus: {@code labels} (the series, as Alertmanager would carry them) and
 * {@code annotations} (its text), {@code expression} and {@code expressionValue};</li>
 * <li>metric alerts (static, dynamic, availability test): every criterion of {@code condition.allOf},
 * not only the first;</li>
 * <li>log search alerts v2 ({@code LogQueryCriteria}): every criterion, its query, dimensions and the link
 * filtered to them; v1: {@code SearchQuery}, {@code Dimensions}, {@code LinkToFilteredSearchResultsUI};</li>
 * <li>activity log alerts: the operation, its status and caller, when it happened ({@code eventTimestamp}).</li>
 * </ul>
 * Fingerprint: {@code azure:<alertId>}. Azure keeps one alert instance, with one id, per rule and
 * dimension combination (per label set for Prometheus) from fired to resolved.
 */
final class AzureAlerts {

    private final SeverityMap severities;

    AzureAlerts(SeverityMap severities) {
        this.severities = severities;
    }

    Signal map(JsonNode essentials, JsonNode context) {
        String target = essentials.path("alertTargetIDs").path(0).asText(null);
        ArmIds arm = ArmIds.parse(target);
        String condition = text(essentials, "monitorCondition");
        boolean resolved = "Resolved".equalsIgnoreCase(condition);
        String alertId = text(essentials, "alertId");
        String severity = text(essentials, "severity");
        Labels labels = AzureAdapter.commonLabels(essentials, arm);
        Facts facts = context.path("labels").isObject() && context.has("expression") ? prometheus(context, labels, arm)
                : context.has("SearchQuery") ? logV1(context, labels)
                : context.path("condition").path("allOf").isArray() ? criteria(context, labels)
                : activityLog(context, labels);
        Resource resource = facts.resource() != null ? facts.resource()
                : new Resource(target, arm.type(),
                        TextParts.firstNonBlank(essentials.path("configurationItems").path(0).asText(null), arm.name()),
                        facts.region(), arm.subscription());
        return Signal.builder()
                .kind(SignalKind.ALERT)
                .providerRef(alertId)
                .fingerprint("azure:" + alertId)
                .status(resolved ? SignalStatus.RESOLVED : SignalStatus.FIRING)
                .providerStatus(condition)
                .severity(severities.of(severity))
                .providerSeverity(severity)
                .title(text(essentials, "alertRule"))
                .description(TextParts.join("\n", facts.text(), text(essentials, "description"), facts.detail()))
                .resource(resource)
                .service(facts.service())
                .labels(labels)
                .occurredAt(ProviderTimes.parse(resolved ? text(essentials, "resolvedDateTime")
                        : TextParts.firstNonBlank(facts.occurredAt(), text(essentials, "firedDateTime"))))
                .endsAt(ProviderTimes.parse(text(essentials, "resolvedDateTime")))
                .link(TextParts.firstNonBlank(facts.link(), AzureAdapter.portalLink(alertId)))
                .build();
    }

    /**
     * What one variant says: {@code text} the alert's own words (before the rule description),
     * {@code detail} what fired (after it), and the resource, region, service, time and link when the
     * variant knows better than the essentials.
     */
    private record Facts(String text, String detail, Resource resource, String region, String service, String occurredAt,
            String link) {
    }

    /** Managed Prometheus: the series' labels and the rule's annotations, as an Alertmanager receiver would get them. */
    private static Facts prometheus(JsonNode context, Labels labels, ArmIds arm) {
        Map<String, String> series = stringMap(context, "labels");
        Map<String, String> annotations = stringMap(context, "annotations");
        labels.putAll(series);
        labels.add("expression", text(context, "expression"));
        labels.add("expressionValue", text(context, "expressionValue"));
        labels.add("ruleGroup", ArmIds.parse(text(context, "ruleGroup")).name());
        labels.add("runbook_url", annotations.get("runbook_url"));
        return new Facts(TextParts.firstNonBlank(annotations.get("description"), annotations.get("summary"),
                annotations.get("message")), null, PrometheusLabels.resource(series, arm.subscription()), null,
                series.get("service"), null, null);
    }

    /** Metric alerts and log search alerts v2: every criterion of {@code condition.allOf}. */
    private static Facts criteria(JsonNode context, Labels labels) {
        labels.add("conditionType", text(context, "conditionType"));
        List<String> lines = new ArrayList<>();
        Map<String, List<String>> merged = new LinkedHashMap<>();
        String resourceId = null;
        String link = null;
        for (JsonNode criterion : context.path("condition").path("allOf")) {
            String what = TextParts.firstNonBlank(text(criterion, "metricName"), text(criterion, "searchQuery"));
            merge(merged, "metricName", text(criterion, "metricName"));
            merge(merged, "searchQuery", text(criterion, "searchQuery"));
            merge(merged, "webTestName", text(criterion, "webTestName"));
            for (JsonNode dimension : criterion.path("dimensions")) {
                String name = text(dimension, "name");
                String value = text(dimension, "value");
                if (name != null) {
                    merge(merged, "dimension." + name, value);
                }
                // a log alert split by resource names the resource itself, not the workspace it was found in
                if (value != null && value.regionMatches(true, 0, "/subscriptions/", 0, 15)
                        && name != null && name.toLowerCase(java.util.Locale.ROOT).replace("_", "").equals("resourceid")) {
                    resourceId = TextParts.firstNonBlank(resourceId, value);
                }
            }
            lines.add(TextParts.join(" ", what, text(criterion, "operator"), text(criterion, "threshold"))
                    + value(criterion));
            link = TextParts.firstNonBlank(link, text(criterion, "linkToFilteredSearchResultsUI"),
                    text(criterion, "linkToSearchResultsUI"));
        }
        merged.forEach((key, values) -> labels.add(key, String.join(", ", values)));
        ArmIds resource = ArmIds.parse(resourceId);
        return new Facts(null, lines.isEmpty() ? null : String.join("\n", lines),
                resourceId == null ? null : new Resource(resourceId, resource.type(), resource.name(), null, resource.subscription()),
                null, null, null, link);
    }

    /** Log search alerts v1 (Log Analytics, Application Insights): the query and its dimensions sit at the top. */
    private static Facts logV1(JsonNode context, Labels labels) {
        labels.add("searchQuery", text(context, "SearchQuery"));
        labels.add("alertType", text(context, "AlertType"));
        for (JsonNode dimension : context.path("Dimensions")) {
            labels.add("dimension." + text(dimension, "name"), text(dimension, "value"));
        }
        String detail = TextParts.join(" ", text(context, "AlertType"), text(context, "Operator"), text(context, "Threshold"));
        String results = text(context, "ResultCount");
        return new Facts(null, TextParts.join(": ", detail, results == null ? null : results + " results"), null,
                text(context.path("SearchResults").path("dataSources").path(0), "region"), null, null,
                TextParts.firstNonBlank(text(context, "LinkToFilteredSearchResultsUI"), text(context, "LinkToSearchResults")));
    }

    /** Activity log alerts (administrative, policy, autoscale, security, recommendation): the operation that happened. */
    private static Facts activityLog(JsonNode context, Labels labels) {
        labels.add("operationName", text(context, "operationName"));
        labels.add("eventSource", text(context, "eventSource"));
        labels.add("caller", text(context, "caller"));
        labels.add("level", text(context, "level"));
        labels.add("correlationId", text(context, "correlationId"));
        JsonNode properties = context.path("properties");
        String outcome = TextParts.join(": ", text(context, "operationName"),
                TextParts.join(" ", text(context, "status"), text(context, "subStatus")));
        return new Facts(TextParts.firstNonBlank(text(properties, "description"), text(properties, "statusMessage")),
                outcome, null, text(properties, "resourceLocation"), null, text(context, "eventTimestamp"), null);
    }

    /** {@code  = 97.3 (Average)}: the value that crossed the threshold. */
    private static String value(JsonNode criterion) {
        String value = text(criterion, "metricValue");
        String aggregation = text(criterion, "timeAggregation");
        return (value == null ? "" : ": " + value) + (aggregation == null ? "" : " (" + aggregation + ")");
    }

    private static void merge(Map<String, List<String>> merged, String key, String value) {
        if (value != null) {
            List<String> values = merged.computeIfAbsent(key, k -> new ArrayList<>());
            if (!values.contains(value)) {
                values.add(value);
            }
        }
    }
}
