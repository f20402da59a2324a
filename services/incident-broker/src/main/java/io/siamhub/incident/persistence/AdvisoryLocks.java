package io.siamhub.incident.persistence;

import java.util.Collection;
import java.util.TreeSet;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Transaction-scoped PostgreSQL advisory locks on names ({@code ci:payments-db}, {@code fp:<fingerprint>},
 * {@code ticket:jira:OPS-1}): whoever places signals of one CI, fingerprint or ticket holds its lock
 * until commit, so two instances (or two partitions) never both decide "no open incident yet". The
 * locks are taken in one statement in hash order, so two transactions never wait on each other in a
 * circle.
 */
public final class AdvisoryLocks {

    private static final String LOCK = "select count(*) from (select pg_advisory_xact_lock(h) from"
            + " (select distinct hashtextextended(k, 0) as h from unnest(cast(?1 as text[])) as t(k) order by 1) ordered) locked";

    /** Takes the locks in the caller's transaction (waits for holders to commit). */
    public static Uni<Void> lock(Collection<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] sorted = new TreeSet<>(names).toArray(String[]::new);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK, Long.class).setParameter(1, sorted).getSingleResult())
                .replaceWithVoid();
    }

    private AdvisoryLocks() {
    }
}
