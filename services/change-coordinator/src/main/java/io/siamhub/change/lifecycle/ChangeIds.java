package io.siamhub.change.lifecycle;

import java.util.UUID;

import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.change.ChangeRequest;

/** Change ids in paths, and versions in {@code ETag} / {@code If-Match} (RFC 9110 §13.1.1). */
public final class ChangeIds {

    private ChangeIds() {
    }

    /** A path id: not a UUID means no such change (404). */
    public static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound("no change " + id);
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
