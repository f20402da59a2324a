package io.siamhub.kit.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.siamhub.kit.problem.ProblemException;

/**
 * Where a page of a list ended, for keyset paging: the last row's sort instant (creation or start, to
 * the nanosecond) and its id. Lists are sorted by {@code (at, id)} descending and the next page asks for
 * {@code at < :at or (at = :at and id < :id)}, so rows written meanwhile never shift a page. Clients see
 * only the opaque {@code nextCursor} string: URL-safe base64 without padding of {@code <epochSecond>.<nano>|<uuid>}.
 */
public record PageCursor(Instant at, UUID id) {

    /** The opaque string a list answers as {@code nextCursor}. */
    public String encode() {
        String raw = at.getEpochSecond() + "." + at.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a {@code cursor} query parameter.
     *
     * @throws ProblemException 400 {@code validation} naming the field {@code cursor} when it is not one
     *         {@link #encode()} made
     */
    public static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            int dot = raw.indexOf('.');
            Instant at = Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)), Long.parseLong(raw.substring(dot + 1, bar)));
            return new PageCursor(at, UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor",
                    cursor + " is not one this API handed out; send the nextCursor of the previous page, or no cursor for the first");
        }
    }
}
