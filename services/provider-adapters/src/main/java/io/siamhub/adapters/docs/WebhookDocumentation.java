package io.siamhub.adapters.docs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.siamhub.adapters.AdaptersConfig;
import io.siamhub.adapters.aws.AwsConfig;
import io.siamhub.adapters.core.AdapterRegistry;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.datadog.DatadogConfig;
import io.siamhub.kit.api.ProblemDocumentation;
import io.siamhub.model.SiamJson;

/**
 * Puts the webhook edge into the service's OpenAPI document: one {@code POST /webhooks/<endpoint>}
 * per endpoint the {@link AdapterRegistry} serves (the edge is a Vert.x route, invisible to the
 * annotation scan), with the media types each adapter takes, how its sender authenticates (as
 * security schemes, using the configured header names), an example body, and every answer the edge
 * gives: 202 once Kafka acknowledged, 400, 401, 413, 415, and 503 with {@code Retry-After}.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class WebhookDocumentation implements OASFilter {

    static final String ACCEPTED_SCHEMA = "WebhookAccepted";

    /** How each endpoint's sender authenticates: security schemes (any one suffices) and the words for it. */
    private record Endpoint(String title, List<String> schemes, String authentication, String deliveryId, String example) {
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        AdapterRegistry registry = Arc.container().instance(AdapterRegistry.class).get();
        AwsConfig aws = Arc.container().instance(AwsConfig.class).get();
        DatadogConfig datadog = Arc.container().instance(DatadogConfig.class).get();
        long maxBody = Arc.container().instance(AdaptersConfig.class).get().maxBodySize().asLongValue();
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        schemes(components, aws.eventbridge().apiKeyHeader(), datadog.secretHeader());
        components.addSchema(ACCEPTED_SCHEMA, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The webhook is stored on siam.inbound.v1 and Kafka acknowledged it")
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.STRING).enumeration(List.of("accepted")))
                .addProperty("id", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid")
                        .description("The raw record's ce_id: the same for a provider's retry of one delivery"))
                .required(List.of("status", "id")));
        if (openAPI.getPaths() == null) {
            openAPI.setPaths(OASFactory.createPaths());
        }
        Map<String, Endpoint> known = endpoints(aws.eventbridge().apiKeyHeader(), datadog.secretHeader());
        for (String endpoint : registry.endpoints()) {
            ProviderAdapter adapter = registry.forEndpoint(endpoint).orElseThrow();
            Endpoint doc = known.get(endpoint);
            if (doc == null) {
                throw new IllegalStateException("/webhooks/" + endpoint + " has no entry in WebhookDocumentation: document how its sender"
                        + " authenticates there");
            }
            String path = "/webhooks/" + endpoint;
            openAPI.getPaths().addPathItem(path, OASFactory.createPathItem().POST(operation(path, endpoint, adapter, doc, maxBody)));
        }
    }

    private static Operation operation(String path, String endpoint, ProviderAdapter adapter, Endpoint doc, long maxBody) {
        Content content = OASFactory.createContent();
        for (String mediaType : adapter.mediaTypes()) {
            var media = OASFactory.createMediaType().schema(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                    .description("The provider's own payload, stored byte for byte"));
            if (mediaType.equals(adapter.mediaTypes().get(0))) {
                media.setExample(json(doc.example()));
            }
            content.addMediaType(mediaType, media);
        }
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("202", OASFactory.createAPIResponse().description("Stored: Kafka acknowledged the raw record (acks=all)")
                        .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/" + ACCEPTED_SCHEMA))
                                .example(Map.of("status", "accepted", "id", "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b")))))
                .addAPIResponse("400", ProblemDocumentation.problemResponse("400",
                        "The body is empty or not one JSON document; the detail names line and column", path, PathItem.HttpMethod.POST))
                .addAPIResponse("401", ProblemDocumentation.problemResponse("401",
                        "A sender check failed (the detail says which); the body is not stored", path, PathItem.HttpMethod.POST))
                .addAPIResponse("413", ProblemDocumentation.problemResponse("413",
                        "The body is larger than siam.adapters.max-body-size (now " + maxBody + " bytes)", path, PathItem.HttpMethod.POST))
                .addAPIResponse("415", ProblemDocumentation.problemResponse("415",
                        "A Content-Type this endpoint does not take (it takes " + String.join(", ", adapter.mediaTypes()) + ")", path,
                        PathItem.HttpMethod.POST))
                .addAPIResponse("503", ProblemDocumentation.problemResponse("503",
                        "Kafka did not acknowledge in time: nothing was stored; retry after Retry-After seconds", path,
                        PathItem.HttpMethod.POST));
        responses.getAPIResponse("503").addHeader("Retry-After", OASFactory.createHeader().description("seconds to wait before retrying")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        Operation operation = OASFactory.createOperation()
                .operationId("webhook_" + endpoint.replace('/', '_'))
                .summary("Receive " + doc.title())
                .description("Authentication: " + doc.authentication() + ". Delivery id (ce_id of the raw record): " + doc.deliveryId()
                        + ". Answered 202 only after the raw record is stored on siam.inbound.v1; the normalizer maps it to signals "
                        + "afterwards (a record that cannot be mapped is dead-lettered: GET /api/dlq). No JWT: the sender authenticates "
                        + "as its provider does.")
                .tags(List.of("Webhooks"))
                .requestBody(OASFactory.createRequestBody().required(true).content(content))
                .responses(responses);
        for (String scheme : doc.schemes()) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(scheme));
        }
        if (doc.schemes().isEmpty()) {
            // authenticated by the signature inside the body: no credentials travel beside it
            operation.setSecurity(List.<SecurityRequirement> of(OASFactory.createSecurityRequirement()));
        }
        return operation;
    }

    private static Object json(String example) {
        try {
            return SiamJson.mapper().readValue(example, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a webhook example is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void schemes(Components components, String eventbridgeHeader, String datadogHeader) {
        components.addSecurityScheme("webhookBearer", http("bearer", "The provider's shared token (siam.adapters.<provider>.tokens)"));
        components.addSecurityScheme("webhookBasic", http("basic", "user:password from siam.adapters.<provider>.basic-auth"));
        components.addSecurityScheme("webhookQueryToken", apiKey(SecurityScheme.In.QUERY, "token",
                "The shared token in the webhook URL (?token=...), for senders that cannot set headers"));
        components.addSecurityScheme("eventbridgeApiKey", apiKey(SecurityScheme.In.HEADER, eventbridgeHeader,
                "The EventBridge connection's API key (siam.adapters.aws.eventbridge.tokens)"));
        components.addSecurityScheme("datadogSecret", apiKey(SecurityScheme.In.HEADER, datadogHeader,
                "A custom header of the Datadog webhook carrying the shared secret (siam.adapters.datadog.tokens)"));
        components.addSecurityScheme("pagerdutySignature", apiKey(SecurityScheme.In.HEADER, "X-PagerDuty-Signature",
                "v1=<hex HMAC-SHA256(secret, body)>, one or more, comma separated (siam.adapters.pagerduty.secrets)"));
        components.addSecurityScheme("jiraSignature", apiKey(SecurityScheme.In.HEADER, "X-Hub-Signature",
                "sha256=<hex HMAC-SHA256(secret, body)> (siam.adapters.jira.secrets)"));
        components.addSecurityScheme("siamSignature", apiKey(SecurityScheme.In.HEADER, "X-Siam-Signature",
                "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.<body>\")>, within siam.adapters.<provider>.tolerance of now"));
    }

    private static SecurityScheme http(String scheme, String description) {
        return OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme(scheme).description(description);
    }

    private static SecurityScheme apiKey(SecurityScheme.In in, String name, String description) {
        return OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY).in(in).name(name).description(description);
    }

    private static Map<String, Endpoint> endpoints(String eventbridgeHeader, String datadogHeader) {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("alertmanager", new Endpoint("Prometheus Alertmanager notifications (webhook_config, version 4)",
                List.of("webhookBearer", "webhookBasic"), "Authorization: Bearer <token> or basic auth, as http_config sends them", "none",
                """
                {"version": "4", "groupKey": "{}:{alertname=\\"KubePodCrashLooping\\"}", "status": "firing", "receiver": "siam-hub",
                 "groupLabels": {"alertname": "KubePodCrashLooping"}, "commonLabels": {"alertname": "KubePodCrashLooping"},
                 "commonAnnotations": {}, "externalURL": "http://alertmanager:9093", "truncatedAlerts": 0,
                 "alerts": [{"status": "firing", "labels": {"alertname": "KubePodCrashLooping", "namespace": "payments",
                   "pod": "payments-api-7d9f", "severity": "critical"}, "annotations": {"summary": "Pod is crash looping."},
                   "startsAt": "2026-11-24T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://prometheus:9090/graph",
                   "fingerprint": "c1a2b3d4e5f60718"}]}"""));
        endpoints.put("aws/sns", new Endpoint("AWS SNS HTTP/S deliveries (CloudWatch alarms, AWS Health)", List.of(),
                "the message's own signature (SignatureVersion 1 or 2) by a certificate from an https sns.<region>.amazonaws.com URL "
                        + "(or pinned in siam.adapters.aws.sns.cert-dir), and a TopicArn in siam.adapters.aws.sns.topic-arns; "
                        + "SubscriptionConfirmations are confirmed",
                "MessageId",
                """
                {"Type": "Notification", "MessageId": "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
                 "TopicArn": "arn:aws:sns:eu-west-1:123456789012:ops-alarms", "Subject": "ALARM: \\"payments-db-cpu\\" in EU (Ireland)",
                 "Message": "{\\"AlarmName\\":\\"payments-db-cpu\\",\\"NewStateValue\\":\\"ALARM\\"}", "Timestamp": "2026-11-24T10:00:00.000Z",
                 "SignatureVersion": "2", "Signature": "EXAMPLE...",
                 "SigningCertURL": "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-example.pem"}"""));
        endpoints.put("aws/eventbridge", new Endpoint("Amazon EventBridge API destination deliveries", List.of("eventbridgeApiKey", "webhookBasic"),
                "the connection's API key in " + eventbridgeHeader + ", or basic auth", "the event's id",
                """
                {"version": "0", "id": "c4c1c1c9-6542-e61b-6ef0-8c4d36933a92", "detail-type": "CloudWatch Alarm State Change",
                 "source": "aws.cloudwatch", "account": "123456789012", "time": "2026-11-24T10:00:00Z", "region": "eu-west-1",
                 "resources": ["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:payments-db-cpu"],
                 "detail": {"alarmName": "payments-db-cpu", "state": {"value": "ALARM", "reason": "CPU above 90 %"},
                   "previousState": {"value": "OK"}, "configuration": {"metrics": []}}}"""));
        endpoints.put("azure/monitor", new Endpoint("Azure Monitor action group webhooks (common alert schema)",
                List.of("webhookQueryToken", "webhookBearer", "webhookBasic"), "?token=<token> in the webhook URI, or bearer or basic", "none",
                """
                {"schemaId": "azureMonitorCommonAlertSchema", "data": {"essentials": {
                  "alertId": "/subscriptions/22222222-2222-2222-2222-222222222222/providers/Microsoft.AlertsManagement/alerts/0e6c2a33",
                  "alertRule": "payments-vm-cpu", "severity": "Sev1", "signalType": "Metric", "monitorCondition": "Fired",
                  "monitoringService": "Platform", "firedDateTime": "2026-11-24T10:00:00Z",
                  "alertTargetIDs": ["/subscriptions/22222222-2222-2222-2222-222222222222/resourcegroups/payments-prod/providers/microsoft.compute/virtualmachines/payments-vm-01"]},
                 "alertContext": {}}}"""));
        endpoints.put("gcp/monitoring", new Endpoint("Google Cloud Monitoring webhook notification channels",
                List.of("webhookQueryToken", "webhookBearer", "webhookBasic"),
                "?token=<token> (webhook_tokenauth), basic (webhook_basicauth), or bearer", "none",
                """
                {"version": "1.2", "incident": {"incident_id": "0.n1kq9k3x2s8h", "scoping_project_id": "payments-prod-4711",
                 "policy_name": "payments-db CPU", "condition_name": "CPU above 90%", "state": "open", "started_at": 1764064800,
                 "ended_at": null, "summary": "CPU utilization for payments-db-1 is above the threshold",
                 "resource": {"type": "gce_instance", "labels": {"project_id": "payments-prod-4711", "instance_id": "1234"}},
                 "condition": {"name": "projects/payments-prod-4711/alertPolicies/1/conditions/2"}, "severity": "Critical"}}"""));
        endpoints.put("pagerduty", new Endpoint("PagerDuty V3 webhook subscriptions (incident.*)", List.of("pagerdutySignature"),
                "X-PagerDuty-Signature: v1=<hex HMAC-SHA256(subscription secret, body)>", "X-Webhook-Id",
                """
                {"event": {"id": "01DEN3FHXJ2M0PEJWBWJ8JMF9F", "event_type": "incident.triggered", "resource_type": "incident",
                 "occurred_at": "2026-11-24T10:00:00Z", "data": {"id": "PFQZPSY", "type": "incident", "number": 42,
                   "title": "payments-api error rate", "status": "triggered", "urgency": "high",
                   "html_url": "https://acme.pagerduty.com/incidents/PFQZPSY"}}}"""));
        endpoints.put("datadog", new Endpoint("Datadog webhook integration", List.of("datadogSecret"),
                "the shared secret in the custom header " + datadogHeader, "none",
                """
                {"alert_id": "98765432", "alert_title": "[Triggered] payments-web-01 load high", "alert_transition": "Triggered",
                 "alert_type": "error", "alert_priority": "P2", "alert_scope": "host:payments-web-01", "hostname": "payments-web-01",
                 "date": "1764064800000", "link": "https://app.datadoghq.com/event/event?id=7612302498742856000", "tags": "service:payments"}"""));
        endpoints.put("jira", new Endpoint("Jira Cloud admin webhooks (jira:issue_*)", List.of("jiraSignature"),
                "X-Hub-Signature: sha256=<hex HMAC-SHA256(webhook secret, body)>", "X-Atlassian-Webhook-Identifier",
                """
                {"webhookEvent": "jira:issue_updated", "timestamp": 1764064800000, "issue": {"id": "10002", "key": "OPS-17",
                 "self": "https://acme.atlassian.net/rest/api/2/issue/10002", "fields": {"summary": "payments-api 502s",
                   "status": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}}, "priority": {"name": "High"}}}}"""));
        endpoints.put("servicenow", new Endpoint("ServiceNow business rule or flow posting an incident record", List.of("siamSignature"),
                "X-Siam-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.<body>\")>, within siam.adapters.servicenow.tolerance",
                "none",
                """
                {"result": {"sys_id": "9d385017c611228701d22104cc95c371", "number": "INC0010042", "short_description": "Payments API down",
                 "state": "1", "impact": "1", "urgency": "1", "priority": "1", "sys_updated_on": "2026-11-24 10:00:00"}}"""));
        endpoints.put("cloudevents", new Endpoint("CloudEvents 1.0 (structured, batch or binary mode)", List.of("siamSignature"),
                "X-Siam-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.<body>\")>, within siam.adapters.cloudevents.tolerance",
                "<source>/<id> (a batch: a hash of its members')",
                """
                {"specversion": "1.0", "id": "evt-1042", "source": "/acme/monitoring", "type": "com.acme.alert.fired",
                 "time": "2026-11-24T10:00:00Z", "datacontenttype": "application/json",
                 "data": {"kind": "ALERT", "title": "Checkout latency above 2 s", "severity": "MAJOR",
                   "resource": {"id": "https://shop.example/checkout"}}}"""));
        return endpoints;
    }
}
