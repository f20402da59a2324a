package io.siamhub.change.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.siamhub.change.catalog.CatalogView;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.Service;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ChangeType;
import io.siamhub.model.signal.Signal;

/**
 * Turns a provider's maintenance notice (a MAINTENANCE {@link Signal}) into the fields of its
 * PROVIDER_MAINTENANCE change, pure. The status follows the notice: SCHEDULED (AWS {@code upcoming}, Azure
 * {@code Planned}) → SCHEDULED, STARTED ({@code open}, {@code Active}) → IN_PROGRESS, COMPLETED ({@code closed},
 * {@code Resolved}, {@code Complete}) → COMPLETED, CANCELLED → CANCELLED. CIs are every catalog CI with a rule
 * that matches the notice (resource id, account / subscription / project, region); services are theirs plus the
 * one the provider names, when the catalog knows it. A notice without an end gets {@code horizon} and
 * {@code endKnown: false}.
 */
public final class NoticeMapping {

    private NoticeMapping() {
    }

    /** The change's status for a notice. */
    public static ChangeStatus status(Signal notice) {
        if (notice.status() == null) {
            return ChangeStatus.SCHEDULED;
        }
        return switch (notice.status()) {
            case STARTED -> ChangeStatus.IN_PROGRESS;
            case COMPLETED, RESOLVED -> ChangeStatus.COMPLETED;
            case CANCELLED -> ChangeStatus.CANCELLED;
            default -> ChangeStatus.SCHEDULED;
        };
    }

    /** The planned window: the notice's, with {@code horizon} as the end when it has none. */
    public static TimeWindow window(Signal notice, Duration horizon) {
        Instant start = notice.window() != null && notice.window().start() != null ? notice.window().start()
                : notice.occurredAt() != null ? notice.occurredAt() : notice.receivedAt();
        Instant end = notice.window() != null ? notice.window().end() : notice.endsAt();
        if (end == null || !end.isAfter(start)) {
            end = start.plus(horizon);
        }
        return new TimeWindow(start, end);
    }

    /** Whether the provider said when it ends. */
    public static boolean endKnown(Signal notice) {
        Instant end = notice.window() != null ? notice.window().end() : notice.endsAt();
        Instant start = notice.window() != null ? notice.window().start() : null;
        return end != null && (start == null || end.isAfter(start));
    }

    /**
     * The change for a notice: {@code existing} updated (or a new one when null, with {@code id} and {@code number}),
     * with the actual window following the status: it started at the planned start (or when the notice was issued, if
     * that was earlier) and ended at the planned end (or when the closing notice was issued, if earlier); {@code now}
     * stands in for a notice without its own time.
     */
    public static ChangeRequest apply(ChangeRequest existing, Signal notice, CatalogView catalog, Duration horizon, Instant now,
            String id, String number) {
        List<String> items = catalog.matching(notice).stream().map(ConfigurationItem::id).toList();
        Set<String> services = new TreeSet<>(catalog.servicesOf(List.of(), items));
        Service named = catalog.serviceNamed(notice.service());
        if (named != null) {
            services.add(named.id());
        }
        TimeWindow window = window(notice, horizon);
        ChangeStatus status = status(notice);
        ChangeRequest.Builder builder = existing != null ? existing.toBuilder()
                : ChangeRequest.builder().id(id).number(number).origin(ChangeOrigin.PROVIDER_MAINTENANCE).type(ChangeType.NORMAL)
                        .requestedBy(notice.provider());
        TimeWindow actual = existing == null ? null : existing.actual();
        // when the provider said so: the notice's own time (a late delivery does not move the facts), else now
        Instant said = notice.occurredAt() != null ? notice.occurredAt() : now;
        if (status == ChangeStatus.IN_PROGRESS && (actual == null || actual.start() == null)) {
            actual = new TimeWindow(window.start().isAfter(said) ? said : window.start(), null);
        } else if (status == ChangeStatus.COMPLETED && (actual == null || actual.end() == null)) {
            Instant started = actual != null && actual.start() != null ? actual.start() : window.start();
            Instant ended = endKnown(notice) && !window.end().isAfter(said) ? window.end() : said;
            actual = new TimeWindow(started.isAfter(ended) ? ended : started, ended);
        }
        boolean moved = existing != null && !window.equals(existing.window());
        return builder
                .title(notice.title() == null ? notice.provider() + " maintenance " + notice.providerRef() : notice.title())
                .description(notice.description())
                .provider(notice.provider())
                .providerRef(notice.providerRef())
                .status(status)
                .window(window)
                .endKnown(endKnown(notice))
                .actual(actual)
                .configurationItems(items)
                .services(List.copyOf(services))
                .implementer(notice.provider())
                .account(notice.resource() == null ? null : notice.resource().account())
                .region(notice.resource() == null ? null : notice.resource().region())
                .link(notice.link())
                .sequence(existing == null ? 0 : existing.sequence() + (moved || status == ChangeStatus.CANCELLED
                        && existing.status() != ChangeStatus.CANCELLED ? 1 : 0))
                .build();
    }
}
