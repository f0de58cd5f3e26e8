package io.github.camelliveagent.component.session.store;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import io.github.camelliveagent.component.session.SessionSnapshot;
import io.github.camelliveagent.component.session.SessionState;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDBC session store as the nodes of a cluster share it: each chat under its shard, and tables of earlier releases. */
class SharedJdbcStoreTest {

    private static final String SECRET = "a-long-random-secret-from-the-vault";

    private static JdbcDataSource db() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private static SessionSnapshot chat(String id, int shard) {
        return new SessionSnapshot(id, id + "!1700000000000!a2V5", "abcd1234", "http://127.0.0.1:9", "52",
                "00D000000000001", 30, SessionState.ACTIVE, 3, 1, 11, null, 2, 1, List.of(), List.of(), 0, 0, false, shard);
    }

    @Test
    void aShardsOwnerFindsItsChatsAndOnlyThose() throws Exception {
        JdbcSessionStore store = new JdbcSessionStore(db(), "LIVEAGENT_SESSIONS", SECRET);
        store.save(chat("a", 0));
        store.save(chat("b", 1));
        store.save(chat("c", 1));
        // a chat saved again keeps one row, under its (unchanged) shard
        store.save(chat("c", 1));
        List<String> shard1 = store.loadShard(1).stream().map(SessionSnapshot::id).sorted().toList();
        System.out.printf("shared store: shard 0 %s, shard 1 %s, all %d%n",
                store.loadShard(0).stream().map(SessionSnapshot::id).toList(), shard1, store.loadAll().size());
        assertThat(shard1).containsExactly("b", "c");
        assertThat(store.loadShard(0)).extracting(SessionSnapshot::shard).containsExactly(0);
        assertThat(store.shardOf("b")).isEqualTo(1);
        assertThat(store.shardOf("nobody")).isEqualTo(-1);
        assertThat(store.load("a").key()).isEqualTo("a!1700000000000!a2V5");
        assertThat(store.load("nobody")).isNull();
        assertThat(store.loadAll()).hasSize(3);
    }

    @Test
    void aTableOfAnEarlierReleaseGetsTheShardColumnAndKeepsItsChats() throws Exception {
        JdbcDataSource ds = db();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE LIVEAGENT_SESSIONS (session_id VARCHAR(64) PRIMARY KEY, data VARCHAR(4000) NOT NULL)");
        }
        JdbcSessionStore before = new JdbcSessionStore(ds, "LIVEAGENT_SESSIONS_OLD", SECRET);
        before.save(chat("x", -1));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO LIVEAGENT_SESSIONS (session_id, data) SELECT session_id, data FROM LIVEAGENT_SESSIONS_OLD");
        }
        JdbcSessionStore store = new JdbcSessionStore(ds, "LIVEAGENT_SESSIONS", SECRET);
        List<SessionSnapshot> all = store.loadAll();
        System.out.printf("shared store: an earlier table read back %d chat(s), shard %s%n", all.size(),
                all.stream().map(SessionSnapshot::shard).toList());
        assertThat(all).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("x");
            assertThat(s.shard()).isEqualTo(-1);
        });
        store.save(chat("x", 3));
        assertThat(store.loadShard(3)).extracting(SessionSnapshot::id).containsExactly("x");
    }
}
