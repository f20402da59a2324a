package io.siamhub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A fresh PostgreSQL database for one run: on the server that {@code SIAM_PG_URL} names
 * ({@code postgresql://user:password@host:port/database}), or on an embedded PostgreSQL (zonky's
 * real server binaries) with binaries and data under the folder it is given. {@link #close()} drops
 * the database, or stops the embedded server and removes its data.
 */
public final class Postgres implements AutoCloseable {

    /** Names an existing server to use instead of the embedded one. */
    public static final String SERVER_URL_VARIABLE = "SIAM_PG_URL";

    /** A folder for the embedded server's binaries shared by every test JVM of one build (see {@link #start}). */
    public static final String SHARED_BINARIES_PROPERTY = "siam.local-stack.pg-binaries";

    private final Path dir;
    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String database;
    private final String username;
    private final String password;
    private final String adminDatabase;
    private Path binaries;

    private Postgres(Path dir, EmbeddedPostgres embedded, String host, int port, String database, String username,
            String password, String adminDatabase) {
        this.dir = dir;
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.database = database;
        this.username = username;
        this.password = password;
        this.adminDatabase = adminDatabase;
    }

    /**
     * Starts (or connects to) PostgreSQL and creates a fresh database for this run.
     *
     * @param dir      this run's folder (data, log); removed on close
     * @param binaries where the embedded server's binaries are unpacked; kept between runs. The system
     *                 property {@value #SHARED_BINARIES_PROPERTY} overrides it: the build sets it for its test JVMs, so
     *                 one build unpacks them once (~3 s of CPU each time), not once per module
     * @param port     the port for an embedded server, 0 for a free one
     */
    public static Postgres start(Path dir, Path binaries, int port) {
        String shared = System.getProperty(SHARED_BINARIES_PROPERTY);
        if (shared != null && !shared.isBlank()) {
            binaries = Path.of(shared);
        }
        String serverUrl = System.getenv(SERVER_URL_VARIABLE);
        Postgres postgres = serverUrl == null || serverUrl.isBlank() ? embedded(dir, binaries, port)
                : external(dir, serverUrl);
        postgres.createDatabase();
        return postgres;
    }

    private static Postgres embedded(Path dir, Path binaries, int port) {
        // zonky reads its working folder from this property when a builder is made; without it,
        // it unpacks and keeps data under /tmp.
        System.setProperty("ot.epg.working-dir", dir.resolve("work").toString());
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setPort(port == 0 ? LoopbackPorts.free() : port)
                    .setServerConfig("listen_addresses", LoopbackPorts.HOST)
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("max_connections", "400")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                    .start();
            Postgres postgres = new Postgres(dir, server, LoopbackPorts.HOST, server.getPort(), "siam", "postgres", "postgres", "postgres");
            postgres.binaries = binaries;
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    private static Postgres external(Path dir, String serverUrl) {
        URI uri = URI.create(serverUrl);
        String[] credentials = uri.getUserInfo() == null ? new String[] {"postgres", ""} : uri.getUserInfo().split(":", 2);
        String adminDatabase = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String database = "siam_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new Postgres(dir, null, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, credentials[0],
                credentials.length > 1 ? credentials[1] : "", adminDatabase);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The URL form of the Vert.x reactive client. */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** Opens a JDBC connection to this run's database (for tests and drills). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username, password);
    }

    /** Stops the embedded server (fast shutdown: sessions are cut), keeping its data, for fault drills. */
    public void stop() {
        pgCtl("-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    /** Starts the embedded server again on the same port and data after {@link #stop()}. */
    public void restart() {
        pgCtl("-D", dir.resolve("data").toString(), "-w", "-l", dir.resolve("postgres.log").toString(),
                "-o", "-p " + port + " -c listen_addresses=" + LoopbackPorts.HOST
                        + " -c unix_socket_directories='' -c max_connections=400 -c synchronous_commit=off",
                "start");
    }

    private void pgCtl(String... arguments) {
        if (embedded == null) {
            throw new IllegalStateException("only the embedded server can be stopped and restarted (" + SERVER_URL_VARIABLE + " is set)");
        }
        try (var files = Files.walk(binaries)) {
            Path pgCtl = files.filter(path -> path.endsWith(Path.of("bin", "pg_ctl"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no bin/pg_ctl under " + binaries));
            // as zonky does: PostgreSQL refuses root, and in a new user namespace (unshare -U) it is not root
            List<String> command = new ArrayList<>(List.of("unshare", "-U", pgCtl.toString()));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile())).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + String.join(" ", arguments) + " failed; see " + dir.resolve("postgres.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        Folders.deleteRecursively(dir);
    }

    private void createDatabase() {
        execute("CREATE DATABASE " + database);
    }

    private void execute(String sql) {
        String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/" + adminDatabase;
        try (Connection connection = DriverManager.getConnection(adminUrl, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + adminUrl + " refused: " + sql, e);
        }
    }
}
