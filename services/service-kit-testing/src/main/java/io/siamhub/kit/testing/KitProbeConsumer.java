package io.siamhub.kit.testing;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.kit.consumed.ConsumedEventLog;
import io.siamhub.kit.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;

/** Applies probe events once each: the consumed-event log and the dead-letter path in a real consumer. */
@ApplicationScoped
public class KitProbeConsumer {

    public static final String TOPIC = "siam.kit-probe.v1";
    static final String CONSUMER = "kit-probe";

    /** The data of an event on {@link #TOPIC}; the record key is the probe id. */
    public record ProbeApplied(String value) {
    }

    private final ConsumedEventLog log;
    private final ObjectMapper mapper;

    KitProbeConsumer(ConsumedEventLog log, ObjectMapper mapper) {
        this.log = log;
        this.mapper = mapper;
    }

    @Incoming("kit-probe")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.of(record);
        ProbeApplied data = event.data(ProbeApplied.class, mapper);
        return log.applyOnce(CONSUMER, event, () -> KitProbe.<KitProbe> findById(event.key())
                .map(existing -> existing != null ? existing : KitProbe.named(event.key()))
                .invoke(probe -> {
                    probe.value = data.value();
                    probe.applied++;
                })
                .call(probe -> probe.persist()))
                .replaceWithVoid();
    }
}
