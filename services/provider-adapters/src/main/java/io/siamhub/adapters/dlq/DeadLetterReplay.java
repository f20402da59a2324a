package io.siamhub.adapters.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.adapters.core.InboundRecords;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.Normalized;
import io.siamhub.adapters.core.NormalizerVersion;

import io.siamhub.adapters.normalizer.Normalizer;
import io.siamhub.adapters.normalizer.SignalPublisher;
import io.siamhub.model.Topics;
import io.siamhub.model.signal.Signal;
import io.smallrye.mutiny.Uni;

/**
 * Runs a dead-lettered webhook through the current mapping ({@link NormalizerVersion#CURRENT}) again:
 * what an earlier version could not map, this one may. Its signals get the same ids as if the first
 * attempt had worked, so a replay never counts twice downstream. A delivery the current mapping
 * ignores (a test, a note) is replayed with no signal.
 */
@ApplicationScoped
public class DeadLetterReplay {

    /**
     * What one replay did.
     *
     * @param failedUnder       the mapping version that had dead-lettered it
     * @param normalizerVersion the mapping version that tried now ({@link NormalizerVersion#CURRENT})
     * @param ignored           why the current mapping yields no signal for it, when it ignores it
     * @param reason            why it still cannot be mapped, when it cannot
     */
    public record Result(String id, String provider, DeadLetter.Status status, int signals, int failedUnder,
            int normalizerVersion, String ignored, String reason) {
    }

    private final Normalizer normalizer;
    private final SignalPublisher publisher;
    private final ObjectMapper mapper;
    private final Clock clock;

    DeadLetterReplay(Normalizer normalizer, SignalPublisher publisher, ObjectMapper mapper, Clock clock) {
        this.normalizer = normalizer;
        this.publisher = publisher;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Replays a managed entry (call inside a transaction); updates it with the outcome. */
    public Uni<Result> replay(DeadLetter entry) {
        int failedUnder = entry.normalizerVersion;
        Normalized normalized;
        try {
            normalized = normalizer.map(InboundRecords.read(record(entry)));
        } catch (MappingFailure failure) {
            entry.cause = failure.reason();
            entry.reason = failure.getMessage();
            entry.failures++;
            entry.failedAt = clock.instant();
            entry.normalizerVersion = NormalizerVersion.CURRENT;
            return Uni.createFrom().item(result(entry, failedUnder, new Normalized(List.of(), null, null)));
        }
        List<Signal> signals = normalized.signals();
        Uni<Void> published = signals.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(signals.stream().map(publisher::publish).toList()).andFailFast().replaceWithVoid();
        return published.map(done -> {
            entry.status = DeadLetter.Status.REPLAYED;
            entry.replayedAt = clock.instant();
            entry.replayedSignals = signals.size();
            return result(entry, failedUnder, normalized);
        });
    }

    private static Result result(DeadLetter entry, int failedUnder, Normalized normalized) {
        boolean replayed = entry.status == DeadLetter.Status.REPLAYED;
        return new Result(entry.id.toString(), entry.provider, entry.status, normalized.signals().size(), failedUnder,
                NormalizerVersion.CURRENT, normalized.ignored() == null ? null : normalized.ignored().tag(),
                replayed ? null : entry.reason);
    }

    /** The raw record as it lay on siam.inbound.v1. */
    private ConsumerRecord<String, byte[]> record(DeadLetter entry) {
        RecordHeaders headers = new RecordHeaders();
        for (List<String> pair : pairs(entry.headers)) {
            headers.add(pair.get(0), pair.get(1).getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>(Topics.INBOUND, entry.inboundPartition, entry.inboundOffset,
                entry.receivedAt == null ? 0 : entry.receivedAt.toEpochMilli(), TimestampType.CREATE_TIME, -1, entry.body.length,
                entry.provider, entry.body, headers, Optional.empty());
    }

    private List<List<String>> pairs(String json) {
        try {
            return mapper.readValue(json, new TypeReference<List<List<String>>>() {
            });
        } catch (JsonProcessingException e) {
            throw new MappingFailure("invalid_record", "the stored headers cannot be read: " + e.getOriginalMessage());
        }
    }
}
