package io.siamhub.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.sla.SlaEventKind;

class EventTypesTest {

    @Test
    void everyConstantFollowsTheNamingScheme() {
        assertThat(constants(EventTypes.class))
                .allSatisfy(type -> assertThat(type).matches("io\\.siamhub\\.[a-z-]+\\.[a-z-]+\\.v1"));
    }

    @Test
    void everyKindHasItsDeclaredConstant() {
        Set<String> declared = Set.copyOf(constants(EventTypes.class));
        Stream<String> derived = Stream.of(
                Arrays.stream(SignalKind.values()).map(EventTypes::signal),
                Arrays.stream(IncidentEventKind.values()).map(EventTypes::incident),
                Arrays.stream(ChangeEventKind.values()).map(EventTypes::change),
                Arrays.stream(SlaEventKind.values()).map(EventTypes::sla)).flatMap(s -> s);

        assertThat(derived).allSatisfy(type -> assertThat(declared).contains(type));
        assertThat(EventTypes.sla(SlaEventKind.AT_RISK)).isEqualTo("io.siamhub.sla.at-risk.v1");
    }

    @Test
    void topicsListEveryDesignTopicOnceAndOnlyCatalogIsCompacted() {
        assertThat(Topics.ALL).extracting(Topics.Spec::name)
                .containsExactlyInAnyOrderElementsOf(constants(Topics.class))
                .doesNotHaveDuplicates();
        assertThat(Topics.ALL).filteredOn(Topics.Spec::compacted).extracting(Topics.Spec::name)
                .containsExactly(Topics.CATALOG);
        assertThat(Topics.deadLetter(Topics.SIGNALS, "incident-broker"))
                .isEqualTo("siam.signals.v1.incident-broker.dlq");
    }

    private static List<String> constants(Class<?> holder) {
        return Arrays.stream(holder.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .filter(field -> !field.getName().equals("PREFIX"))
                .map(EventTypesTest::value)
                .collect(Collectors.toList());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
