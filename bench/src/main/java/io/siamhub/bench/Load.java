package io.siamhub.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The load generator: HTTP/1.1 POSTs with keep-alive from Vert.x, in two shapes. Closed loop: N
 * connections, each sending its next request when the last is answered (the most a target takes).
 * Open loop: a fixed offered rate whatever the answers, latency measured from when each request was
 * due (no coordinated omission).
 */
public final class Load implements AutoCloseable {

    /** One run's outcome. */
    public record Result(String name, int connections, double seconds, long ok, long failed, Histogram latency) {

        public double perSecond() {
            return ok / seconds;
        }

        public double millis(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1_000.0;
        }
    }

    /** What to send: the path with query, headers, and the body of request number {@code i}. */
    public record Target(URI base, String path, Map<String, String> headers, IntFunction<Buffer> body, int expectedStatus) {
    }

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

    /** As many requests as {@code connections} connections take back to back, for {@code duration} after a warm-up. */
    public Result closedLoop(String name, Target target, int connections, Duration warmUp, Duration duration) {
        HttpClient client = client(target, connections);
        try {
            run(client, target, connections, warmUp, null);
            return run(client, target, connections, duration, name);
        } finally {
            client.close();
        }
    }

    private Result run(HttpClient client, Target target, int connections, Duration duration, String name) {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(connections);
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            vertx.runOnContext(ignored -> loop(client, target, sequence, deadline, recorder, ok, failed, finished));
        }
        await(finished, duration.plusSeconds(60));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, connections, seconds, ok.get(), failed.get(), recorder.getIntervalHistogram());
    }

    private void loop(HttpClient client, Target target, AtomicLong sequence, long deadline, Recorder recorder, AtomicLong ok,
            AtomicLong failed, CountDownLatch finished) {
        if (System.nanoTime() >= deadline) {
            finished.countDown();
            return;
        }
        long sent = System.nanoTime();
        send(client, target, (int) sequence.getAndIncrement(), success -> {
            recorder.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
            (success ? ok : failed).incrementAndGet();
            loop(client, target, sequence, deadline, recorder, ok, failed, finished);
        });
    }

    /**
     * {@code rate} requests a second for {@code duration}, at most {@code maxInFlight} at once (a request
     * due while all are busy counts as failed); latency from when each was due.
     */
    public Result openLoop(String name, Target target, int rate, Duration duration, int maxInFlight) {
        HttpClient client = client(target, maxInFlight);
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        long total = (long) rate * duration.toSeconds();
        CountDownLatch answered = new CountDownLatch((int) total);
        long start = System.nanoTime();
        double interval = 1e9 / rate;
        long[] next = {0};
        long timer = vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            while (next[0] < total && start + (long) (next[0] * interval) <= now) {
                long due = start + (long) (next[0] * interval);
                int i = (int) next[0]++;
                if (inFlight.incrementAndGet() > maxInFlight) {
                    inFlight.decrementAndGet();
                    failed.incrementAndGet();
                    answered.countDown();
                    continue;
                }
                send(client, target, i, success -> {
                    inFlight.decrementAndGet();
                    recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1_000));
                    (success ? ok : failed).incrementAndGet();
                    answered.countDown();
                });
            }
        });
        await(answered, duration.plusSeconds(60));
        vertx.cancelTimer(timer);
        double seconds = (System.nanoTime() - start) / 1e9;
        client.close();
        return new Result(name, maxInFlight, seconds, ok.get(), failed.get(), recorder.getIntervalHistogram());
    }

    private static void send(HttpClient client, Target target, int i, java.util.function.Consumer<Boolean> done) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(target.path())
                .setHost(target.base().getHost()).setPort(target.base().getPort()).setTimeout(30_000);
        target.headers().forEach(options::putHeader);
        client.request(options)
                .compose(request -> request.send(target.body().apply(i)))
                .compose(response -> response.body().map(body -> response.statusCode()))
                .onComplete(answer -> done.accept(answer.succeeded() && answer.result() == target.expectedStatus()));
    }

    private HttpClient client(Target target, int connections) {
        return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setDefaultHost(target.base().getHost()).setDefaultPort(target.base().getPort()),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    private static void await(CountDownLatch latch, Duration timeout) {
        try {
            if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("load run did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
