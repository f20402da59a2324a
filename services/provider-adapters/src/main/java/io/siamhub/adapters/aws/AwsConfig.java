package io.siamhub.adapters.aws;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.siamhub.adapters.core.SecretsConfig;
import io.siamhub.adapters.core.SeverityConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code siam.adapters.aws.*}. AWS sends no severity: the map is keyed by alarm state
 * ({@code alarm}, {@code insufficient_data}) and AWS Health category ({@code issue},
 * {@code scheduledchange}, {@code accountnotification}).
 */
@ConfigMapping(prefix = "siam.adapters.aws")
public interface AwsConfig extends SeverityConfig {

    /** What a CloudWatch alarm in INSUFFICIENT_DATA means here. */
    @WithDefault("IGNORE")
    InsufficientData insufficientData();

    Sns sns();

    Eventbridge eventbridge();

    enum InsufficientData {
        /** Treat as an alarm (severity from the {@code insufficient_data} entry). */
        FIRING,
        /** Treat as recovered. */
        RESOLVED,
        /** Publish no signal. */
        IGNORE
    }

    /** {@code /webhooks/aws/sns}: SNS HTTP/S subscriptions, authenticated by the message signature. */
    interface Sns {

        /** TopicArns allowed to deliver, comma-separated; {@code *} matches any run of characters. None: all refused. */
        Optional<List<String>> topicArns();

        /**
         * A folder of pinned signing certificates (PEM), each named after the last path segment of its
         * {@code SigningCertURL}; looked up before fetching, so air-gapped installs need no egress.
         */
        Optional<Path> certDir();

        /** A PKCS#12 trust store for the HTTPS calls to SNS (certificates and confirmations); the JVM's by default. */
        Optional<Path> trustStore();

        /** Its password. */
        Optional<String> trustStorePassword();

        /** GET the SubscribeURL of a verified SubscriptionConfirmation (when its host is an SNS host). */
        @WithDefault("true")
        boolean confirmSubscriptions();
    }

    /** {@code /webhooks/aws/eventbridge}: EventBridge API destinations (API-key header or basic auth). */
    interface Eventbridge extends SecretsConfig {

        /** The header of the connection's API key. */
        @WithDefault("x-api-key")
        String apiKeyHeader();
    }
}
