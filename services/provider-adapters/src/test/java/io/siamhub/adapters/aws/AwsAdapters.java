package io.siamhub.adapters.aws;

import io.micrometer.core.instrument.MeterRegistry;

/** The AWS adapter with its SNS collaborators, built without CDI for the pure mapping tests. */
public final class AwsAdapters {

    private AwsAdapters() {
    }

    /** Subscriptions are confirmed only when the config says so: the pure tests turn it off. */
    public static AwsAdapter of(AwsConfig config, MeterRegistry registry) {
        SnsHttps https = new SnsHttps(config);
        return new AwsAdapter(config, new SnsSignatures(config, new SigningCertificates(config, https)),
                new SnsSubscriptions(https, config), registry);
    }
}
