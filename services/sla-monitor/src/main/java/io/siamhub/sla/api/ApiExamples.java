package io.siamhub.sla.api;

/**
 * The examples of the SLA monitor's OpenAPI document: what a client sends and gets, taken from the demo SLA set
 * ({@code deploy/demo/sla.yaml}) so that each one works against {@code ./hub up} as written.
 */
final class ApiExamples {

    /** A demo calendar id (Berlin, Mon–Fri 08:00–18:00, with holidays). */
    static final String DEMO_CALENDAR = "integrator-business";
    /** A demo definition id. */
    static final String DEMO_DEFINITION = "p1-response";
    /** The id the write examples create (and the delete examples remove): not part of the demo set. */
    static final String NEW_CALENDAR = "berlin-business";
    static final String NEW_DEFINITION = "p1-resolution-berlin";
    static final String CLOCK_ID = "2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182";

    static final String CALENDAR = "{\"name\": \"Berlin business hours\", \"timeZone\": \"Europe/Berlin\", "
            + "\"hours\": {\"MONDAY\": [{\"start\": \"09:00\", \"end\": \"12:00\"}, {\"start\": \"13:00\", \"end\": \"17:00\"}], "
            + "\"TUESDAY\": [{\"start\": \"09:00\", \"end\": \"17:00\"}]}, "
            + "\"holidays\": [{\"date\": \"2026-12-25\"}, {\"from\": \"2026-12-24\", \"to\": \"2026-12-31\", \"name\": \"year end\"}]}";

    static final String ALWAYS_OPEN = "{\"name\": \"24x7\", \"timeZone\": \"UTC\", \"alwaysOpen\": true}";

    static final String CALENDAR_VIEW = "{\"id\": \"berlin-business\", \"name\": \"Berlin business hours\", \"timeZone\": \"Europe/Berlin\", "
            + "\"hours\": {\"MONDAY\": [{\"start\": \"09:00\", \"end\": \"12:00\"}, {\"start\": \"13:00\", \"end\": \"17:00\"}], "
            + "\"TUESDAY\": [{\"start\": \"09:00\", \"end\": \"17:00\"}]}, "
            + "\"holidays\": [{\"date\": \"2026-12-25\"}, {\"from\": \"2026-12-24\", \"to\": \"2026-12-31\", \"name\": \"year end\"}], "
            + "\"recomputed\": 0}";

    static final String DEFINITION = "{\"name\": \"P1 resolution (Berlin)\", \"type\": \"SLA\", \"party\": \"integrator\", "
            + "\"metric\": \"RESOLUTION\", \"appliesTo\": {\"priorities\": [\"P1\"], \"services\": [], \"configurationItems\": [], "
            + "\"owners\": [], \"maintenance\": false}, \"target\": \"PT4H\", \"calendar\": \"integrator-business\", "
            + "\"stages\": [50, 75, 90], \"pauseWhile\": [\"ON_HOLD\"], \"excludeMaintenance\": true, \"retroactiveStart\": true}";

    static final String UC_DEFINITION = "{\"name\": \"AWS UC resolution\", \"type\": \"UC\", \"party\": \"aws\", "
            + "\"metric\": \"RESOLUTION\", \"appliesTo\": {\"priorities\": [\"P1\", \"P2\"]}, \"target\": \"PT8H\", "
            + "\"calendar\": \"aws-support\", \"stages\": [75], \"pauseWhile\": [\"ON_HOLD\"]}";

    static final String DUE = "{\"start\": \"2026-11-27T16:30:00Z\", \"duration\": \"PT2H\", \"dueAt\": \"2026-11-30T08:30:00Z\"}";

    static final String ELAPSED = "{\"from\": \"2026-11-27T00:00:00Z\", \"to\": \"2026-12-01T00:00:00Z\", \"elapsed\": \"PT20H\"}";

    static final String RECOMPUTED = "{\"incidents\": 3, \"events\": 4}";

    static final String CSV = "group,met,breached,compliance_percent,incidents,acknowledged,mtta_wall,mtta_business,resolved,"
            + "mttr_wall,mttr_business,hops,hops_per_incident,availability_percent,agreed_time,downtime\r\n"
            + "aws,3,1,75.0,4,4,PT12M,PT12M,3,PT3H10M,PT2H40M,2,0.5,,,\r\n";

    private ApiExamples() {
    }
}
