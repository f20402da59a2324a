package io.siamhub.change.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.siamhub.model.SiamJson;
import io.siamhub.model.change.ChangeRequest;

/**
 * A change as stored: the whole {@link ChangeRequest} as JSON in {@code document}, plus the columns that
 * queries filter and sort on (kept in step by {@link #set}).
 */
@Entity
@Table(name = "change_request")
public class ChangeEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    public String number;
    public String status;
    public String origin;
    public String type;
    public String provider;
    @Column(name = "provider_ref")
    public String providerRef;
    public String implementer;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "window_end")
    public Instant windowEnd;
    /** {@code ,a,b,}: a filter on one id is {@code like '%,<id>,%'}. */
    public String services;
    @Column(name = "configuration_items")
    public String configurationItems;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Provider maintenance: when the latest applied notice was issued (older ones are stale). */
    @Column(name = "notice_at")
    public Instant noticeAt;
    public long version;
    public String document;

    private transient ChangeRequest model;

    /** The stored change. */
    public ChangeRequest toModel() {
        if (model == null) {
            try {
                model = SiamJson.mapper().readValue(document, ChangeRequest.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("change " + id + " has an unreadable document", e);
            }
        }
        return model;
    }

    /** Stores {@code change} whole and refreshes the filter columns. */
    public ChangeEntity set(ChangeRequest change) {
        id = UUID.fromString(change.id());
        number = change.number();
        status = change.status().name();
        origin = change.origin().name();
        type = change.type().name();
        provider = change.provider();
        providerRef = change.providerRef();
        implementer = change.implementer();
        requestedBy = change.requestedBy();
        windowStart = change.window() == null ? null : change.window().start();
        windowEnd = change.window() == null ? null : change.window().end();
        services = joined(change.services());
        configurationItems = joined(change.configurationItems());
        createdAt = change.createdAt();
        updatedAt = change.updatedAt();
        version = change.version();
        try {
            document = SiamJson.mapper().writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        model = change;
        return this;
    }

    private static String joined(List<String> ids) {
        return ids.isEmpty() ? "" : "," + String.join(",", ids) + ",";
    }
}
