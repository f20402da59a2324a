package io.siamhub.change.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.siamhub.model.FieldChange;
import io.siamhub.model.change.ChangeRequest;

/** The fields people care about that differ between two versions of a change (for events and the timeline). */
public final class ChangeDiff {

    private static final List<Field> FIELDS = List.of(
            new Field("status", ChangeRequest::status),
            new Field("title", ChangeRequest::title),
            new Field("type", ChangeRequest::type),
            new Field("window", change -> change.window() == null ? null : change.window().start() + "/" + change.window().end()),
            new Field("actual", change -> change.actual() == null ? null : change.actual().start() + "/" + change.actual().end()),
            new Field("risk", ChangeRequest::risk),
            new Field("services", change -> change.services().isEmpty() ? null : String.join(",", change.services())),
            new Field("configurationItems", change -> change.configurationItems().isEmpty() ? null
                    : String.join(",", change.configurationItems())),
            new Field("implementer", ChangeRequest::implementer),
            new Field("backoutPlan", ChangeRequest::backoutPlan),
            new Field("description", ChangeRequest::description),
            new Field("escalated", change -> change.escalated() ? "true" : null),
            new Field("conflicts", change -> change.conflicts().isEmpty() ? null
                    : change.conflicts().stream().map(conflict -> conflict.kind() + ":" + conflict.withName()).toList().toString()));

    private record Field(String name, Function<ChangeRequest, Object> value) {
    }

    private ChangeDiff() {
    }

    public static List<FieldChange> of(ChangeRequest before, ChangeRequest after) {
        List<FieldChange> changes = new ArrayList<>();
        for (Field field : FIELDS) {
            Object from = before == null ? null : field.value().apply(before);
            Object to = field.value().apply(after);
            if (!Objects.equals(from, to)) {
                changes.add(new FieldChange(field.name(), from == null ? null : from.toString(), to == null ? null : to.toString()));
            }
        }
        return changes;
    }
}
