package io.siamhub.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warms the path from webhook to incident once {@code ./hub up} is ready, so the first alert a user
 * posts becomes an incident as fast as later ones (cold, the first one took about three times as
 * long: the JIT, the first queries and the first consumer fetches). It sends one RESOLVED Alertmanager
 * alert ({@code alertname=SiamHubWarmUp}) through the edge, the normalizer and the broker — a resolved
 * signal of a fingerprint no incident has, which opens nothing — waits until the broker counted it,
 * and reads the incident list once. Best effort: a failure is reported, never fatal.
 */
final class WarmUp {

    static final String ALERT_NAME = "SiamHubWarmUp";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern ALERT_SIGNALS = Pattern.compile("(?m)^siam_incident_signals_total\\{[^}]*kind=\"alert\"[^}]*\\} ([0-9.eE+]+)$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Runs the warm-up; returns what happened, for the progress line. */
    String run(HubStack stack) {
        String adapters = stack.service(HubService.PROVIDER_ADAPTERS).url();
        String incidents = stack.service(HubService.INCIDENT_BROKER).url();
        try {
            Instant now = Instant.now();
            String body = """
                    {"version":"4","status":"resolved","receiver":"siam-hub","groupKey":"{}:{alertname=\\"%1$s\\"}","truncatedAlerts":0,
                     "groupLabels":{"alertname":"%1$s"},"commonLabels":{"alertname":"%1$s"},"commonAnnotations":{},
                     "externalURL":"http://siam-hub-warm-up","alerts":[{"status":"resolved","labels":{"alertname":"%1$s","severity":"info"},
                     "annotations":{"summary":"./hub up warms the path; this alert opens nothing"},"startsAt":"%2$s","endsAt":"%3$s",
                     "generatorURL":"","fingerprint":"5131a3b0b0f0a0e1"}]}""".formatted(ALERT_NAME, now.minusSeconds(1), now);
            HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(adapters + "/webhooks/alertmanager"))
                    .header("Authorization", "Bearer " + stack.webhookSecrets().token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (accepted.statusCode() != 202) {
                return "the warm-up alert was answered " + accepted.statusCode() + " (" + accepted.body() + "); the first incident may be slower";
            }
            Instant deadline = Instant.now().plus(WAIT);
            while (alertSignals(incidents) < 1) {
                if (Instant.now().isAfter(deadline)) {
                    return "the broker did not count the warm-up alert within " + WAIT.toSeconds() + " s; the first incident may be slower";
                }
                Thread.sleep(100);
            }
            String token = DevJwt.token(stack.jwtPrivateKey(), "hub-warm-up", List.of("siam-viewer"), Duration.ofMinutes(5));
            send(HttpRequest.newBuilder(URI.create(incidents + "/api/incidents?limit=1")).header("Authorization", "Bearer " + token).GET()
                    .build());
            return "warmed the path from webhook to incident (one resolved " + ALERT_NAME + " alert, which opens nothing)";
        } catch (IOException e) {
            return "the warm-up failed (" + e + "); the first incident may be slower";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the warm-up was interrupted";
        }
    }

    private double alertSignals(String incidents) throws IOException, InterruptedException {
        Matcher matcher = ALERT_SIGNALS.matcher(send(HttpRequest.newBuilder(URI.create(incidents + "/q/metrics")).GET().build()).body());
        double sum = 0;
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(1));
        }
        return sum;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
