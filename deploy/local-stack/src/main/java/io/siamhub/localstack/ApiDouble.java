package io.siamhub.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.siamhub.model.SiamJson;

/**
 * What the loopback doubles of ticket systems ({@link ServiceNowDouble}, {@link JiraDouble}) share: a JDK
 * HTTP server on 127.0.0.1, basic authentication of one API user, every call recorded, answers a test
 * can force ({@link #failNext}: a 429 with its headers, a 5xx after the call took effect), and a webhook
 * sender that posts each change back the way the system's business rule or automation would. With {@link #oauth}
 * it is also the system's OAuth 2.0 token endpoint (client credentials grant, RFC 6749 §4.4): a form POST with
 * {@code grant_type=client_credentials} and the client's id and secret (in the body, or as basic credentials)
 * answers {@code {"access_token", "token_type": "Bearer", "expires_in"}}; a wrong client is {@link #tokenRefused};
 * API calls then also pass with {@code Authorization: Bearer <a token it issued, not expired>}, and a wrong or
 * expired one gets {@link #bearerRefused}. Token requests are counted ({@link #tokensIssued}), not recorded as calls.
 */
public abstract class ApiDouble implements AutoCloseable {

    /** One call as received. */
    public record Call(String method, String path, Map<String, String> query, String authorization, String body) {
    }

    /**
     * An answer {@link #failNext} queues; {@code commitFirst}: the call takes effect, then this answer is
     * given instead. {@link #PASS} lets one call through as usual (to force the one after it).
     */
    public record Forced(int status, Map<String, String> headers, String body, boolean commitFirst) {
        public static final Forced PASS = new Forced(0, Map.of(), "", true);
    }

    /** What the system answers a call. */
    protected record Answer(int status, Map<String, String> headers, String body, ObjectNode changed) {
    }

    protected final ObjectMapper mapper = SiamJson.mapper();
    private final HttpServer server;
    private final ExecutorService webhooks = Executors.newSingleThreadExecutor();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String authorization;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Integer> webhookAnswers = new CopyOnWriteArrayList<>();
    private final Deque<Forced> forced = new ArrayDeque<>();
    private volatile String webhookUrl;
    private volatile String webhookSecret;
    private volatile OAuth oauth;
    private final Map<String, java.time.Instant> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger tokenRequests = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger tokensIssued = new java.util.concurrent.atomic.AtomicInteger();

    /** The OAuth client this system knows, and how long its tokens live. */
    private record OAuth(String tokenPath, String clientId, String clientSecret, Duration lifetime) {
    }

    protected ApiDouble(int port, String user, String password) throws IOException {
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL ({@code http://127.0.0.1:<port>}). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sends each change to {@code url}, signed with {@code secret} as the system's webhook would be. */
    public void webhook(String url, String secret) {
        this.webhookUrl = url;
        this.webhookSecret = secret;
    }

    /**
     * Serves the OAuth client-credentials grant at {@code tokenPath} ({@code /oauth_token.do} for ServiceNow,
     * {@code /oauth/token} as Atlassian's) for one client; tokens live {@code lifetime} (wall time of this double).
     */
    public void oauth(String tokenPath, String clientId, String clientSecret, Duration lifetime) {
        this.oauth = new OAuth(tokenPath, clientId, clientSecret, lifetime);
    }

    /** Every token issued so far is refused from now on, as when it lapsed or was revoked. */
    public void expireTokens() {
        tokens.replaceAll((token, until) -> java.time.Instant.EPOCH);
    }

    /** How many token requests came (granted or not). */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** How many tokens were issued. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** The token endpoint's answer to a client it does not know (wrong id or secret), in the system's words. */
    protected abstract Answer tokenRefused();

    /** The API's answer to a bearer token it did not issue or that expired; by default as without credentials. */
    protected Answer bearerRefused() {
        return unauthenticated();
    }

    /** The next calls get these answers, in order, before any is processed normally. */
    public synchronized void failNext(Forced... answers) {
        forced.addAll(List.of(answers));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The HTTP statuses the webhook answered, in order (-1: no answer). */
    public List<Integer> webhookAnswers() {
        return List.copyOf(webhookAnswers);
    }

    @Override
    public void close() {
        server.stop(0);
        webhooks.shutdownNow();
    }

    /** The system's answer to an authenticated call (called under this object's lock). */
    protected abstract Answer answer(String method, String path, Map<String, String> query, String body) throws IOException;

    /** The answer to a call without the API user's credentials. */
    protected abstract Answer unauthenticated();

    /** The webhook of a changed record: body and headers (signature, delivery id). */
    protected abstract byte[] webhookBody(ObjectNode changed) throws JsonProcessingException;

    protected abstract Map<String, String> webhookHeaders(byte[] body, String secret);

    /** Posts a changed record to the webhook, if one is set. */
    protected void notify(ObjectNode changed) {
        String url = webhookUrl;
        String secret = webhookSecret;
        if (url == null) {
            return;
        }
        webhooks.execute(() -> {
            try {
                byte[] body = webhookBody(changed);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
                webhookHeaders(body, secret).forEach(request::header);
                webhookAnswers.add(client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException e) {
                webhookAnswers.add(-1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Hex HMAC-SHA256 of {@code parts}, in order. */
    protected static String hmacHex(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON object body, or null when it is not one. */
    protected ObjectNode object(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    protected Answer json(int status, Object body, ObjectNode changed) throws JsonProcessingException {
        return new Answer(status, Map.of(), mapper.writeValueAsString(body), changed);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            URI uri = exchange.getRequestURI();
            Map<String, String> query = query(uri.getRawQuery());
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String given = exchange.getRequestHeaders().getFirst("Authorization");
            OAuth client = oauth;
            if (client != null && method.equals("POST") && uri.getPath().equals(client.tokenPath())) {
                send(exchange, token(client, query(body), given));
                return;
            }
            calls.add(new Call(method, uri.getPath(), query, given, body));
            boolean bearer = given != null && given.startsWith("Bearer ");
            if (!authorization.equals(given) && !(client != null && bearer && valid(given.substring("Bearer ".length())))) {
                send(exchange, bearer ? bearerRefused() : unauthenticated());
                return;
            }
            Forced force;
            Answer result = null;
            synchronized (this) {
                force = forced.poll();
                if (force == null || force.commitFirst()) {
                    result = answer(method, uri.getPath(), query, body);
                }
            }
            send(exchange, force != null && force.status() > 0 ? new Answer(force.status(), force.headers(), force.body(), null) : result);
            if (result != null && result.changed() != null) {
                notify(result.changed());
            }
        }
    }

    /** The client-credentials grant: the client in the form body (client_secret_post) or as basic credentials. */
    private Answer token(OAuth client, Map<String, String> form, String given) throws JsonProcessingException {
        tokenRequests.incrementAndGet();
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (given != null && given.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(given.substring("Basic ".length())), StandardCharsets.UTF_8).split(":", 2);
            id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "";
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return json(400, Map.of("error", "unsupported_grant_type", "error_description", "grant_type must be client_credentials"), null);
        }
        if (!client.clientId().equals(id) || !client.clientSecret().equals(secret)) {
            return tokenRefused();
        }
        String token = java.util.UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, java.time.Instant.now().plus(client.lifetime()));
        tokensIssued.incrementAndGet();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", client.lifetime().toSeconds());
        if (form.containsKey("scope")) {
            answer.put("scope", form.get("scope"));
        }
        return json(200, answer, null);
    }

    private boolean valid(String token) {
        java.time.Instant until = tokens.get(token);
        return until != null && java.time.Instant.now().isBefore(until);
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        byte[] out = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
