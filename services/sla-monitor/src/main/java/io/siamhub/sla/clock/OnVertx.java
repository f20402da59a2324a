package io.siamhub.sla.clock;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs reactive database work from a timer (outside a request, on or off the event loop): on a new duplicated Vert.x
 * context marked safe, as Panache and Hibernate Reactive need.
 */
final class OnVertx {

    private OnVertx() {
    }

    static <T> void run(Vertx vertx, Supplier<Uni<T>> work, Consumer<T> done, Consumer<Throwable> failed) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            try {
                work.get().subscribe().with(done, failed);
            } catch (RuntimeException e) {
                failed.accept(e);
            }
        });
    }
}
