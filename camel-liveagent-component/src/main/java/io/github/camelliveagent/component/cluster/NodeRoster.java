package io.github.camelliveagent.component.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.github.camelliveagent.component.session.store.JdbcTables;

/**
 * Which nodes are alive, as they tell the shared database: each node notes itself every so often, so that a node can
 * tell its fair share of the shards. Advisory only: who owns a shard is the cluster service's election, never this
 * table. Created when missing: {@code CREATE TABLE <table> (node_id VARCHAR(128) PRIMARY KEY, seen_at BIGINT NOT NULL)}.
 */
public final class NodeRoster {

    private final DataSource dataSource;
    private final String table;

    public NodeRoster(DataSource dataSource, String table) throws SQLException {
        this.dataSource = dataSource;
        this.table = JdbcTables.checkedName(table, "Node roster table", "LIVEAGENT_NODES");
        JdbcTables.createIfMissing(dataSource, table,
                "CREATE TABLE " + table + " (node_id VARCHAR(128) PRIMARY KEY, seen_at BIGINT NOT NULL)");
    }

    /** This node is alive now. */
    public void beat(String nodeId) throws SQLException {
        long now = System.currentTimeMillis();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET seen_at = ? WHERE node_id = ?")) {
                update.setLong(1, now);
                update.setString(2, nodeId);
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (node_id, seen_at) VALUES (?, ?)")) {
                insert.setString(1, nodeId);
                insert.setLong(2, now);
                insert.executeUpdate();
            }
        }
    }

    /** How many nodes noted themselves within the given time (at least 1: the caller is alive). */
    public int alive(long withinMs) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE seen_at >= ?")) {
            select.setLong(1, System.currentTimeMillis() - withinMs);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Math.max(1, rs.getInt(1)) : 1;
            }
        }
    }

    /** A node that stops says so, so that the others count it out at once. */
    public void leave(String nodeId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE node_id = ? OR seen_at < ?")) {
            delete.setString(1, nodeId);
            // and forgets nodes gone for an hour, so that the table does not grow with every restart
            delete.setLong(2, System.currentTimeMillis() - 3_600_000L);
            delete.executeUpdate();
        }
    }
}
