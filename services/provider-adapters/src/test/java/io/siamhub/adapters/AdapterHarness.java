package io.siamhub.adapters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siamhub.adapters.alertmanager.AlertmanagerAdapter;
import io.siamhub.adapters.alertmanager.AlertmanagerConfig;
import io.siamhub.adapters.aws.AwsAdapters;
import io.siamhub.adapters.aws.AwsConfig;
import io.siamhub.adapters.azure.AzureAdapter;
import io.siamhub.adapters.azure.AzureConfig;
import io.siamhub.adapters.cloudevents.CloudEventsAdapter;
import io.siamhub.adapters.cloudevents.CloudEventsConfig;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.datadog.DatadogAdapter;
import io.siamhub.adapters.datadog.DatadogConfig;
import io.siamhub.adapters.gcp.GcpAdapter;
import io.siamhub.adapters.gcp.GcpConfig;
import io.siamhub.adapters.jira.JiraAdapter;
import io.siamhub.adapters.jira.JiraConfig;
import io.siamhub.adapters.pagerduty.PagerDutyAdapter;
import io.siamhub.adapters.pagerduty.PagerDutyConfig;
import io.siamhub.adapters.servicenow.ServiceNowAdapter;
import io.siamhub.adapters.servicenow.ServiceNowConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Every provider adapter built as the service builds it, from the service's own
 * {@code application.properties} (test profile) and a {@link SimpleMeterRegistry}, without Quarkus,
 * Kafka or a database: the pure mapping tests run on it. SNS subscriptions are not confirmed here.
 */
public final class AdapterHarness {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, ProviderAdapter> byProvider;

    public AdapterHarness() {
        this(Map.of());
    }

    /** With settings over the service's own ({@code siam.adapters.servicenow.display-time-zone=Europe/Berlin}). */
    public AdapterHarness(Map<String, String> overrides) {
        SmallRyeConfig config = config(overrides);
        Clock clock = Clock.fixed(FixtureCase.RECEIVED_AT, ZoneOffset.UTC);
        List<ProviderAdapter> adapters = List.of(
                new AlertmanagerAdapter(config.getConfigMapping(AlertmanagerConfig.class), registry),
                AwsAdapters.of(config.getConfigMapping(AwsConfig.class), registry),
                new AzureAdapter(config.getConfigMapping(AzureConfig.class), registry),
                new GcpAdapter(config.getConfigMapping(GcpConfig.class), registry),
                new PagerDutyAdapter(config.getConfigMapping(PagerDutyConfig.class), registry),
                new DatadogAdapter(config.getConfigMapping(DatadogConfig.class), registry),
                new ServiceNowAdapter(config.getConfigMapping(ServiceNowConfig.class),
                        config.getConfigMapping(io.siamhub.adapters.core.TicketAssignments.class), registry, clock),
                new JiraAdapter(config.getConfigMapping(JiraConfig.class), config.getConfigMapping(io.siamhub.adapters.core.TicketAssignments.class),
                        registry),
                new CloudEventsAdapter(config.getConfigMapping(CloudEventsConfig.class), registry, clock));
        this.byProvider = adapters.stream().collect(Collectors.toMap(ProviderAdapter::provider, Function.identity()));
    }

    public ProviderAdapter adapter(String provider) {
        ProviderAdapter adapter = byProvider.get(provider);
        if (adapter == null) {
            throw new IllegalArgumentException("no adapter for provider " + provider);
        }
        return adapter;
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    private static SmallRyeConfig config(Map<String, String> overrides) {
        URL properties = AdapterHarness.class.getResource("/application.properties");
        try {
            Map<String, String> settings = new java.util.HashMap<>(overrides);
            settings.putIfAbsent("siam.adapters.aws.sns.confirm-subscriptions", "false");
            return new SmallRyeConfigBuilder()
                    .withProfile("test")
                    // Quarkus' own spelling of durations ("5m"), as the service reads them
                    .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                    .withSources(new PropertiesConfigSource(properties, 250))
                    .withSources(new PropertiesConfigSource(settings, "test overrides", 400))
                    .withMapping(AlertmanagerConfig.class)
                    .withMapping(AwsConfig.class)
                    .withMapping(AzureConfig.class)
                    .withMapping(GcpConfig.class)
                    .withMapping(PagerDutyConfig.class)
                    .withMapping(DatadogConfig.class)
                    .withMapping(ServiceNowConfig.class)
                    .withMapping(JiraConfig.class)
                    .withMapping(CloudEventsConfig.class)
                    .withMapping(io.siamhub.adapters.core.TicketAssignments.class)
                    .withValidateUnknown(false)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
