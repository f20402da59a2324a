package io.siamhub.model.signal;

/** Where the raw webhook a signal came from lies in {@code siam.inbound.v1}. */
public record InboundOffset(int partition, long offset) {
}
