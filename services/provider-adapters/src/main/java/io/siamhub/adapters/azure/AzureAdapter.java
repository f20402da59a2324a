package io.siamhub.adapters.azure;

import static io.siamhub.adapters.core.JsonFields.text;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.siamhub.adapters.core.Labels;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.adapters.core.SenderCredentials;
import io.siamhub.adapters.core.SeverityMap;
import io.siamhub.adapters.core.WebhookRequest;
import io.siamhub.model.signal.Signal;

/**
 * Azure Monitor action groups with the common alert schema
 * (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-common-schema): metric, log search (v1
 * and v2), managed Prometheus and activity-log alerts ({@link AzureAlerts}), Service Health and
 * Resource Health ({@link AzureHealthEvents}). Severity {@code Sev0}–{@code Sev4} through the severity
 * map; subscription and resource group from the target's resource id.
 */
@ApplicationScoped
public class AzureAdapter implements ProviderAdapter {

    private final AzureConfig config;
    private final AzureAlerts alerts;
    private final AzureHealthEvents health;

    /** Also built directly by the pure mapping tests. */
    public AzureAdapter(AzureConfig config, MeterRegistry registry) {
        this.config = config;
        SeverityMap severities = new SeverityMap(provider(), config, registry);
        this.alerts = new AzureAlerts(severities);
        this.health = new AzureHealthEvents(severities);
    }

    @Override
    public String provider() {
        return "azure";
    }

    @Override
    public List<String> endpoints() {
        return List.of("azure/monitor");
    }

    @Override
    public void authenticateHeaders(WebhookRequest request) {
        SenderCredentials.queryTokenOrBearerOrBasic(request, provider(), config.tokenList(), config.basicAuthList());
    }

    @Override
    public List<Signal> normalize(RawWebhook webhook) {
        JsonNode payload = webhook.json();
        String schema = text(payload, "schemaId");
        if (!"azureMonitorCommonAlertSchema".equals(schema)) {
            throw new MappingFailure("unsupported", "schemaId " + schema
                    + " is not the common alert schema; enable it on the action group");
        }
        JsonNode essentials = payload.path("data").path("essentials");
        JsonNode context = payload.path("data").path("alertContext");
        if (text(essentials, "alertId") == null) {
            throw MappingFailure.missing("data.essentials.alertId");
        }
        String service = text(essentials, "monitoringService");
        if ("ServiceHealth".equalsIgnoreCase(service)) {
            return List.of(health.serviceHealth(essentials, context, webhook.receivedAt()));
        }
        if ("Resource Health".equalsIgnoreCase(service)) {
            return List.of(health.resourceHealth(essentials, context));
        }
        return List.of(alerts.map(essentials, context));
    }

    /** Labels every Azure signal carries. */
    static Labels commonLabels(JsonNode essentials, ArmIds arm) {
        Labels labels = new Labels();
        labels.add("alertRule", text(essentials, "alertRule"));
        labels.add("signalType", text(essentials, "signalType"));
        labels.add("monitoringService", text(essentials, "monitoringService"));
        labels.add("resourceGroup", arm.resourceGroup());
        labels.add("originAlertId", text(essentials, "originAlertId"));
        return labels;
    }

    /** The alert instance in the Azure portal. */
    static String portalLink(String alertId) {
        return alertId == null ? null : "https://portal.azure.com/#view/Microsoft_Azure_Monitoring_Alerts/AlertDetails.ReactView/alertId/"
                + URLEncoder.encode(alertId, StandardCharsets.UTF_8);
    }
}
