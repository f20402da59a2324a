package io.siamhub.adapters.aws;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Confirms verified SNS subscriptions by GETting their SubscribeURL, only when that URL passes the
 * same https + SNS-host rule as the signing certificate's. Runs after the message is stored, off the
 * request path.
 */
@ApplicationScoped
public class SnsSubscriptions {

    private static final Logger LOG = Logger.getLogger(SnsSubscriptions.class);

    private final SnsHttps https;
    private final boolean enabled;

    SnsSubscriptions(SnsHttps https, AwsConfig config) {
        this.https = https;
        this.enabled = config.sns().confirmSubscriptions();
    }

    void confirm(SnsEnvelope message) {
        URI url = SnsHosts.allowed(message.subscribeUrl());
        if (url == null) {
            LOG.warnf("not confirming the subscription to %s: SubscribeURL is not https on an SNS host", message.topicArn());
            return;
        }
        if (!enabled) {
            LOG.infof("subscription to %s not confirmed: siam.adapters.aws.sns.confirm-subscriptions=false", message.topicArn());
            return;
        }
        https.get(url).whenComplete((body, failure) -> {
            if (failure != null) {
                LOG.warnf("confirming the subscription to %s failed: %s", message.topicArn(), failure.getMessage());
            } else {
                LOG.infof("confirmed the SNS subscription to %s", message.topicArn());
            }
        });
    }
}
