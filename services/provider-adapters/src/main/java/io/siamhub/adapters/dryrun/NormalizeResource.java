package io.siamhub.adapters.dryrun;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.siamhub.adapters.AdaptersConfig;
import io.siamhub.adapters.core.AdapterRegistry;
import io.siamhub.adapters.core.HttpHeaders;
import io.siamhub.adapters.core.InboundRecords;
import io.siamhub.adapters.core.MalformedBody;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.Normalized;
import io.siamhub.adapters.core.NormalizerVersion;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.adapters.core.SignalIds;
import io.siamhub.adapters.core.WebhookRefusals;
import io.siamhub.adapters.core.WebhookRequest;

import io.siamhub.adapters.normalizer.Normalizer;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.kit.security.Roles;
import io.siamhub.model.Topics;
import io.siamhub.model.signal.Signal;

/**
 * {@code POST /api/normalize/{provider-endpoint}} (role {@code siam-admin}): the dry run of a webhook,
 * for wiring up a new provider. The body, headers and query of the request are what the provider
 * would send to {@code /webhooks/{provider-endpoint}}; the answer is what the normalizer would make of
 * them: the signals, the reason it would ignore the delivery, or the reason it would dead-letter it.
 * Nothing is stored, published, confirmed or counted. The body is refused as the real endpoint refuses
 * it (404, 413, 415, 400, as problem+json); the sender's own authentication is not checked here, the
 * caller's role is.
 */
@Path("/api/normalize")
public class NormalizeResource {

    /** A one-alert Alertmanager webhook (version 4), the example of the OpenAPI document. */
    static final String ALERTMANAGER_EXAMPLE = "{\"version\": \"4\", \"groupKey\": \"{}:{alertname=\\\"DiskFull\\\"}\", "
            + "\"truncatedAlerts\": 0, \"status\": \"firing\", \"receiver\": \"siam-hub\", \"groupLabels\": {\"alertname\": \"DiskFull\"}, "
            + "\"commonLabels\": {}, \"commonAnnotations\": {}, \"externalURL\": \"http://alertmanager:9093\", \"alerts\": [{"
            + "\"status\": \"firing\", \"labels\": {\"alertname\": \"DiskFull\", \"instance\": \"db-07:9100\", \"severity\": \"critical\"}, "
            + "\"annotations\": {\"summary\": \"/var is 97% full\"}, \"startsAt\": \"2026-11-30T08:58:00Z\", "
            + "\"endsAt\": \"0001-01-01T00:00:00Z\", \"generatorURL\": \"http://prometheus:9090/graph\", \"fingerprint\": \"5ef77f1f8a3ecfa8\"}]}";


    /** What the normalizer would do with the delivery. */
    public enum Outcome {
        /** It would publish these signals. */
        MAPPED,
        /** It would publish nothing and count it ({@code reason}: test, annotation, other_resource, subscription, configured). */
        IGNORED,
        /** It would dead-letter the raw record ({@code reason}: unsupported, missing_field, malformed_json, ...). */
        DEAD_LETTERED
    }

    /**
     * The dry run's answer.
     *
     * @param normalizerVersion the mapping version that answered ({@link NormalizerVersion})
     * @param receivedAt        the receipt time the mapping ran with (maintenance statuses depend on it)
     * @param signals           the signals, as {@code siam.signals.v1} would carry them (no {@code inboundOffset})
     * @param reason            for IGNORED and DEAD_LETTERED: the short reason (the metric's tag)
     * @param detail            for IGNORED and DEAD_LETTERED: what the adapter said
     */
    public record Answer(String provider, String endpoint, int normalizerVersion, Instant receivedAt, Outcome outcome,
            List<Signal> signals, String reason, String detail) {
    }

    private final AdapterRegistry adapters;
    private final Normalizer normalizer;
    private final long maxBodyBytes;
    private final Clock clock;

    NormalizeResource(AdapterRegistry adapters, Normalizer normalizer, AdaptersConfig config, Clock clock) {
        this.adapters = adapters;
        this.normalizer = normalizer;
        this.maxBodyBytes = config.maxBodySize().asLongValue();
        this.clock = clock;
    }

    @POST
    @Path("{endpoint: .+}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dry run: the signals a webhook body would produce, or why it would be ignored or dead-lettered; stores nothing")
    @RequestBody(required = true, description = "What the provider would post to /webhooks/<endpoint>, as it would post it (its own "
            + "Content-Type, headers and query)", content = @Content(mediaType = "application/json",
                    schema = @Schema(type = SchemaType.OBJECT, description = "The provider's payload, any fields"), examples = @ExampleObject(
                    name = "alertmanager", value = ALERTMANAGER_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "What the normalizer would make of it: MAPPED with the signals, IGNORED or "
            + "DEAD_LETTERED with the reason", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Answer.class)))
    public Answer normalize(@Parameter(description = "The webhook endpoint, as in /webhooks/<endpoint>", example = "alertmanager")
            @PathParam("endpoint") String endpoint,
            @Parameter(description = "Map as if received at this ISO-8601 instant (maintenance statuses depend on it); default now",
                    example = "2026-11-30T09:00:00Z") @QueryParam("receivedAt") String receivedAtText,
            @Context jakarta.ws.rs.core.HttpHeaders httpHeaders, @Context UriInfo uri, byte[] body) {
        ProviderAdapter adapter = adapters.forEndpoint(endpoint).orElseThrow(() -> new ProblemException(
                WebhookRefusals.unknownEndpoint(endpoint, adapters)));
        String contentType = httpHeaders.getHeaderString("Content-Type");
        String mediaType = WebhookRefusals.mediaType(contentType);
        if (mediaType != null && !adapter.accepts(mediaType)) {
            throw new ProblemException(WebhookRefusals.unsupportedMediaType(mediaType, endpoint, adapter));
        }
        byte[] content = body == null ? new byte[0] : body;
        if (content.length > maxBodyBytes) {
            throw new ProblemException(WebhookRefusals.tooLarge(maxBodyBytes));
        }
        Instant receivedAt = receivedAt(receivedAtText);
        WebhookRequest request = new WebhookRequest(endpoint, headers(httpHeaders), query(uri), content, receivedAt);
        String deliveryId;
        try {
            request.requireJson();
            deliveryId = adapter.deliveryId(request).orElse(null);
        } catch (MalformedBody malformed) {
            throw new ProblemException(WebhookRefusals.malformed(malformed));
        }
        RawWebhook webhook = stored(adapter, request, deliveryId, contentType);
        try {
            Normalized normalized = normalizer.dryRun(webhook);
            return normalized.ignored() != null
                    ? answer(adapter, endpoint, receivedAt, Outcome.IGNORED, List.of(), normalized.ignored().tag(), normalized.detail())
                    : answer(adapter, endpoint, receivedAt, Outcome.MAPPED, normalized.signals(), null, null);
        } catch (MappingFailure failure) {
            return answer(adapter, endpoint, receivedAt, Outcome.DEAD_LETTERED, List.of(), failure.reason(), failure.getMessage());
        }
    }

    private static Answer answer(ProviderAdapter adapter, String endpoint, Instant receivedAt, Outcome outcome,
            List<Signal> signals, String reason, String detail) {
        return new Answer(adapter.provider(), endpoint, NormalizerVersion.CURRENT, receivedAt, outcome, signals, reason, detail);
    }

    /** The raw webhook exactly as the edge would store it and the normalizer read it back: secrets removed, no offset. */
    private RawWebhook stored(ProviderAdapter adapter, WebhookRequest request, String deliveryId, String contentType) {
        String ceId = deliveryId == null ? UUID.randomUUID().toString() : SignalIds.ofDelivery(adapter.provider(), deliveryId);
        Headers headers = InboundRecords.headers(ceId, adapter.provider(), request.endpoint(), deliveryId, request.receivedAt(),
                request.headers(), request.query(), contentType, adapter.secretHeaders());
        RawWebhook read = InboundRecords.read(new ConsumerRecord<>(Topics.INBOUND, 0, 0, request.receivedAt().toEpochMilli(),
                TimestampType.CREATE_TIME, -1, request.body().length, adapter.provider(), request.body(), headers, Optional.empty()));
        return new RawWebhook(read.ceId(), read.provider(), read.endpoint(), read.receivedAt(), read.deliveryId(), read.headers(),
                read.query(), read.body(), null);
    }

    private Instant receivedAt(String text) {
        if (text == null || text.isBlank()) {
            return clock.instant();
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("receivedAt " + text + " is not an ISO-8601 instant (2026-03-14T09:41:00Z)");
        }
    }

    private static HttpHeaders headers(jakarta.ws.rs.core.HttpHeaders headers) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        headers.getRequestHeaders().forEach((name, values) -> values.forEach(value -> entries.add(new AbstractMap.SimpleEntry<>(name, value))));
        return HttpHeaders.of(entries);
    }

    /** The query as the provider would send it; the dry run's own {@code receivedAt} is not part of it. */
    private static HttpHeaders query(UriInfo uri) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!name.equals("receivedAt")) {
                values.forEach(value -> entries.add(new AbstractMap.SimpleEntry<>(name, value)));
            }
        });
        return HttpHeaders.of(entries);
    }
}
