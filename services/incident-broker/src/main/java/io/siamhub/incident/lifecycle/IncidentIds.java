package io.siamhub.incident.lifecycle;

import java.util.UUID;

import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.kit.problem.ProblemException;

/** Incident ids in paths, and versions in {@code ETag} / {@code If-Match}. */
public final class IncidentIds {

    /** A path id: not a UUID means no such incident (404). */
    public static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no incident " + id);
        }
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
