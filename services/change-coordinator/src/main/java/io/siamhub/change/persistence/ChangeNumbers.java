package io.siamhub.change.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Numbers new changes from a database sequence (distinct across instances): CHG0000001, ... */
public final class ChangeNumbers {

    private ChangeNumbers() {
    }

    /** The next number, in the caller's session. */
    public static Uni<String> next() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select nextval('change_number')", Long.class).getSingleResult())
                .map(value -> String.format("CHG%07d", value));
    }

    /**
     * Serialises every write that reads and rewrites the calendar (conflict detection across changes), in the
     * caller's transaction: a transaction-level advisory lock, released at commit or rollback.
     */
    public static Uni<Void> lockCalendar() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select 1 from (select pg_advisory_xact_lock(811083)) locked", Integer.class)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
