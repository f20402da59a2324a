package io.siamhub.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A ServiceNow instance's incident table on loopback, for tests, the e2e loop and local demos: the
 * Table API as documented (https://developer.servicenow.com/dev.do#!/reference/api/latest/rest/c_TableAPI)
 * for {@code /api/now/table/incident}: {@code GET ?sysparm_query=<field>=<value>[^...]&sysparm_limit&sysparm_fields}
 * answers {@code {"result": [...]}}, {@code POST} 201 and {@code PATCH /{sys_id}} 200 answer
 * {@code {"result": {...}}}; errors are {@code {"error": {"message", "detail"}, "status": "failure"}}
 * (401 without the API user's basic credentials, 404 for an unknown sys_id, 400 for a body that is not
 * JSON); {@link #rateLimited} is the 429 of a rate limit rule ({@code Retry-After}, {@code X-RateLimit-*}).
 * Records carry {@code sys_id} (32 hex), {@code number} ({@code INC0010001}..), {@code sys_updated_by}
 * (the API user, or the person of {@link #update}), {@code sys_updated_on} (UTC, {@code yyyy-MM-dd HH:mm:ss})
 * and {@code sys_mod_count}; {@code work_notes} and {@code comments} are journal entries ({@link #journal}), not
 * fields: a read gives them as {@code ""}. Like the business rule "after insert/update" of siam-hub's SETUP.md, each
 * change of a record is POSTed to the webhook as {@code {"result": <record>}} (with the journal fields entered by that
 * change, as {@code current.comments.changes()} tells the rule), signed as siam-hub's ServiceNow endpoint expects
 * ({@code X-Siam-Signature}).
 */
public final class ServiceNowDouble extends ApiDouble {

    private static final String TABLE = "/api/now/table/incident";
    private static final DateTimeFormatter GLIDE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final String user;
    private final Map<String, ObjectNode> records = new LinkedHashMap<>();
    private final Map<String, List<Journal>> journal = new LinkedHashMap<>();
    private final AtomicInteger numbers = new AtomicInteger(10000);

    private ServiceNowDouble(int port, String user, String password) throws IOException {
        super(port, user, password);
        this.user = user;
    }

    /** A double on a free loopback port whose API user is {@code user} / {@code password}. */
    public static ServiceNowDouble start(String user, String password) throws IOException {
        return new ServiceNowDouble(0, user, password);
    }

    /** A double on that port. */
    public static ServiceNowDouble start(int port, String user, String password) throws IOException {
        return new ServiceNowDouble(port, user, password);
    }

    /**
     * {@code ./hub servicenow [--port 18090]}: a stand-in instance for a local stack, its business rule posting to
     * the stack's {@code /webhooks/servicenow} (port {@code SIAM_ADAPTERS_PORT}, default 8081) signed with the
     * stack's dev HMAC secret; API user {@code siam}, password {@code SIAM_ADAPTERS_OUTBOUND_SERVICENOW_PASSWORD}
     * (default {@code siam-dev}). Prints each call; Ctrl-C stops it.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 18090;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else {
                System.err.println("unknown argument " + args[i] + "; usage: ./hub servicenow [--port 18090]");
                System.exit(2);
            }
        }
        String password = System.getenv().getOrDefault("SIAM_ADAPTERS_OUTBOUND_SERVICENOW_PASSWORD", "siam-dev");
        DevWebhookSecrets secrets = DevWebhookSecrets.load(java.nio.file.Path.of(System.getProperty("siam.secrets.dir", "target/hub/secrets")),
                System.getenv());
        ServiceNowDouble instance = start(port, "siam", password);
        String adapters = System.getenv().getOrDefault("SIAM_ADAPTERS_PORT", "8081");
        instance.webhook("http://127.0.0.1:" + adapters + "/webhooks/servicenow", secrets.hmacSecret());
        System.out.printf("ServiceNow stand-in on %s (user siam, password from SIAM_ADAPTERS_OUTBOUND_SERVICENOW_PASSWORD or siam-dev);"
                + " webhooks to 127.0.0.1:%s. Start the stack with%n  SIAM_ADAPTERS_OUTBOUND_SERVICENOW_URL=%s"
                + " SIAM_ADAPTERS_OUTBOUND_SERVICENOW_USERNAME=siam SIAM_ADAPTERS_OUTBOUND_SERVICENOW_PASSWORD=%s ./hub up%n",
                instance.url(), adapters, instance.url(), password);
        System.out.println("Act as a person in the instance (user alice; the business rule sends the webhook): type a record's number and"
                + " fields, e.g.  INC0010001 state=6 close_code=Solved");
        Thread person = new Thread(() -> actAsAPerson(instance, new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))), "servicenow-person");
        person.setDaemon(true);
        person.start();
        int seen = 0;
        while (true) {
            List<Call> calls = instance.calls();
            for (; seen < calls.size(); seen++) {
                Call call = calls.get(seen);
                System.out.println(call.method() + " " + call.path() + (call.query().isEmpty() ? "" : " " + call.query()));
            }
            Thread.sleep(500);
        }
    }

    /** Applies lines {@code <number> <field>=<value> ...} from {@code input} as changes by the person {@code alice}. */
    static void actAsAPerson(ServiceNowDouble instance, java.io.BufferedReader input) {
        try {
            for (String line = input.readLine(); line != null; line = input.readLine()) {
                String[] words = line.strip().split("\\s+");
                if (words.length < 2) {
                    continue;
                }
                java.util.Optional<JsonNode> record = instance.records().stream()
                        .filter(candidate -> words[0].equals(candidate.path("number").asText())).findFirst();
                Map<String, String> fields = new java.util.LinkedHashMap<>();
                for (int i = 1; i < words.length; i++) {
                    int equals = words[i].indexOf('=');
                    if (equals > 0) {
                        fields.put(words[i].substring(0, equals), words[i].substring(equals + 1));
                    }
                }
                if (record.isEmpty() || fields.isEmpty()) {
                    System.out.println(record.isEmpty() ? "no record " + words[0] : "no field=value after " + words[0]);
                    continue;
                }
                instance.update(record.get().path("sys_id").asText(), fields, "alice");
                System.out.println(words[0] + " changed by alice: " + fields + " (webhook sent)");
            }
        } catch (IOException e) {
            System.out.println("stdin closed: " + e.getMessage());
        }
    }

    /** A 429 as an instance's rate limit rule gives it. */
    public static Forced rateLimited(int retryAfterSeconds) {
        return new Forced(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds), "X-RateLimit-Limit", "60",
                "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + retryAfterSeconds)),
                error("Rate limit exceeded", "Rate limit of 60 requests per minute for the user exceeded"), false);
    }

    /** ServiceNow's error body. */
    public static String error(String message, String detail) {
        return "{\"error\":{\"message\":\"" + message.replace("\"", "'") + "\",\"detail\":\"" + detail.replace("\"", "'")
                + "\"},\"status\":\"failure\"}";
    }

    /** The records, in creation order (copies). */
    public synchronized List<JsonNode> records() {
        return records.values().stream().map(record -> (JsonNode) record.deepCopy()).toList();
    }

    /** The record, or null. */
    public synchronized JsonNode record(String sysId) {
        ObjectNode record = records.get(sysId);
        return record == null ? null : record.deepCopy();
    }

    /** One journal entry: {@code work_notes} or {@code comments}, its text, the user who wrote it. */
    public record Journal(String field, String text, String by) {
    }

    /** The journal entries of a record, oldest first. */
    public synchronized List<Journal> journal(String sysId) {
        return List.copyOf(journal.getOrDefault(sysId, List.of()));
    }

    /** The work notes written on a record, oldest first. */
    public List<String> workNotes(String sysId) {
        return journal(sysId).stream().filter(entry -> entry.field().equals("work_notes")).map(Journal::text).toList();
    }

    /** The additional comments written on a record, oldest first. */
    public List<String> comments(String sysId) {
        return journal(sysId).stream().filter(entry -> entry.field().equals("comments")).map(Journal::text).toList();
    }

    /** A person ({@code by}) changes a record in the instance; the business rule sends the webhook. */
    public JsonNode update(String sysId, Map<String, String> fields, String by) {
        ObjectNode record;
        synchronized (this) {
            record = records.get(sysId);
            if (record == null) {
                throw new IllegalArgumentException("no record " + sysId);
            }
            ObjectNode values = mapper.createObjectNode();
            fields.forEach(values::put);
            Map<String, String> entered = apply(record, values, sysId, by);
            touch(record, by);
            record = withJournal(record, entered);
        }
        notify(record);
        return record;
    }

    @Override
    protected Answer unauthenticated() {
        return new Answer(401, Map.of("WWW-Authenticate", "BASIC realm=\"Service-now\""),
                error("User Not Authenticated", "Required to provide Auth information"), null);
    }

    /**
     * {@code /oauth_token.do} refusing a client: 401 {@code {"error_description": "access_denied", "error": "server_error"}},
     * as an instance answers a wrong client id or secret.
     */
    @Override
    protected Answer tokenRefused() {
        try {
            return json(401, Map.of("error_description", "access_denied", "error", "server_error"), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected byte[] webhookBody(ObjectNode changed) throws JsonProcessingException {
        return mapper.writeValueAsBytes(mapper.createObjectNode().set("result", changed));
    }

    /** siam-hub's webhook signature: {@code t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>." + body)>}. */
    @Override
    protected Map<String, String> webhookHeaders(byte[] body, String secret) {
        long t = Instant.now().getEpochSecond();
        return Map.of("X-Siam-Signature", "t=" + t + ",v1=" + hmacHex(secret, (t + ".").getBytes(StandardCharsets.US_ASCII), body));
    }

    @Override
    protected Answer answer(String method, String path, Map<String, String> query, String body) throws JsonProcessingException {
        if (!path.startsWith(TABLE)) {
            return new Answer(400, Map.of(), error("Invalid table", "Only the incident table is served here"), null);
        }
        String sysId = path.length() > TABLE.length() + 1 ? path.substring(TABLE.length() + 1) : null;
        List<String> fields = query.containsKey("sysparm_fields") ? List.of(query.get("sysparm_fields").split(",")) : List.of();
        switch (method) {
            case "GET" -> {
                if (sysId != null) {
                    ObjectNode record = records.get(sysId);
                    return record == null ? notFound() : json(200, one(record, fields), null);
                }
                int limit = query.containsKey("sysparm_limit") ? Integer.parseInt(query.get("sysparm_limit")) : 10_000;
                ArrayNode result = mapper.createArrayNode();
                records.values().stream().filter(record -> matches(record, query.get("sysparm_query"))).limit(limit)
                        .forEach(record -> result.add(only(record, fields)));
                return json(200, mapper.createObjectNode().set("result", result), null);
            }
            case "POST" -> {
                ObjectNode values = object(body);
                if (values == null) {
                    return invalidJson();
                }
                ObjectNode record = mapper.createObjectNode();
                String id = UUID.randomUUID().toString().replace("-", "");
                record.put("sys_id", id);
                record.put("number", "INC00" + numbers.incrementAndGet());
                record.put("state", "1");
                record.put("sys_created_by", user);
                record.put("sys_created_on", GLIDE.format(Instant.now()));
                record.put("sys_mod_count", "-1");
                Map<String, String> entered = apply(record, values, id, user);
                touch(record, user);
                records.put(id, record);
                return json(201, one(record, fields), withJournal(record, entered));
            }
            case "PATCH", "PUT" -> {
                ObjectNode record = sysId == null ? null : records.get(sysId);
                if (record == null) {
                    return notFound();
                }
                ObjectNode values = object(body);
                if (values == null) {
                    return invalidJson();
                }
                Map<String, String> entered = apply(record, values, sysId, user);
                touch(record, user);
                return json(200, one(record, fields), withJournal(record, entered));
            }
            default -> {
                return new Answer(405, Map.of(), error("Method not Supported", method + " is not supported"), null);
            }
        }
    }

    /** Sets the fields; the journal fields become entries by {@code by}, answered as entered (for the webhook). */
    private Map<String, String> apply(ObjectNode record, ObjectNode values, String sysId, String by) {
        Map<String, String> entered = new LinkedHashMap<>();
        values.fields().forEachRemaining(field -> {
            if (field.getKey().equals("work_notes") || field.getKey().equals("comments")) {
                if (!field.getValue().asText().isBlank()) {
                    journal.computeIfAbsent(sysId, id -> new ArrayList<>()).add(new Journal(field.getKey(), field.getValue().asText(), by));
                    entered.put(field.getKey(), field.getValue().asText());
                }
            } else if (!field.getKey().startsWith("sys_") && !field.getKey().equals("number")) {
                record.put(field.getKey(), field.getValue().asText());
            }
        });
        String state = record.path("state").asText();
        record.put("active", state.equals("6") || state.equals("7") || state.equals("8") ? "false" : "true");
        return entered;
    }

    /** What the business rule sends of a change: the record, and the journal fields that change entered. */
    private static ObjectNode withJournal(ObjectNode record, Map<String, String> entered) {
        ObjectNode sent = record.deepCopy();
        entered.forEach(sent::put);
        return sent;
    }

    private static void touch(ObjectNode record, String by) {
        record.put("sys_updated_by", by);
        record.put("sys_updated_on", GLIDE.format(Instant.now()));
        record.put("sys_mod_count", Integer.toString(record.path("sys_mod_count").asInt(-1) + 1));
    }

    /** Encoded queries of the form {@code field=value[^field=value...]}: what the sync asks. */
    private static boolean matches(JsonNode record, String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return true;
        }
        for (String term : encoded.split("\\^")) {
            int eq = term.indexOf('=');
            if (eq < 0 || !record.path(term.substring(0, eq)).asText().equals(term.substring(eq + 1))) {
                return false;
            }
        }
        return true;
    }

    private ObjectNode one(ObjectNode record, List<String> fields) {
        return mapper.createObjectNode().set("result", only(record, fields));
    }

    private ObjectNode only(ObjectNode record, List<String> fields) {
        if (fields.isEmpty()) {
            return record.deepCopy();
        }
        ObjectNode some = mapper.createObjectNode();
        fields.forEach(field -> some.set(field, record.path(field).isMissingNode() ? some.textNode("") : record.get(field)));
        return some;
    }

    private static Answer notFound() {
        return new Answer(404, Map.of(), error("No Record found", "Record doesn't exist or ACL restricts the record retrieval"), null);
    }

    private static Answer invalidJson() {
        return new Answer(400, Map.of(), error("Exception while reading request", "The payload is not valid JSON."), null);
    }
}
