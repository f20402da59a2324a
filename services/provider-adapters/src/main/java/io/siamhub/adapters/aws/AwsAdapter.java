package io.siamhub.adapters.aws;

import static io.siamhub.adapters.core.JsonFields.text;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.siamhub.adapters.core.IgnoredEvent;
import io.siamhub.adapters.core.JsonFields;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.adapters.core.SenderCredentials;
import io.siamhub.adapters.core.SeverityMap;
import io.siamhub.adapters.core.WebhookRequest;
import io.siamhub.model.signal.Signal;
import io.smallrye.mutiny.Uni;

/**
 * AWS: SNS HTTP/S subscriptions ({@code /webhooks/aws/sns}, verified by the message signature) and
 * EventBridge API destinations ({@code /webhooks/aws/eventbridge}, API key or basic auth). Both carry
 * CloudWatch alarms and AWS Health events; SNS may also carry any EventBridge event in its Message.
 */
@ApplicationScoped
public class AwsAdapter implements ProviderAdapter {

    static final String SNS = "aws/sns";
    static final String EVENTBRIDGE = "aws/eventbridge";
    private static final Logger LOG = Logger.getLogger(AwsAdapter.class);

    private final AwsConfig config;
    private final SnsSignatures signatures;
    private final SnsSubscriptions subscriptions;
    private final CloudWatchAlarms alarms;
    private final AwsHealthEvents health;

    /** Also built directly by the pure mapping tests. */
    public AwsAdapter(AwsConfig config, SnsSignatures signatures, SnsSubscriptions subscriptions, MeterRegistry registry) {
        this.config = config;
        this.signatures = signatures;
        this.subscriptions = subscriptions;
        SeverityMap severities = new SeverityMap(provider(), config, registry);
        this.alarms = new CloudWatchAlarms(severities, config.insufficientData());
        this.health = new AwsHealthEvents(severities);
    }

    @Override
    public String provider() {
        return "aws";
    }

    @Override
    public List<String> endpoints() {
        return List.of(SNS, EVENTBRIDGE);
    }

    @Override
    public void authenticateHeaders(WebhookRequest request) {
        if (!request.endpoint().equals(EVENTBRIDGE)) {
            return;
        }
        AwsConfig.Eventbridge eventbridge = config.eventbridge();
        if (request.headers().first(eventbridge.apiKeyHeader()) != null || request.headers().first("authorization") == null) {
            SenderCredentials.header(request, provider(), eventbridge.apiKeyHeader(), eventbridge.tokenList());
        } else {
            SenderCredentials.bearerOrBasic(request, provider(), List.of(), eventbridge.basicAuthList());
        }
    }

    @Override
    public Uni<Void> authenticateBody(WebhookRequest request) {
        if (!request.endpoint().equals(SNS)) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> signatures.verify(SnsEnvelope.of(request.json())));
    }

    @Override
    public Optional<String> deliveryId(WebhookRequest request) {
        JsonNode json = request.json();
        return Optional.ofNullable(request.endpoint().equals(SNS) ? text(json, "MessageId") : text(json, "id"));
    }

    @Override
    public List<String> mediaTypes() {
        // SNS delivers Content-Type: text/plain; charset=UTF-8 with a JSON body
        return List.of("application/json", "text/plain");
    }

    @Override
    public Set<String> secretHeaders() {
        return Set.of(config.eventbridge().apiKeyHeader().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public List<Signal> normalize(RawWebhook webhook) {
        return map(webhook, true);
    }

    /** Maps without confirming an SNS subscription. */
    @Override
    public List<Signal> dryRun(RawWebhook webhook) {
        return map(webhook, false);
    }

    private List<Signal> map(RawWebhook webhook, boolean confirm) {
        JsonNode body = webhook.json();
        if (webhook.endpoint().equals(SNS)) {
            return sns(SnsEnvelope.of(body), webhook, confirm);
        }
        return event(body, webhook);
    }

    private List<Signal> sns(SnsEnvelope message, RawWebhook webhook, boolean confirm) {
        switch (message.type() == null ? "" : message.type()) {
            case SnsEnvelope.SUBSCRIPTION_CONFIRMATION -> {
                if (confirm) {
                    subscriptions.confirm(message);
                }
                throw new IgnoredEvent(IgnoredEvent.Reason.SUBSCRIPTION, "SNS subscription confirmation for "
                        + message.topicArn() + (confirm ? "" : " (a dry run confirms nothing)"));
            }
            case SnsEnvelope.UNSUBSCRIBE_CONFIRMATION -> {
                LOG.infof("SNS unsubscribed us from %s", message.topicArn());
                throw new IgnoredEvent(IgnoredEvent.Reason.SUBSCRIPTION, "SNS unsubscribe confirmation for " + message.topicArn());
            }
            case SnsEnvelope.NOTIFICATION -> {
                JsonNode content = JsonFields.embedded(webhook.json(), "Message");
                if (content.has("AlarmName")) {
                    return List.of(alarms.fromSns(content, message.topicArn()));
                }
                if (content.has("detail-type")) {
                    return event(content, webhook);
                }
                throw new MappingFailure("unsupported", "the SNS message is neither a CloudWatch alarm nor an EventBridge event"
                        + (message.subject() == null ? "" : " (subject: " + message.subject() + ")"));
            }
            default -> throw new MappingFailure("unsupported", "SNS message type " + message.type());
        }
    }

    private List<Signal> event(JsonNode event, RawWebhook webhook) {
        String detailType = text(event, "detail-type");
        String source = text(event, "source");
        if ("CloudWatch Alarm State Change".equals(detailType)) {
            return List.of(alarms.fromEventBridge(event));
        }
        if ("aws.health".equals(source)) {
            return List.of(health.map(event, webhook.receivedAt()));
        }
        throw new MappingFailure("unsupported", "EventBridge event " + detailType + " from " + source);
    }
}
