package io.siamhub.adapters.outbound.core;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * What the sync targets' REST calls share: a Quarkus REST client per target (no redirects followed,
 * the outbound {@code timeout} for connect and read, every status answered rather than thrown), basic
 * credentials from configuration or a secret file, and one call's answer turned into the
 * {@link Attempt} the dispatcher judges: a non-2xx answer fails the chain with {@link CallFailed}
 * carrying it (status, {@code Retry-After}, the target's own error message), a timeout or connection
 * error becomes a retryable failure.
 */
public final class SyncHttp {

    private SyncHttp() {
    }

    /** A REST client of {@code api} on {@code base}. */
    public static <T> T client(URI base, Duration timeout, Class<T> api) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(base).followRedirects(false)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(api);
    }

    /**
     * The {@code Authorization} header value for basic credentials, or null without a user. The
     * password comes from {@code passwordFile} when set (a mounted secret), else {@code password}.
     *
     * @throws IllegalStateException when the file cannot be read (naming {@code key}, never the secret)
     */
    public static String basic(Optional<String> user, Optional<String> password, Optional<Path> passwordFile, String key) {
        if (user.isEmpty()) {
            return null;
        }
        String secret = password.orElse("");
        if (passwordFile.isPresent()) {
            try {
                secret = Files.readString(passwordFile.get()).strip();
            } catch (IOException e) {
                throw new IllegalStateException(key + ".password-file cannot be read: " + e.getMessage());
            }
        }
        return "Basic " + Base64.getEncoder().encodeToString((user.get() + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One call: its answer when 2xx, else a failure with {@link CallFailed} whose attempt holds the
     * status, {@code Retry-After} and {@code error} of the answer (the target's own message).
     */
    public static Uni<Answer> call(Uni<Response> request, long started, Duration timeout, Function<Answer, String> error) {
        return request
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
                .map(Answer::of)
                .onFailure(WebApplicationException.class).recoverWithItem(failure -> Answer.of(((WebApplicationException) failure).getResponse()))
                .invoke(answer -> {
                    if (answer.status() < 200 || answer.status() >= 300) {
                        throw new CallFailed(Attempt.answered(answer.status(), elapsed(started), answer.retryAfter(), error.apply(answer)));
                    }
                });
    }

    /** Ends an attempt's chain: a {@link CallFailed} gives its attempt; any other failure is retried later. */
    public static Uni<Attempt> settle(Uni<Attempt> attempt, long started) {
        return attempt.onFailure(CallFailed.class).recoverWithItem(failure -> ((CallFailed) failure).attempt())
                .onFailure().recoverWithItem(failure -> Attempt.failed(describe(failure), elapsed(started)));
    }

    public static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "timeout: " + failure.getMessage();
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return "failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    /** A call or an answer that did not do: the attempt says why. */
    public static final class CallFailed extends RuntimeException {
        private final transient Attempt attempt;

        public CallFailed(Attempt attempt) {
            super(attempt.summary(), null, false, false);
            this.attempt = attempt;
        }

        public Attempt attempt() {
            return attempt;
        }
    }

    /** What the target answered: status, body (text), {@code Retry-After}. */
    public record Answer(int status, String body, String retryAfter) {

        static Answer of(Response response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return new Answer(response.getStatus(), body, response.getHeaderString("Retry-After"));
        }

        /** The body as JSON ({@code {}} when empty); a body that is not JSON fails as a 502 (retried). */
        public JsonNode json(ObjectMapper mapper) {
            try {
                return mapper.readTree(body == null || body.isBlank() ? "{}" : body);
            } catch (JsonProcessingException e) {
                throw new CallFailed(Attempt.answered(502, Duration.ZERO, null, "answered " + status + " with a body that is not JSON"));
            }
        }

        /** The start of the body, for an error without a readable message. */
        public String start() {
            return body == null ? "" : body.substring(0, Math.min(body.length(), 300));
        }

        /** This answer as a delivered attempt. */
        public Attempt attempt(long started) {
            return Attempt.answered(status, elapsed(started), null, null);
        }
    }
}
