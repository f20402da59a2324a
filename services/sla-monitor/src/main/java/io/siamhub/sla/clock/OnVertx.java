package io.siamhub.sla.clock;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** Runs reactive database work from a timer (outside a request): on a safe duplicated Vert.x context, as Panache needs. */
final class OnVertx {

    private OnVertx() {
    }

    static <T> void run(Supplier<Uni<T>> work, Consumer<T> done, Consumer<Throwable> failed) {
        VertxContextSupport.subscribe(() -> work.get().map(Optional::ofNullable).toMulti(),
                subscribe -> subscribe.with(item -> done.accept(item.orElse(null)), failed));
    }
}
