package io.github.camelliveagent.component.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import io.github.camelliveagent.component.session.SessionSnapshot;
import io.github.camelliveagent.component.session.SessionState;
import io.github.camelliveagent.component.session.store.JdbcSessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded PostgreSQL starts on loopback, and the component's JdbcSessionStore keeps a session in it. */
class EmbeddedPostgresExtensionTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    @Test
    void aRealPostgreSqlOnLoopback() throws Exception {
        try (Connection c = POSTGRES.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version(), inet_server_addr()::text, current_setting('listen_addresses')")) {
            assertThat(rs.next()).isTrue();
            System.out.printf("%s at %s, listening on %s%n", rs.getString(1), rs.getString(2), rs.getString(3));
            assertThat(rs.getString(1)).startsWith("PostgreSQL");
            assertThat(rs.getString(2)).startsWith("127.0.0.1");
            assertThat(rs.getString(3)).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void aJdbcSessionStoreKeepsASnapshotThere() throws Exception {
        String secret = "a-test-secret-of-some-length";
        SessionSnapshot saved = new SessionSnapshot("pg-session-1", "key-1!abc", "affinity-1", "http://127.0.0.1:1/chat/rest/",
                "52", "00D000000000001", 40, SessionState.ACTIVE, 7, 3, 2, "corr-1", 9, 8, List.of(), List.of(), 0, 0, false);
        new JdbcSessionStore(POSTGRES.dataSource(), "LIVEAGENT_SESSIONS", secret).save(saved);
        // a second store on the same database (another node) reads it back, key decrypted with the same secret
        List<SessionSnapshot> loaded = new JdbcSessionStore(POSTGRES.dataSource(), "LIVEAGENT_SESSIONS", secret).loadAll();
        System.out.printf("sessions read back from PostgreSQL: %d%n", loaded.size());
        assertThat(loaded).containsExactly(saved);
        try (Connection c = POSTGRES.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT data FROM liveagent_sessions")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the key is stored encrypted").doesNotContain("key-1!abc");
        }
    }
}
