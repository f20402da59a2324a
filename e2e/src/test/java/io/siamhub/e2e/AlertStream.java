package io.siamhub.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.siamhub.localstack.HubService;

/**
 * A steady, open-loop stream of Alertmanager webhooks for a fault drill: one alert per request, each
 * with its own fingerprint carrying the drill's number and a sequence number, sent at a fixed rate
 * whatever the answers (a 503 included), except that, as a real sender does, it waits half a second
 * after a request that could not connect before it sends again (otherwise the dead endpoint costs the
 * two cores the restart needs). It records every answer: which sequence numbers got 202, which an error.
 */
public final class AlertStream implements AutoCloseable {

    /** Requests in flight at most; a tick that finds them all busy counts its alerts as not sent. */
    private static final int MAX_IN_FLIGHT = 1024;

    /** The answer recorded for an alert the stream could not send because every request slot was busy. */
    public static final String NOT_SENT = "not sent (client busy)";

    /** The answer recorded for an alert not sent because a request shortly before could not connect. */
    public static final String BACKED_OFF = "not sent (backing off after a connection error)";

    /** How long the stream sends nothing after a request that could not connect, in ms. */
    private static final long BACKOFF_MS = 500;

    private final int drill;
    private final String token;
    private final URI endpoint;
    // a sender such as Alertmanager waits for a connection longer than 2 s; on two cores busy restarting a killed JVM the
    // edge's accept can take that long (CI saw 3 of 18,522 connects time out at 2 s while only the broker was down)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(4)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Integer> accepted = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final AtomicInteger retryAfter = new AtomicInteger();
    private final Instant started = Instant.now();
    private volatile long quietUntilNanos = System.nanoTime();

    private AlertStream(int drill) {
        this.drill = drill;
        this.token = Hub.stack().webhookSecrets().token();
        this.endpoint = URI.create(Hub.url(HubService.PROVIDER_ADAPTERS) + "/webhooks/alertmanager");
    }

    /**
     * Starts sending {@code perSecond} alerts a second until {@link #close()}: in ticks of 10 ms from 100 a second up,
     * one alert a tick below.
     */
    public static AlertStream start(int drill, int perSecond) {
        AlertStream stream = new AlertStream(drill);
        int perTick = Math.max(1, perSecond / 100);
        long tickMicros = perSecond >= 100 ? 10_000 : 1_000_000 / Math.max(1, perSecond);
        stream.ticker.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick; i++) {
                stream.sendOne();
            }
        }, 0, tickMicros, TimeUnit.MICROSECONDS);
        return stream;
    }

    /** When the stream began (wall clock): nothing of this drill reaches a topic before it. */
    public Instant started() {
        return started;
    }

    /** The fingerprint of alert {@code seq} of drill {@code drill}: 16 hex digits, the drill's in front. */
    public static String fingerprint(int drill, int seq) {
        return String.format("%04x%012x", drill, seq);
    }

    /** The prefix every fingerprint of the drill has, as the adapters store it. */
    public static String fingerprintPrefix(int drill) {
        return "alertmanager:" + String.format("%04x", drill);
    }

    private void sendOne() {
        int seq = next.getAndIncrement();
        if (System.nanoTime() - quietUntilNanos < 0) {
            count(BACKED_OFF);
            return;
        }
        if (!inFlight.tryAcquire()) {
            count(NOT_SENT);
            return;
        }
        String body = """
                {"version":"4","status":"firing","receiver":"siam","groupLabels":{},"commonLabels":{},"commonAnnotations":{},
                 "externalURL":"http://alertmanager.drill","groupKey":"{}:{drill=\\"%d\\"}","truncatedAlerts":0,
                 "alerts":[{"status":"firing","labels":{"alertname":"DrillAlert","drill":"%d","seq":"%d","instance":"drill-%d-%d","severity":"warning"},
                 "annotations":{"summary":"drill %d alert %d"},"startsAt":"%s","endsAt":"0001-01-01T00:00:00Z",
                 "generatorURL":"","fingerprint":"%s"}]}"""
                .formatted(drill, drill, seq, drill, seq, drill, seq, Instant.now(), fingerprint(drill, seq));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                Throwable cause = rootCause(failure);
                count("error: " + cause.getClass().getSimpleName());
                if (cause instanceof java.net.ConnectException || cause instanceof java.nio.channels.ClosedChannelException) {
                    quietUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BACKOFF_MS);
                }
            } else {
                count(Integer.toString(response.statusCode()));
                if (response.statusCode() == 202) {
                    accepted.add(seq);
                } else if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent()) {
                    retryAfter.incrementAndGet();
                }
            }
            inFlight.release();
        });
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, key -> new AtomicInteger()).incrementAndGet();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Stops sending and waits for every request in flight to be answered. */
    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("requests still unanswered 30 s after the stream stopped");
            }
            inFlight.release(MAX_IN_FLIGHT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int drill() {
        return drill;
    }

    /** Alerts the stream numbered, sent or not ({@link #NOT_SENT}, {@link #BACKED_OFF}). */
    public int sent() {
        return next.get();
    }

    /** Alerts actually sent: {@link #sent()} less those never put on the wire. */
    public int requested() {
        return sent() - answered(NOT_SENT) - answered(BACKED_OFF);
    }

    /** The sequence numbers answered 202. */
    public Set<Integer> accepted() {
        return Set.copyOf(accepted);
    }

    /** 503 answers that carried Retry-After. */
    public int retryAfterAnswers() {
        return retryAfter.get();
    }

    public int answered(String answer) {
        AtomicInteger count = answers.get(answer);
        return count == null ? 0 : count.get();
    }

    /** Every kind of answer with its count, for the drill's report line. */
    public String summary() {
        return new TreeMap<>(answers).entrySet().stream().map(entry -> entry.getKey() + " x " + entry.getValue().get())
                .collect(Collectors.joining(", ", "drill " + drill + ": " + sent() + " alerts, ", ""));
    }
}
