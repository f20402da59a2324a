package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.siamhub.localstack.HubService;
import io.siamhub.model.SiamJson;

/**
 * A seeded generator of bad requests for every webhook endpoint, at least 10,000 per run: truncated
 * and mutated fixtures, wrong types, deep nesting, huge strings, invalid UTF-8, missing and forged
 * credentials, replayed HMAC timestamps, oversize bodies, wrong content types, unknown endpoints.
 * Never a 5xx; every refusal problem+json with its own status; no forged request accepted; the hub
 * healthy afterwards. {@code -Dsiam.hostile.seed=N} replays a run.
 */
@ExtendWith(Hub.class)
class HostileInputIT {

    private static final int REQUESTS = 10_000;
    private static final long SEED = Long.getLong("siam.hostile.seed", 20261125L);
    private static final int MAX_BODY = 1024 * 1024;
    private static final List<String> ENDPOINTS = List.of("alertmanager", "aws/sns", "aws/eventbridge", "azure/monitor",
            "gcp/monitoring", "pagerduty", "datadog", "jira", "servicenow", "cloudevents");
    private static final Set<String> BODY_SIGNED = Set.of("aws/sns", "pagerduty", "jira", "servicenow", "cloudevents");

    /** What one generated request must get. */
    enum Must {
        /** any clear answer: 202, or a 4xx refusal */
        ANSWER,
        /** forged, missing or replayed credentials: 401 */
        UNAUTHORIZED,
        TOO_LARGE,
        UNSUPPORTED_MEDIA_TYPE,
        NOT_FOUND
    }

    record Attack(String kind, String endpoint, HttpRequest request, Must must) {
    }

    private final Random random = new Random(SEED);
    private final Map<String, List<byte[]>> fixtures = fixtures();
    private final PrivateKey strangerKey = strangerKey();

    @Test
    void tenThousandHostileRequestsGetClearAnswersAndNoForgeryGetsIn() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(32);
        List<String> violations = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Attack attack = next();
            inFlight.acquire();
            http.sendAsync(attack.request(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                inFlight.release();
                String verdict = failure != null ? "no answer: " + failure : judge(attack, response);
                answers.computeIfAbsent(attack.kind() + " -> " + (failure != null ? "error" : response.statusCode()),
                        key -> new AtomicInteger()).incrementAndGet();
                if (verdict != null) {
                    violations.add(attack.kind() + " on " + attack.endpoint() + ": " + verdict);
                }
            });
        }
        assertThat(inFlight.tryAcquire(32, 60, TimeUnit.SECONDS)).as("every request answered").isTrue();
        System.out.println("hostile input, seed " + SEED + ": " + new TreeMap<>(answers));

        assertThat(violations).as("seed %d", SEED).isEmpty();
        for (HubService service : HubService.values()) {
            assertThat(FaultDrillsIT.ready(service)).as("%s ready after the barrage", service).isTrue();
        }
    }

    /** Null when the answer is right, else what is wrong with it. */
    private static String judge(Attack attack, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "answered " + status + ": " + response.body();
        }
        if (status >= 400) {
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                return status + " is not problem+json";
            }
            try {
                JsonNode problem = SiamJson.mapper().readTree(response.body());
                if (problem.path("status").asInt() != status || problem.path("title").asText().isBlank()) {
                    return "problem without its status and title: " + response.body();
                }
            } catch (IOException e) {
                return "problem+json that is not JSON: " + response.body();
            }
        }
        int required = switch (attack.must()) {
            case ANSWER -> status == 202 || (status >= 400 && status < 500) ? status : -1;
            case UNAUTHORIZED -> 401;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case NOT_FOUND -> 404;
        };
        return status == required ? null : "answered " + status + ", must be " + attack.must();
    }

    private Attack next() {
        String endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
        byte[] fixture = pick(fixtures.get(endpoint));
        int kind = random.nextInt(14);
        return switch (kind) {
            case 0 -> signed("truncated", endpoint, Arrays2.truncate(fixture, random), Must.ANSWER);
            case 1 -> signed("mutated bytes", endpoint, Arrays2.mutate(fixture, random), Must.ANSWER);
            case 2 -> signed("wrong types", endpoint, wrongTypes(fixture), Must.ANSWER);
            case 3 -> signed("deep nesting", endpoint, deepNesting(2_000 + random.nextInt(50_000)), Must.ANSWER);
            case 4 -> signed("huge string", endpoint, hugeString(fixture, 200_000 + random.nextInt(600_000)), Must.ANSWER);
            case 5 -> signed("invalid UTF-8", endpoint, invalidUtf8(fixture), Must.ANSWER);
            case 6 -> signed("oversize", endpoint, hugeString(fixture, MAX_BODY + 1 + random.nextInt(200_000)), Must.TOO_LARGE);
            case 7 -> new Attack("missing credentials", endpoint, bare(endpoint, fixture)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(endpoint.equals("aws/sns") ? unsigned(fixture) : fixture)).build(),
                    Must.UNAUTHORIZED);
            case 8 -> forged(endpoint, fixture);
            case 9 -> replayed(endpoint, fixture);
            case 10 -> new Attack("wrong content type", endpoint, Webhooks.authenticated(endpoint, fixture)
                    .setHeader("Content-Type", pick(List.of("text/html", "application/xml", "multipart/form-data; boundary=x", "image/png")))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(endpoint.equals("aws/sns") ? Webhooks.signedSns(fixture) : fixture)).build(),
                    endpoint.equals("aws/sns") ? Must.ANSWER : Must.UNSUPPORTED_MEDIA_TYPE);
            case 11 -> new Attack("unknown endpoint", endpoint, HttpRequest.newBuilder(URI.create(Hub.url(HubService.PROVIDER_ADAPTERS)
                    + "/webhooks/" + endpoint + "-" + random.nextInt(1000))).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(fixture)).build(), Must.NOT_FOUND);
            case 12 -> signed("not JSON", endpoint, pick(List.of("", "null", "<xml/>", "{", "]", "\"str\"", "1e999999", "{\"a\":1}{"))
                    .getBytes(StandardCharsets.UTF_8), Must.ANSWER);
            default -> signed("valid fixture", endpoint, fixture, Must.ANSWER);
        };
    }

    /** Valid credentials over the (bad) body, as a provider with a bug would send it. */
    private Attack signed(String kind, String endpoint, byte[] body, Must must) {
        byte[] sent = body;
        if (endpoint.equals("aws/sns")) {
            try {
                sent = Webhooks.signedSns(body);
            } catch (RuntimeException notAnEnvelope) {
                // the SNS signature covers fields of a JSON envelope: a broken body goes unsigned, and must be refused
                return new Attack(kind + " (unsigned)", endpoint, Webhooks.authenticated(endpoint, body)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), must == Must.TOO_LARGE ? Must.TOO_LARGE : Must.ANSWER);
            }
        }
        return new Attack(kind, endpoint, Webhooks.authenticated(endpoint, sent).POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build(), must);
    }

    /** Credentials that are wrong: another token or secret, a body changed after signing, a stranger's SNS key. */
    private Attack forged(String endpoint, byte[] fixture) {
        HttpRequest.Builder request = bare(endpoint, fixture);
        byte[] body = fixture;
        String stranger = "forged-" + Long.toHexString(random.nextLong());
        switch (endpoint) {
            case "alertmanager", "gcp/monitoring" -> request.header("Authorization", random.nextBoolean() ? "Bearer " + stranger
                    : "Basic " + Base64.getEncoder().encodeToString(("user:" + stranger).getBytes(StandardCharsets.UTF_8)));
            case "aws/eventbridge" -> request.header("x-api-key", stranger);
            case "datadog" -> request.header("X-Siam-Token", stranger);
            case "azure/monitor" -> request.uri(URI.create(Hub.url(HubService.PROVIDER_ADAPTERS) + "/webhooks/azure/monitor?token=" + stranger));
            case "aws/sns" -> body = random.nextBoolean() ? strangerSigned(fixture) : tamperedAfterSigning(Webhooks.signedSns(fixture));
            case "pagerduty" -> {
                body = Arrays2.mutate(fixture, random);
                request.header("X-PagerDuty-Signature", "v1=" + Webhooks.hex(Hub.stack().webhookSecrets().hmacSecret(), fixture));
            }
            case "jira" -> request.header("X-Hub-Signature", "sha256=" + Webhooks.hex(stranger, fixture));
            default -> request.header("X-Siam-Signature", Webhooks.siamSignature(stranger, fixture, Instant.now()));
        }
        return new Attack("forged credentials", endpoint, request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), Must.UNAUTHORIZED);
    }

    /** A correct HMAC over a timestamp outside the five-minute window (servicenow, cloudevents); else forged. */
    private Attack replayed(String endpoint, byte[] fixture) {
        if (!endpoint.equals("servicenow") && !endpoint.equals("cloudevents")) {
            return forged(endpoint, fixture);
        }
        Instant then = Instant.now().minusSeconds(301 + random.nextInt(86_400)).plusSeconds(random.nextBoolean() ? 0 : 2 * 86_400 + 700);
        return new Attack("replayed timestamp", endpoint, bare(endpoint, fixture)
                .header("X-Siam-Signature", Webhooks.siamSignature(Hub.stack().webhookSecrets().hmacSecret(), fixture, then))
                .POST(HttpRequest.BodyPublishers.ofByteArray(fixture)).build(), Must.UNAUTHORIZED);
    }

    private static HttpRequest.Builder bare(String endpoint, byte[] body) {
        return HttpRequest.newBuilder(URI.create(Hub.url(HubService.PROVIDER_ADAPTERS) + "/webhooks/" + endpoint))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", endpoint.equals("aws/sns") ? "text/plain; charset=UTF-8" : "application/json");
    }

    private byte[] strangerSigned(byte[] fixture) {
        byte[] signed = Webhooks.signedSns(fixture);
        try {
            ObjectNode envelope = (ObjectNode) SiamJson.mapper().readTree(signed);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(strangerKey);
            signature.update(envelope.path("Message").asText().getBytes(StandardCharsets.UTF_8));
            envelope.put("Signature", Base64.getEncoder().encodeToString(signature.sign()));
            return SiamJson.mapper().writeValueAsBytes(envelope);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SNS envelope without its signature. */
    private static byte[] unsigned(byte[] fixture) {
        try {
            ObjectNode envelope = (ObjectNode) SiamJson.mapper().readTree(fixture);
            envelope.remove("Signature");
            return SiamJson.mapper().writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] tamperedAfterSigning(byte[] signed) {
        try {
            ObjectNode envelope = (ObjectNode) SiamJson.mapper().readTree(signed);
            envelope.put("Message", envelope.path("Message").asText() + " ");
            return SiamJson.mapper().writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] wrongTypes(byte[] fixture) {
        try {
            JsonNode tree = SiamJson.mapper().readTree(fixture);
            if (tree instanceof ObjectNode object && object.size() > 0) {
                List<String> fields = new ArrayList<>();
                object.fieldNames().forEachRemaining(fields::add);
                String field = pick(fields);
                switch (random.nextInt(4)) {
                    case 0 -> object.put(field, random.nextInt());
                    case 1 -> object.putArray(field).add("x").add(1);
                    case 2 -> object.putNull(field);
                    default -> object.put(field, "not a " + field);
                }
            }
            return SiamJson.mapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            return fixture;
        }
    }

    private static byte[] deepNesting(int depth) {
        StringBuilder json = new StringBuilder(depth * 8);
        json.append("{\"alerts\":");
        for (int i = 0; i < depth; i++) {
            json.append(i % 2 == 0 ? "[" : "{\"a\":");
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hugeString(byte[] fixture, int size) {
        String text = new String(fixture, StandardCharsets.UTF_8).trim();
        int open = text.indexOf('{');
        String filler = "\"siam_filler\":\"" + "x".repeat(Math.max(0, size - fixture.length)) + "\",";
        return open < 0 ? fixture : (text.substring(0, open + 1) + filler + text.substring(open + 1)).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] invalidUtf8(byte[] fixture) {
        byte[] copy = fixture.clone();
        byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0xBC}};
        // inside a string value, where a lenient parser would let it through
        String text = new String(fixture, StandardCharsets.ISO_8859_1);
        int quote = text.indexOf("\":\"");
        int at = quote < 0 ? random.nextInt(Math.max(1, copy.length)) : quote + 3;
        byte[] insert = bad[random.nextInt(bad.length)];
        byte[] result = new byte[copy.length + insert.length];
        System.arraycopy(copy, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(copy, at, result, at + insert.length, copy.length - at);
        return result;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Map<String, List<byte[]>> fixtures() {
        Map<String, List<byte[]>> byEndpoint = new TreeMap<>();
        try (Stream<Path> files = Files.walk(FixturesIT.FIXTURES)) {
            for (Path body : files.filter(FixturesIT::isBody).sorted().toList()) {
                byEndpoint.computeIfAbsent(FixturesIT.endpoint(body), key -> new ArrayList<>()).add(Files.readAllBytes(body));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return byEndpoint;
    }

    private static PrivateKey strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Byte-level damage. */
    static final class Arrays2 {
        private Arrays2() {
        }

        static byte[] truncate(byte[] body, Random random) {
            return java.util.Arrays.copyOf(body, body.length == 0 ? 0 : random.nextInt(body.length));
        }

        static byte[] mutate(byte[] body, Random random) {
            byte[] copy = body.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips && copy.length > 0; i++) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            return copy;
        }
    }
}
