package io.siamhub.sla.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.Priority;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.SlaMetric;
import io.siamhub.sla.Invalid;
import io.siamhub.sla.calendar.BusinessCalendar;
import io.siamhub.sla.calendar.CalendarParser;
import io.siamhub.sla.definition.DefinitionParser;
import io.siamhub.sla.definition.SlaDefinition;

/** The demo set ./hub up seeds is valid and fits the demo catalog: every party is a catalog provider or the integrator. */
class DemoSeedTest {

    private static final Path DEMO = Path.of("../../deploy/demo");

    @Test
    void theDemoSetIsValidAndFitsTheDemoCatalog() throws Exception {
        SeedDocument document = DefinitionsSeed.read(Files.readString(DEMO.resolve("sla.yaml")));
        JsonNode catalog = new ObjectMapper(new YAMLFactory()).readTree(DEMO.resolve("catalog.yaml").toFile());
        Set<String> parties = new HashSet<>(Set.of(SlaDefinition.INTEGRATOR));
        catalog.path("providers").forEach(provider -> parties.add(provider.path("id").asText()));
        catalog.path("ownerships").forEach(ownership -> parties.add(ownership.path("owner").asText()));
        Set<String> services = new HashSet<>();
        catalog.path("services").forEach(service -> services.add(service.path("id").asText()));

        Invalid errors = Invalid.collect("");
        Map<String, BusinessCalendar> calendars = new HashMap<>();
        document.calendars().forEach((id, spec) -> calendars.put(id, CalendarParser.parse(spec, errors.nested("calendars." + id))));
        Map<String, SlaDefinition> definitions = new HashMap<>();
        document.definitions().forEach((id, spec) -> definitions.put(id,
                DefinitionParser.parse(id, spec, calendars::containsKey, parties::contains, services::contains, errors.nested("definitions." + id))));

        assertThat(errors.errors()).isEmpty();
        for (Priority priority : new Priority[] {Priority.P1, Priority.P2, Priority.P3, Priority.P4}) {
            for (SlaMetric metric : SlaMetric.values()) {
                assertThat(definitions.values()).as("%s %s for the integrator", priority, metric).anySatisfy(definition -> {
                    assertThat(definition.type()).isEqualTo(AgreementType.SLA);
                    assertThat(definition.metric()).isEqualTo(metric);
                    assertThat(definition.appliesTo().priorities()).contains(priority);
                    assertThat(calendars.get(definition.calendarId()).isAlwaysOpen()).isFalse();
                });
            }
        }
        assertThat(definitions.values()).as("a 24x7 P1 SLA").anySatisfy(definition -> {
            assertThat(definition.appliesTo().priorities()).contains(Priority.P1);
            assertThat(calendars.get(definition.calendarId()).isAlwaysOpen()).isTrue();
        });
        catalog.path("providers").forEach(provider -> assertThat(definitions.values()).as("a UC for " + provider.path("id").asText())
                .anySatisfy(definition -> {
                    assertThat(definition.type()).isEqualTo(AgreementType.UC);
                    assertThat(definition.party()).isEqualTo(provider.path("id").asText());
                    assertThat(calendars.get(definition.calendarId()).zone().getId()).isNotEqualTo("UTC");
                }));
    }

    @Test
    void aSeedFileWithAnUnknownKeyIsRefusedNamingIt() {
        assertThatThrownBy(() -> DefinitionsSeed.read("calendars:\n  x:\n    name: x\n    timezone: UTC\n"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("timezone");
    }
}
