package io.siamhub.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class PostgresTest {

    @Test
    void freshDatabaseOnLoopbackOnlyRemovedOnClose() throws Exception {
        Path dir = Path.of("target", "postgres-test");
        try (Postgres postgres = Postgres.start(dir, Path.of("target", "pg-binaries"), 0)) {
            try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
                ResultSet tables = statement.executeQuery(
                        "select count(*) from information_schema.tables where table_schema = 'public'");
                tables.next();
                assertThat(tables.getInt(1)).isZero();

                ResultSet listen = statement.executeQuery("show listen_addresses");
                listen.next();
                assertThat(listen.getString(1)).isEqualTo("127.0.0.1");
            }
            assertThat(postgres.reactiveUrl()).startsWith("postgresql://127.0.0.1:").endsWith("/siam");
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void stoppedForADrillThenBackOnTheSamePortWithItsData() throws Exception {
        Path dir = Path.of("target", "postgres-drill-test");
        try (Postgres postgres = Postgres.start(dir, Path.of("target", "pg-binaries"), 0)) {
            try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
                statement.execute("create table kept (id int); insert into kept values (42)");
            }
            postgres.stop();
            assertThatThrownBy(postgres::connect).isInstanceOf(java.sql.SQLException.class);
            postgres.restart();
            try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
                ResultSet kept = statement.executeQuery("select id from kept");
                kept.next();
                assertThat(kept.getInt(1)).isEqualTo(42);
            }
        }
        assertThat(Files.exists(dir)).isFalse();
    }
}
