package io.siamhub.change.lifecycle;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.siamhub.change.persistence.ChangeEntity;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.change.ChangeRequest;
import io.smallrye.mutiny.Uni;

/**
 * Changes named in paths — by id (a UUID) or by number ({@code CHG0000001}, what people say in a CAB meeting) — and
 * versions in {@code ETag} / {@code If-Match} (RFC 9110 §13.1.1).
 */
public final class ChangeIds {

    private static final Pattern NUMBER = Pattern.compile("CHG\\d{7,}", Pattern.CASE_INSENSITIVE);

    private ChangeIds() {
    }

    /** How a path names a change: {@code id} or {@code number}, exactly one set. */
    public record Key(UUID id, String number) {

        /** Its row, locked for writing when {@code lock} is given; null when there is none. */
        public Uni<ChangeEntity> find(LockModeType lock) {
            if (id != null) {
                return lock == null ? ChangeEntity.<ChangeEntity> findById(id) : ChangeEntity.<ChangeEntity> findById(id, lock);
            }
            PanacheQuery<ChangeEntity> query = ChangeEntity.find("number", number);
            return (lock == null ? query : query.withLock(lock)).<ChangeEntity> firstResult();
        }
    }

    /**
     * A path's change: a UUID, or a number ({@code chg0000001} is {@code CHG0000001}); anything else names no change
     * (404).
     */
    public static Key parse(String id) {
        if (id != null && NUMBER.matcher(id.strip()).matches()) {
            return new Key(null, id.strip().toUpperCase(Locale.ROOT));
        }
        try {
            return new Key(UUID.fromString(id), null);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound("no change " + id + "; name one by its id (a UUID) or its number (CHG0000001)");
        }
    }

    /** The ETag of a version: {@code "7"}. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Checks {@code If-Match} (absent or {@code *} passes; {@code "7"}, {@code W/"7"} and {@code 7} name version 7):
     * a stale one is 412.
     */
    public static void checkVersion(String ifMatch, ChangeRequest change) {
        if (!matches(ifMatch, change.version())) {
            throw ProblemException.preconditionFailed(change.number() + " is at version " + change.version() + ", not "
                    + ifMatch.strip() + "; read it again (GET /api/changes/" + change.id() + ") and retry");
        }
    }

    /** Whether {@code ifMatch} allows a write on {@code version}. */
    public static boolean matches(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return true;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.replace("\"", "").equals(Long.toString(version))) {
                return true;
            }
        }
        return false;
    }
}
