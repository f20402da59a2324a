package io.siamhub.change.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.siamhub.change.calendar.CalendarWindow;
import io.siamhub.model.SiamJson;

/** A freeze window, lockdown or maintenance window as stored: the definition as JSON. */
@Entity
@Table(name = "calendar_window")
public class CalendarWindowEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    public String kind;
    public String name;
    @Column(name = "created_at")
    public Instant createdAt;
    public long version;
    public String document;

    public CalendarWindow toModel() {
        try {
            return SiamJson.mapper().readValue(document, CalendarWindow.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("calendar window " + id + " has an unreadable document", e);
        }
    }

    public CalendarWindowEntity set(CalendarWindow window) {
        id = UUID.fromString(window.id());
        kind = window.kind().name();
        name = window.name();
        createdAt = window.createdAt();
        version = window.version();
        try {
            document = SiamJson.mapper().writeValueAsString(window);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }
}
