package io.siamhub.incident;

import static io.siamhub.incident.Api.agent;
import static io.siamhub.incident.Api.read;
import static io.siamhub.incident.Api.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.siamhub.incident.api.IncidentQueries;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.incident.ExternalTicket;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalStatus;

/**
 * {@code siam.incident.tickets.ownership.assignment=PROVIDER} on the real broker: a linked ticket's assignment to a
 * group the catalog knows (the {@code siamOwner} label provider-adapters sets from its assignment maps) moves the
 * incident's owner, with a timeline line; an assignment to a group the catalog does not know is a conflict line and
 * changes nothing.
 */
@QuarkusTest
@TestProfile(AssignmentOwnershipTest.ProviderOwnsAssignment.class)
@QuarkusTestResource(LocalStackResource.class)
class AssignmentOwnershipTest {

    public static class ProviderOwnsAssignment implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("siam.incident.tickets.ownership.assignment", "PROVIDER");
        }
    }

    @Test
    void aTicketAssignedToAKnownGroupMovesTheOwnerAndAnUnknownOneIsAConflictLine() {
        IncidentApiTest.ownersInTheCatalog(); // team-b is a resolver group the catalog names
        Incident incident = IncidentApiTest.open("assigned in the tool");
        String sysId = Long.toHexString(System.nanoTime());
        String key = "INC" + System.nanoTime() % 10_000_000;
        Feed.send(snow(sysId, key, "1", null, null));
        Awaitility.await().atMost(Api.WAIT).until(() -> read(viewer().queryParam("limit", 1000).get("/api/incidents/tickets"),
                ExternalTicket[].class), tickets -> java.util.Arrays.stream(tickets).anyMatch(ticket -> ticket.key().equals(key)));
        agent("ana").body("{\"ticket\":{\"system\":\"servicenow\",\"key\":\"" + key + "\"}}").post("/api/incidents/" + incident.id() + "/links")
                .then().statusCode(200);

        Feed.send(snow(sysId, key, "2", "Payments Operations", "team-b"));
        Incident moved = Awaitility.await().atMost(Api.WAIT).until(() -> Api.detail(incident.id()).incident(),
                found -> "team-b".equals(found.owner()));
        IncidentQueries.TimelineView line = Api.detail(incident.id()).timeline().stream()
                .filter(entry -> entry.what().equals("owner from ticket servicenow:" + key)).findFirst().orElseThrow();
        assertThat(line.reason()).contains("assigned to Payments Operations (owner team-b)").contains("owner was " + incident.owner());
        assertThat(moved.version()).isGreaterThan(incident.version());

        Feed.send(snow(sysId, key, "2", "Facilities", null));
        IncidentQueries.TimelineView conflict = Awaitility.await().atMost(Api.WAIT).until(() -> Api.detail(incident.id()).timeline().stream()
                .filter(entry -> entry.what().equals("conflict on assignment with ticket servicenow:" + key)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(conflict.reason()).contains("Facilities is no owner the catalog knows").contains("the incident stays with team-b");
        assertThat(Api.detail(incident.id()).incident().owner()).isEqualTo("team-b");
    }

    /** A ServiceNow record's signal as the adapters send it: sys_id as providerRef, the number and assignment as labels. */
    private static Signal snow(String sysId, String key, String state, String group, String owner) {
        Map<String, String> labels = new HashMap<>(Map.of("ticketKey", key));
        if (group != null) {
            labels.put("assignment", group);
        }
        if (owner != null) {
            labels.put("siamOwner", owner);
        }
        return Feed.ticket("servicenow", sysId, state.equals("1") ? SignalStatus.OPEN : SignalStatus.IN_PROGRESS, state).toBuilder()
                .labels(labels).build();
    }
}
