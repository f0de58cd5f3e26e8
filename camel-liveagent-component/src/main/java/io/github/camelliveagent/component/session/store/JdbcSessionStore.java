package io.github.camelliveagent.component.session.store;

import io.github.camelliveagent.component.session.SessionSnapshot;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps sessions in a table of any JDBC database (one row per session, the record as JSON with the key encrypted),
 * for deployments that already run one, and for nodes that share their chats (high availability: each row carries the
 * cluster shard that owns the chat). The table is created when missing:
 * {@code CREATE TABLE <table> (session_id VARCHAR(64) PRIMARY KEY, shard INT DEFAULT -1 NOT NULL, data VARCHAR(8000) NOT NULL)};
 * a table of an earlier release (without {@code shard}) gets the column.
 */
public final class JdbcSessionStore implements SharedSessionStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSessionStore.class);

    private final DataSource dataSource;
    private final String table;
    private final KeyProtector protector;

    /**
     * @param table  the table name (letters, digits and underscores)
     * @param secret protects the session keys; the same secret must be given after a restart
     */
    public JdbcSessionStore(DataSource dataSource, String table, String secret) throws SQLException {
        this.dataSource = dataSource;
        this.table = JdbcTables.checkedName(table, "Session store table", "LIVEAGENT_SESSIONS");
        this.protector = new KeyProtector(secret);
        createTableIfMissing();
    }

    private void createTableIfMissing() throws SQLException {
        if (JdbcTables.createIfMissing(dataSource, table,
                "CREATE TABLE " + table + " (session_id VARCHAR(64) PRIMARY KEY, shard INT DEFAULT -1 NOT NULL,"
                                                          + " data VARCHAR(8000) NOT NULL)",
                "CREATE INDEX " + table + "_SHARD ON " + table + " (shard)")) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            String existing = JdbcTables.existing(c, table);
            boolean hasShard = false;
            try (ResultSet rs = c.getMetaData().getColumns(null, null, existing, null)) {
                while (rs.next()) {
                    hasShard |= "shard".equalsIgnoreCase(rs.getString("COLUMN_NAME"));
                }
            }
            if (!hasShard) {
                // a table of a single-node release: its chats belong to no shard until a cluster node saves them
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE " + table + " ADD COLUMN shard INT DEFAULT -1 NOT NULL");
                }
            }
        }
    }

    @Override
    public void save(SessionSnapshot snapshot) throws Exception {
        String data = StoredSession.JSON.writeValueAsString(StoredSession.of(snapshot, protector));
        try (Connection c = dataSource.getConnection()) {
            // portable upsert: update, then insert when nothing was there
            try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET data = ?, shard = ? WHERE session_id = ?")) {
                update.setString(1, data);
                update.setInt(2, snapshot.shard());
                update.setString(3, snapshot.id());
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (session_id, shard, data) VALUES (?, ?, ?)")) {
                insert.setString(1, snapshot.id());
                insert.setInt(2, snapshot.shard());
                insert.setString(3, data);
                insert.executeUpdate();
            }
        }
    }

    @Override
    public void remove(String sessionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE session_id = ?")) {
            delete.setString(1, sessionId);
            delete.executeUpdate();
        }
    }

    @Override
    public List<SessionSnapshot> loadAll() throws Exception {
        return load("SELECT session_id, data FROM " + table, null);
    }

    @Override
    public List<SessionSnapshot> loadShard(int shard) throws Exception {
        return load("SELECT session_id, data FROM " + table + " WHERE shard = ?", Integer.valueOf(shard));
    }

    @Override
    public SessionSnapshot load(String sessionId) throws Exception {
        List<SessionSnapshot> found = load("SELECT session_id, data FROM " + table + " WHERE session_id = ?", sessionId);
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public int shardOf(String sessionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT shard FROM " + table + " WHERE session_id = ?")) {
            select.setString(1, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    private List<SessionSnapshot> load(String sql, Object parameter) throws Exception {
        List<SessionSnapshot> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setObject(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    try {
                        all.add(StoredSession.JSON.readValue(rs.getString(2), StoredSession.class).toSnapshot(protector));
                    } catch (IOException | RuntimeException e) {
                        // one damaged row must not keep the other chats from resuming
                        LOG.error("Session {} in table {} cannot be read back and is skipped (its chat does not resume; the"
                                  + " row is left for inspection): {}", rs.getString(1), table, StoredSession.whyUnreadable(e));
                    }
                }
            }
        }
        return all;
    }

    @Override
    public String toString() {
        return "JdbcSessionStore[" + table + "]";
    }
}
