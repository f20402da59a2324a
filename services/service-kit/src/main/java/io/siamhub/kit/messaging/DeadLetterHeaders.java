package io.siamhub.kit.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a record a consumer dead-letters by hand (a batch consumer cannot let SmallRye
 * dead-letter one record of a batch): the original headers plus the reason and where the record
 * came from, under the names SmallRye's own dead-letter queue uses, so one tool reads both.
 */
public final class DeadLetterHeaders {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    /**
     * @param cause  a short machine-readable reason ({@code unreadable}, {@code invalid}, {@code internal})
     * @param detail what exactly went wrong, for a person
     */
    public static Headers of(ConsumerRecord<?, ?> record, String cause, String detail) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        CloudEventHeaders.add(headers, REASON, detail == null ? cause : detail);
        CloudEventHeaders.add(headers, CAUSE, cause);
        CloudEventHeaders.add(headers, TOPIC, record.topic());
        CloudEventHeaders.add(headers, PARTITION, Integer.toString(record.partition()));
        CloudEventHeaders.add(headers, OFFSET, Long.toString(record.offset()));
        return headers;
    }

    private DeadLetterHeaders() {
    }
}
