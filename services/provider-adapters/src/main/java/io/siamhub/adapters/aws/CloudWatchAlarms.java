package io.siamhub.adapters.aws;

import static io.siamhub.adapters.core.JsonFields.at;
import static io.siamhub.adapters.core.JsonFields.text;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.adapters.core.IgnoredEvent;
import io.siamhub.adapters.core.Labels;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.ProviderTimes;
import io.siamhub.adapters.core.SeverityMap;
import io.siamhub.adapters.core.TextParts;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/**
 * CloudWatch alarms, as SNS delivers them ({@code Message} holds the alarm as JSON: metric,
 * metric-math and composite alarms) and as the EventBridge event "CloudWatch Alarm State Change".
 * Both give the same fingerprint, {@code aws:<alarm ARN>}, so one alarm dedups however it arrives.
 */
final class CloudWatchAlarms {

    private final SeverityMap severities;
    private final AwsConfig.InsufficientData insufficientData;

    CloudWatchAlarms(SeverityMap severities, AwsConfig.InsufficientData insufficientData) {
        this.severities = severities;
        this.insufficientData = insufficientData;
    }

    /** An alarm notification from SNS (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html). */
    Signal fromSns(JsonNode alarm, String topicArn) {
        String name = text(alarm, "AlarmName");
        String alarmArn = text(alarm, "AlarmArn");
        String region = TextParts.firstNonBlank(Arns.region(alarmArn), Arns.region(topicArn));
        String account = TextParts.firstNonBlank(text(alarm, "AWSAccountId"), Arns.account(alarmArn), Arns.account(topicArn));
        if (alarmArn == null) {
            alarmArn = "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name;
        }
        Labels labels = new Labels();
        JsonNode trigger = alarm.path("Trigger");
        Resource resource;
        if (trigger.isObject()) {
            labels.add("namespace", text(trigger, "Namespace"));
            labels.add("metric", text(trigger, "MetricName"));
            JsonNode dimensions = trigger.path("Dimensions");
            String namespace = text(trigger, "Namespace");
            if (!dimensions.isArray() || dimensions.isEmpty()) {
                // metric math: the dimensions sit on each metric of the expression
                for (JsonNode metric : trigger.path("Metrics")) {
                    JsonNode metricDimensions = at(metric, "MetricStat", "Metric", "Dimensions");
                    if (metricDimensions.isArray() && !metricDimensions.isEmpty()) {
                        dimensions = metricDimensions;
                        namespace = TextParts.firstNonBlank(text(metric, "MetricStat", "Metric", "Namespace"), namespace);
                        labels.add("metric", text(metric, "MetricStat", "Metric", "MetricName"));
                        break;
                    }
                }
                labels.add("namespace", namespace);
            }
            resource = resource(pairs(dimensions, "name", "value", labels), namespace, region, account, alarmArn);
        } else {
            labels.add("alarmRule", text(alarm, "AlarmRule"));
            resource = new Resource(alarmArn, "AWS::CloudWatch::CompositeAlarm", name, region, account);
        }
        labels.add("previousState", text(alarm, "OldStateValue"));
        return signal(name, alarmArn, text(alarm, "NewStateValue"),
                TextParts.join("\n", text(alarm, "AlarmDescription"), text(alarm, "NewStateReason")),
                text(alarm, "StateChangeTime"), resource, region, labels);
    }

    /** The EventBridge event (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html). */
    Signal fromEventBridge(JsonNode event) {
        JsonNode detail = event.path("detail");
        String name = text(detail, "alarmName");
        String region = text(event, "region");
        String account = text(event, "account");
        String alarmArn = event.path("resources").path(0).isTextual() ? event.path("resources").get(0).asText()
                : "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name;
        Labels labels = new Labels();
        Resource resource = new Resource(alarmArn, "AWS::CloudWatch::CompositeAlarm", name, region, account);
        for (JsonNode metric : detail.path("configuration").path("metrics")) {
            JsonNode definition = at(metric, "metricStat", "metric");
            if (definition.isObject()) {
                labels.add("namespace", text(definition, "namespace"));
                labels.add("metric", text(definition, "name"));
                Map<String, String> dimensions = new LinkedHashMap<>();
                definition.path("dimensions").fields().forEachRemaining(field -> dimensions.put(field.getKey(), field.getValue().asText()));
                dimensions.forEach((key, value) -> labels.put("dimension." + key, value));
                resource = resource(dimensions, text(definition, "namespace"), region, account, alarmArn);
                break;
            }
        }
        labels.add("alarmRule", text(detail, "configuration", "alarmRule"));
        labels.add("previousState", text(detail, "previousState", "value"));
        return signal(name, alarmArn, text(detail, "state", "value"),
                TextParts.join("\n", text(detail, "configuration", "description"), text(detail, "state", "reason")),
                text(detail, "state", "timestamp"), resource, region, labels);
    }

    private Signal signal(String name, String alarmArn, String state, String description, String changedAt,
            Resource resource, String region, Map<String, String> labels) {
        if (name == null || state == null) {
            throw MappingFailure.missing(name == null ? "AlarmName" : "NewStateValue");
        }
        SignalStatus status = switch (state) {
            case "ALARM" -> SignalStatus.FIRING;
            case "OK" -> SignalStatus.RESOLVED;
            case "INSUFFICIENT_DATA" -> switch (insufficientData) {
                case FIRING -> SignalStatus.FIRING;
                case RESOLVED -> SignalStatus.RESOLVED;
                case IGNORE -> throw new IgnoredEvent(IgnoredEvent.Reason.CONFIGURED, "alarm " + name
                        + " is INSUFFICIENT_DATA and siam.adapters.aws.insufficient-data is IGNORE");
            };
            default -> throw new MappingFailure("unsupported", "alarm state " + state + " is not ALARM, OK or INSUFFICIENT_DATA");
        };
        return Signal.builder()
                .kind(SignalKind.ALERT)
                .providerRef(alarmArn)
                .fingerprint("aws:" + alarmArn)
                .status(status)
                .providerStatus(state)
                .severity(severities.of(state.equals("OK") ? "alarm" : state))
                .title(name)
                .description(description)
                .resource(resource)
                .labels(labels)
                .occurredAt(ProviderTimes.parse(changedAt))
                .link(region == null ? null : "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                        + "#alarmsV2:alarm/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }

    /** The first dimension names the resource: {@code InstanceId i-0f67...} in {@code AWS/EC2}. */
    private static Resource resource(Map<String, String> dimensions, String namespace, String region, String account,
            String alarmArn) {
        if (dimensions.isEmpty()) {
            return new Resource(alarmArn, "AWS::CloudWatch::Alarm", null, region, account);
        }
        Map.Entry<String, String> first = dimensions.entrySet().iterator().next();
        return new Resource(first.getValue(), TextParts.join(" ", namespace, first.getKey()), first.getValue(), region, account);
    }

    /** Dimensions as {@code [{"name": .., "value": ..}]}, into a map and into the labels. */
    private static Map<String, String> pairs(JsonNode array, String nameField, String valueField, Map<String, String> labels) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (array.isArray()) {
            for (JsonNode pair : array) {
                String name = TextParts.firstNonBlank(text(pair, nameField), text(pair, "Name"));
                String value = TextParts.firstNonBlank(text(pair, valueField), text(pair, "Value"));
                if (name != null && value != null) {
                    pairs.put(name, value);
                    labels.put("dimension." + name, value);
                }
            }
        }
        return pairs;
    }
}
