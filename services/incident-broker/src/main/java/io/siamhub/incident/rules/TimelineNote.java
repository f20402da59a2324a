package io.siamhub.incident.rules;

import io.siamhub.model.Actor;
import io.siamhub.model.incident.IncidentEventKind;

/**
 * What a timeline line says: who (a person, a provider, or a rule by name), what happened, why, and
 * the event kind it implies. {@link TimelineWording} writes every one the rules use.
 */
public record TimelineNote(Actor actor, String what, String why, IncidentEventKind kind) {

    public static TimelineNote updated(Actor actor, String what, String why) {
        return new TimelineNote(actor, what, why, IncidentEventKind.UPDATED);
    }
}
