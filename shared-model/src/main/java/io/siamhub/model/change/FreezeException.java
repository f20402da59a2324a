package io.siamhub.model.change;

import java.time.Instant;

/**
 * An approved exception that lets an EMERGENCY change be approved inside a hard freeze or lockdown.
 *
 * @param reason     why the change cannot wait
 * @param approvedBy the change manager who granted it (JWT subject)
 * @param at         when
 */
public record FreezeException(String reason, String approvedBy, Instant at) {
}
