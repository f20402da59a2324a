package io.siamhub.adapters.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.adapters.outbound.core.Subscription;
import io.siamhub.adapters.outbound.webhook.EventMatcher;

/** Which subscription takes which event: ce_type patterns and filters. */
class EventMatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INCIDENT = """
            {"kind": "OPENED", "incident": {"id": "i-1", "priority": "P2", "service": "payments", "owner": "aws",
             "signals": {"count": 1, "fingerprints": ["alertmanager:abc", "aws:arn:aws:cloudwatch:..."]},
             "externalTickets": [{"system": "servicenow", "key": "INC0010042"}]}}""";

    @ParameterizedTest
    @CsvSource({"io.siamhub.incident.*, io.siamhub.incident.opened.v1, true", "io.siamhub.incident.*, io.siamhub.sla.breached.v1, false",
            "*.resolved.v1, io.siamhub.incident.resolved.v1, true", "*, io.siamhub.change.created.v1, true",
            "io.siamhub.incident.opened.v1, io.siamhub.incident.opened.v1, true", "io.siamhub.incident.opened.v1, io.siamhub.incident.opened.v10, false",
            "io.siamhub.sla.*, io.siamhubXsla.breached.v1, false"})
    void patterns(String pattern, String type, boolean expected) {
        assertThat(EventMatcher.typeMatches(pattern, type)).isEqualTo(expected);
    }

    @Test
    void filtersOnTheIncidentsFields() throws Exception {
        JsonNode event = JSON.readTree(INCIDENT);
        String type = "io.siamhub.incident.opened.v1";
        assertThat(EventMatcher.matches(with(List.of("P1", "P2"), List.of(), List.of(), List.of()), type, event)).isTrue();
        assertThat(EventMatcher.matches(with(List.of("P1"), List.of(), List.of(), List.of()), type, event)).isFalse();
        assertThat(EventMatcher.matches(with(List.of(), List.of("payments"), List.of("aws"), List.of()), type, event)).isTrue();
        assertThat(EventMatcher.matches(with(List.of(), List.of("checkout"), List.of(), List.of()), type, event)).isFalse();
        assertThat(EventMatcher.matches(with(List.of(), List.of(), List.of(), List.of("alertmanager")), type, event)).isTrue();
        assertThat(EventMatcher.matches(with(List.of(), List.of(), List.of(), List.of("servicenow")), type, event)).isTrue();
        assertThat(EventMatcher.matches(with(List.of(), List.of(), List.of(), List.of("gcp")), type, event)).isFalse();
    }

    @Test
    void anEventWithoutTheFilteredFieldDoesNotPass() throws Exception {
        JsonNode change = JSON.readTree("{\"change\": {\"id\": \"c-1\", \"services\": [\"payments\"]}}");
        Subscription byPriority = new Subscription(UUID.randomUUID(), "https://x.example", List.of("*"),
                new Subscription.Filters(List.of("P1"), List.of(), List.of(), List.of()), Subscription.Format.cloudevents, List.of(), true,
                null, Instant.EPOCH, Instant.EPOCH);
        assertThat(EventMatcher.matches(byPriority, "io.siamhub.change.created.v1", change)).isFalse();
        Subscription byService = new Subscription(UUID.randomUUID(), "https://x.example", List.of("*"),
                new Subscription.Filters(List.of(), List.of("payments"), List.of(), List.of()), Subscription.Format.cloudevents, List.of(),
                true, null, Instant.EPOCH, Instant.EPOCH);
        assertThat(EventMatcher.matches(byService, "io.siamhub.change.created.v1", change)).isTrue();
    }

    private static Subscription with(List<String> priorities, List<String> services, List<String> owners, List<String> providers) {
        return new Subscription(UUID.randomUUID(), "https://x.example", List.of("io.siamhub.incident.*"),
                new Subscription.Filters(priorities, services, owners, providers), Subscription.Format.cloudevents, List.of(), true, null,
                Instant.EPOCH, Instant.EPOCH);
    }
}
