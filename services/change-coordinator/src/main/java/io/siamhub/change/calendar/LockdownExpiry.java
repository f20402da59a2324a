package io.siamhub.change.calendar;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Releases the changes a lockdown held once its end has passed ({@code siam.change.lockdown-check-interval}). */
@ApplicationScoped
public class LockdownExpiry {

    private static final Logger LOG = Logger.getLogger(LockdownExpiry.class);

    private final WindowCommands windows;

    LockdownExpiry(WindowCommands windows) {
        this.windows = windows;
    }

    @Scheduled(every = "${siam.change.lockdown-check-interval}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> check() {
        return windows.releaseEnded().onFailure().invoke(failure -> LOG.warnf("releasing ended lockdowns failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }
}
