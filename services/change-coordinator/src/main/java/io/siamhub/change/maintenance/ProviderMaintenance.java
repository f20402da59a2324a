package io.siamhub.change.maintenance;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.siamhub.change.ChangeConfig;
import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.change.lifecycle.ChangeWriter;
import io.siamhub.change.lifecycle.Step;
import io.siamhub.change.persistence.ChangeEntity;
import io.siamhub.change.persistence.ChangeNumbers;
import io.siamhub.model.Actor;
import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.signal.Signal;
import io.smallrye.mutiny.Uni;

/**
 * Provider maintenance notices → PROVIDER_MAINTENANCE changes, one per provider's stable ref (AWS
 * {@code eventArn}, Azure {@code trackingId}): later notices of the same ref update the same change (window moved,
 * status); a notice older than the one last applied is stale and changes nothing. Runs in the caller's
 * transaction (the consumed-event log's).
 */
@ApplicationScoped
public class ProviderMaintenance {

    private static final Logger LOG = Logger.getLogger(ProviderMaintenance.class);

    private final ChangeConfig config;
    private final CatalogCopy catalog;
    private final ChangeWriter writer;
    private final Clock clock;

    ProviderMaintenance(ChangeConfig config, CatalogCopy catalog, ChangeWriter writer, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.writer = writer;
        this.clock = clock;
    }

    public Uni<ChangeRequest> apply(Signal notice) {
        return ChangeNumbers.lockCalendar()
                .chain(() -> ChangeEntity.<ChangeEntity> find("origin = ?1 and provider = ?2 and providerRef = ?3",
                        ChangeOrigin.PROVIDER_MAINTENANCE.name(), notice.provider(), notice.providerRef())
                        .withLock(LockModeType.PESSIMISTIC_WRITE).<ChangeEntity> firstResult())
                .chain((ChangeEntity existing) -> {
                    Instant issued = notice.occurredAt() != null ? notice.occurredAt() : notice.receivedAt();
                    if (existing != null && existing.noticeAt != null && issued != null && issued.isBefore(existing.noticeAt)) {
                        LOG.infof("stale %s maintenance notice %s (issued %s, the change has one of %s): ignored", notice.provider(),
                                notice.providerRef(), issued, existing.noticeAt);
                        return Uni.createFrom().item(existing.toModel());
                    }
                    Uni<String> number = existing != null ? Uni.createFrom().item(existing.number) : ChangeNumbers.next();
                    return number.chain(assigned -> {
                        ChangeRequest before = existing == null ? null : existing.toModel();
                        ChangeRequest after = NoticeMapping.apply(before, notice, catalog.current(), config.maintenance().horizon(),
                                clock.instant(), UUID.randomUUID().toString(), assigned);
                        Step step = step(before, after, notice);
                        ChangeEntity row = existing != null ? existing : new ChangeEntity();
                        if (issued != null && !step.kinds().isEmpty()) {
                            row.noticeAt = issued;
                        }
                        return writer.applyInTransaction(row, before, step);
                    });
                });
    }

    private static Step step(ChangeRequest before, ChangeRequest after, Signal notice) {
        Actor provider = Actor.provider(notice.provider());
        String reason = notice.provider() + " notice " + (notice.providerStatus() != null ? notice.providerStatus() : notice.status());
        if (before == null) {
            List<ChangeEventKind> kinds = new ArrayList<>(List.of(ChangeEventKind.CREATED));
            ChangeEventKind status = statusKind(after.status());
            if (status != null && status != ChangeEventKind.SCHEDULED) {
                kinds.add(status);
            }
            return new Step(after, kinds, provider, "created from provider notice", reason);
        }
        List<ChangeEventKind> kinds = new ArrayList<>();
        String what = "updated by provider notice";
        if (before.status() != after.status()) {
            ChangeEventKind status = statusKind(after.status());
            kinds.add(status == null ? ChangeEventKind.UPDATED : status);
            what = "status " + after.status() + " by provider notice";
        }
        if (!after.window().equals(before.window()) && kinds.isEmpty()) {
            // a status change that also moves the window is named for its status (the diff shows the window)
            kinds.add(ChangeEventKind.UPDATED);
            what = "rescheduled by provider notice";
        }
        if (kinds.isEmpty() && !after.equals(before)) {
            kinds.add(ChangeEventKind.UPDATED);
        }
        return new Step(after, kinds, provider, what, reason);
    }

    private static ChangeEventKind statusKind(ChangeStatus status) {
        return switch (status) {
            case SCHEDULED -> ChangeEventKind.SCHEDULED;
            case IN_PROGRESS -> ChangeEventKind.STARTED;
            case COMPLETED -> ChangeEventKind.COMPLETED;
            case CANCELLED -> ChangeEventKind.CANCELLED;
            default -> null;
        };
    }
}
