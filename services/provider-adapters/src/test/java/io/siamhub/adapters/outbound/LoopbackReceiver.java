package io.siamhub.adapters.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on loopback (the JDK's HTTP server): records every request with its arrival time
 * (System.nanoTime) and answers as the test says.
 */
public final class LoopbackReceiver implements AutoCloseable {

    /** One received request. */
    public record Received(String path, Map<String, String> headers, byte[] body, long arrivedNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer: status, headers, body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer of(int status) {
            return new Answer(status, Map.of(), "");
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> answers = request -> Answer.of(204);

    private LoopbackReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Received request = new Received(exchange.getRequestURI().toString(), headers, body, System.nanoTime());
            received.add(request);
            Answer answer = answers.apply(request);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
    }

    /** A receiver on a free port. */
    public static LoopbackReceiver start() throws IOException {
        return new LoopbackReceiver(0);
    }

    /** A receiver on that port (one a test reserved while nothing listened). */
    public static LoopbackReceiver start(int port) throws IOException {
        return new LoopbackReceiver(port);
    }

    public void answer(Function<Received, Answer> answers) {
        this.answers = answers;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/siam";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
