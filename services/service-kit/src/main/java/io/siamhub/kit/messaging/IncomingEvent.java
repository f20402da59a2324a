package io.siamhub.kit.messaging;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A consumed CloudEvent (Kafka binary mode) with where it came from. Its {@code id} is the
 * idempotency key of every consumer.
 */
public record IncomingEvent(
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String key,
        String data,
        String topic,
        int partition,
        long offset) {

    /** Reads the CloudEvent headers; a record without {@code ce_id} or {@code ce_type} is permanent failure. */
    public static IncomingEvent of(ConsumerRecord<String, String> record) {
        String id = CloudEventHeaders.get(record.headers(), CloudEventHeaders.ID);
        String type = CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE);
        if (id == null || type == null) {
            throw new PermanentFailure("not a CloudEvent: ce_id or ce_type header missing at " + record.topic() + "/"
                    + record.partition() + "@" + record.offset());
        }
        return new IncomingEvent(id, CloudEventHeaders.get(record.headers(), CloudEventHeaders.SOURCE), type,
                CloudEventHeaders.get(record.headers(), CloudEventHeaders.SUBJECT),
                time(CloudEventHeaders.get(record.headers(), CloudEventHeaders.TIME)), record.key(), record.value(),
                record.topic(), record.partition(), record.offset());
    }

    /** The data as a payload record; unreadable JSON is a permanent failure. */
    public <T> T data(Class<T> type, ObjectMapper mapper) {
        if (data == null) {
            throw new PermanentFailure("event " + id + " has no data");
        }
        try {
            return mapper.readValue(data, type);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("event " + id + " is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static Instant time(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
