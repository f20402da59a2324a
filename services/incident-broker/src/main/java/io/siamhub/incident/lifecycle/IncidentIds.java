package io.siamhub.incident.lifecycle;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.LockModeType;

import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Incident ids and numbers in paths, and versions in {@code ETag} / {@code If-Match}. */
public final class IncidentIds {

    private static final Pattern NUMBER = Pattern.compile("(?i)INC\\d{7,}");

    /**
     * The incident a path names by its id (a UUID) or its number ({@code INC0000001}, any case: the
     * number is what people say on a call), in the caller's session; 404 when there is none.
     */
    public static Uni<IncidentEntity> find(String idOrNumber) {
        return find(idOrNumber, LockModeType.NONE);
    }

    /** As {@link #find(String)}, locking the row for the caller's transaction (writers). */
    public static Uni<IncidentEntity> findForUpdate(String idOrNumber) {
        return find(idOrNumber, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Uni<IncidentEntity> find(String idOrNumber, LockModeType lock) {
        String given = idOrNumber == null ? "" : idOrNumber.strip();
        Uni<IncidentEntity> found;
        if (NUMBER.matcher(given).matches()) {
            found = IncidentEntity.<IncidentEntity> find("number", given.toUpperCase(Locale.ROOT)).withLock(lock).firstResult();
        } else {
            UUID uuid;
            try {
                uuid = UUID.fromString(given);
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().failure(ProblemException.notFound("no incident " + idOrNumber
                        + ": name an incident by its id (a UUID) or its number (INC0000001)"));
            }
            found = IncidentEntity.<IncidentEntity> findById(uuid, lock);
        }
        return found.onItem().ifNull().failWith(() -> ProblemException.notFound("no incident " + idOrNumber));
    }

    /** The ETag of a version: {@code "7"}. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Checks {@code If-Match} (absent or {@code *} passes; {@code "7"}, {@code W/"7"} and {@code 7} name
     * version 7): a stale or unreadable one is 412.
     */
    public static void checkVersion(String ifMatch, IncidentEntity incident) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            tag = tag.replace("\"", "");
            if (tag.equals(Long.toString(incident.version))) {
                return;
            }
        }
        throw ProblemException.preconditionFailed(incident.number + " is at version " + incident.version + ", not " + ifMatch.strip()
                + "; read it again and retry");
    }

    private IncidentIds() {
    }
}
