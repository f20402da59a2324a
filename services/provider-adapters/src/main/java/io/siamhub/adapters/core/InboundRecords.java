package io.siamhub.adapters.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.model.EventTypes;
import io.siamhub.model.signal.InboundOffset;

/**
 * The wire format of {@code siam.inbound.v1}: the record value is the webhook body byte for byte;
 * the headers carry a CloudEvent (binary mode, {@code ce_type} {@code io.siamhub.inbound.received.v1},
 * {@code ce_source} {@code /webhooks/<endpoint>}, {@code ce_subject} the provider, {@code ce_time} the
 * receipt time), {@code siam_provider}, {@code siam_endpoint}, {@code siam_delivery_id}, and the request's
 * own headers as {@code http_<name>} and query parameters as {@code query_<name>}: every one but those
 * that carry secrets.
 */
public final class InboundRecords {

    static final String PROVIDER = "siam_provider";
    static final String ENDPOINT = "siam_endpoint";
    static final String DELIVERY_ID = "siam_delivery_id";
    static final String HTTP_PREFIX = "http_";
    static final String QUERY_PREFIX = "query_";

    /** Headers that carry credentials for any provider. */
    static final Set<String> ALWAYS_SECRET = Set.of("authorization", "proxy-authorization", "cookie",
            "x-api-key", "x-pagerduty-signature", "x-hub-signature", "x-siam-signature", "token");

    private InboundRecords() {
    }

    /** The Kafka headers of one accepted webhook. */
    public static Headers headers(String ceId, String provider, String endpoint, String deliveryId, Instant receivedAt,
            HttpHeaders request, HttpHeaders query, String contentType, Set<String> providerSecrets) {
        Headers headers = CloudEventHeaders.of(ceId, "/webhooks/" + endpoint, EventTypes.INBOUND_RECEIVED, provider,
                receivedAt, contentType == null ? "application/octet-stream" : contentType);
        CloudEventHeaders.add(headers, PROVIDER, provider);
        CloudEventHeaders.add(headers, ENDPOINT, endpoint);
        if (deliveryId != null) {
            CloudEventHeaders.add(headers, DELIVERY_ID, deliveryId);
        }
        copy(request, HTTP_PREFIX, headers, providerSecrets);
        copy(query, QUERY_PREFIX, headers, providerSecrets);
        return headers;
    }

    /** Reads a stored webhook back; a record without the siam headers cannot be mapped. */
    public static RawWebhook read(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String ceId = CloudEventHeaders.get(headers, CloudEventHeaders.ID);
        String provider = CloudEventHeaders.get(headers, PROVIDER);
        String endpoint = CloudEventHeaders.get(headers, ENDPOINT);
        if (ceId == null || provider == null || endpoint == null) {
            throw new MappingFailure("invalid_record", "not a raw webhook record: ce_id, siam_provider or siam_endpoint missing at "
                    + record.topic() + "/" + record.partition() + "@" + record.offset());
        }
        String time = CloudEventHeaders.get(headers, CloudEventHeaders.TIME);
        return new RawWebhook(ceId, provider, endpoint, time == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(time),
                CloudEventHeaders.get(headers, DELIVERY_ID), prefixed(headers, HTTP_PREFIX), prefixed(headers, QUERY_PREFIX),
                record.value() == null ? new byte[0] : record.value(),
                new InboundOffset(record.partition(), record.offset()));
    }

    private static void copy(HttpHeaders from, String prefix, Headers to, Set<String> providerSecrets) {
        from.values().forEach((name, values) -> {
            if (!ALWAYS_SECRET.contains(name) && !providerSecrets.contains(name)) {
                values.forEach(value -> CloudEventHeaders.add(to, prefix + name, value));
            }
        });
    }

    private static HttpHeaders prefixed(Headers headers, String prefix) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (Header header : headers) {
            if (header.key().startsWith(prefix) && header.value() != null) {
                entries.add(new AbstractMap.SimpleEntry<>(header.key().substring(prefix.length()).toLowerCase(Locale.ROOT),
                        new String(header.value(), StandardCharsets.UTF_8)));
            }
        }
        return HttpHeaders.of(entries);
    }
}
