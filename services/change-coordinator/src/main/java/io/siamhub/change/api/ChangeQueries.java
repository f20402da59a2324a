package io.siamhub.change.api;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.change.lifecycle.ChangeIds;
import io.siamhub.change.persistence.ChangeEntity;
import io.siamhub.kit.api.PageCursor;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ChangeType;
import io.smallrye.mutiny.Uni;

/** Reads changes for the API: filtered pages with a cursor (newest first), one change, changes in a period. */
@ApplicationScoped
public class ChangeQueries {

    private final CatalogCopy catalog;

    ChangeQueries(CatalogCopy catalog) {
        this.catalog = catalog;
    }

    /**
     * What a list may be filtered by; null or empty fields do not filter. {@code service} selects changes that name the
     * service or a configuration item of it (per the catalog copy now); {@code from}/{@code to} select changes whose
     * planned window overlaps {@code [from, to)}.
     */
    public record Filter(List<ChangeStatus> status, List<ChangeOrigin> origin, List<ChangeType> type, String service, String configurationItem,
            String provider, String providerRef, Instant from, Instant to) {
    }

    /**
     * One page, newest first: {@code total} counts every change the filter selects; {@code nextCursor} (passed back as
     * {@code cursor}) fetches the next page and is null on the last. The same shape as the incident API's list.
     */
    public record Page(List<ChangeRequest> items, long total, String nextCursor) {
    }

    public Uni<Page> list(Filter filter, String cursor, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        in(where, parameters, "status", filter.status());
        in(where, parameters, "origin", filter.origin());
        in(where, parameters, "type", filter.type());
        if (filter.service() != null) {
            where.append(" and (services like :service");
            parameters.and("service", "%," + escape(filter.service()) + ",%");
            List<String> items = catalog.current().items().stream().filter(item -> filter.service().equals(item.service()))
                    .map(ConfigurationItem::id).sorted().toList();
            for (int i = 0; i < items.size(); i++) {
                where.append(" or configurationItems like :serviceItem").append(i);
                parameters.and("serviceItem" + i, "%," + escape(items.get(i)) + ",%");
            }
            where.append(")");
        }
        if (filter.configurationItem() != null) {
            where.append(" and configurationItems like :ci");
            parameters.and("ci", "%," + escape(filter.configurationItem()) + ",%");
        }
        if (filter.provider() != null) {
            where.append(" and (provider = :provider or implementer = :provider)");
            parameters.and("provider", filter.provider());
        }
        if (filter.providerRef() != null) {
            where.append(" and providerRef = :providerRef");
            parameters.and("providerRef", filter.providerRef());
        }
        if (filter.from() != null) {
            where.append(" and windowEnd > :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and windowStart < :to");
            parameters.and("to", filter.to());
        }
        String counted = where.toString();
        Parameters countParameters = new Parameters();
        parameters.map().forEach(countParameters::and);
        if (cursor != null && !cursor.isBlank()) {
            PageCursor after = PageCursor.decode(cursor);
            where.append(" and (createdAt < :cursorAt or (createdAt = :cursorAt and id < :cursorId))");
            parameters.and("cursorAt", after.at()).and("cursorId", after.id());
        }
        String paged = where.toString();
        return Panache.withSession(() -> ChangeEntity.count(counted, countParameters)
                .chain(total -> ChangeEntity.<ChangeEntity> find(paged, Sort.descending("createdAt", "id"), parameters).page(0, limit + 1)
                        .list().map(found -> {
                            List<ChangeEntity> page = found.size() > limit ? found.subList(0, limit) : found;
                            String next = found.size() > limit ? new PageCursor(page.get(page.size() - 1).createdAt, page.get(page.size() - 1).id)
                                    .encode() : null;
                            return new Page(page.stream().map(ChangeEntity::toModel).toList(), total, next);
                        })));
    }

    public Uni<ChangeRequest> get(String id) {
        ChangeIds.Key key = ChangeIds.parse(id);
        return Panache.withSession(() -> key.find(null)).map(row -> {
            if (row == null) {
                throw ProblemException.notFound("no change " + id);
            }
            return row.toModel();
        });
    }

    /** Every change whose planned window overlaps {@code [from, to)}, by window start. */
    public Uni<List<ChangeRequest>> inPeriod(Instant from, Instant to) {
        return Panache.withSession(() -> ChangeEntity.<ChangeEntity> list("windowStart < ?1 and windowEnd > ?2",
                Sort.ascending("windowStart", "number"), to, from)).map(rows -> rows.stream().map(ChangeEntity::toModel).toList());
    }

    private static void in(StringBuilder where, Parameters parameters, String field, List<? extends Enum<?>> values) {
        if (values != null && !values.isEmpty()) {
            where.append(" and ").append(field).append(" in :").append(field);
            parameters.and(field, values.stream().map(Enum::name).toList());
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
