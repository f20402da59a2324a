package io.siamhub.incident.persistence;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Numbers new incidents from a database sequence, so every instance hands out distinct ones: INC0000001, ... */
public final class IncidentNumbers {

    private static final String NEXT = "select nextval('incident_number') from generate_series(1, ?1)";

    /** In the caller's transaction; one round trip however many incidents there are. */
    public static Uni<Void> assign(List<IncidentEntity> incidents) {
        return next(incidents.size()).invoke(numbers -> {
            for (int i = 0; i < incidents.size(); i++) {
                incidents.get(i).number = numbers.get(i);
            }
        }).replaceWithVoid();
    }

    /** The next {@code count} numbers ({@code INC0000042}), in the caller's transaction, in one round trip. */
    public static Uni<List<String>> next(int count) {
        if (count == 0) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(NEXT, Long.class).setParameter(1, count).getResultList())
                .map(numbers -> numbers.stream().map(number -> String.format("INC%07d", number)).toList());
    }

    private IncidentNumbers() {
    }
}
