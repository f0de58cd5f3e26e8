package io.github.camelliveagent.component.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * The failover tests' record of what the nodes' {@code liveagent:messages} routes processed, in the shared PostgreSQL:
 * {@code received_event} has one row per (session, {@code CamelLiveAgentSequence}), the first node's; an event that
 * comes again under a sequence already there (a redelivery, e.g. after a takeover) goes into
 * {@code redelivered_event} instead, so that the test can count redeliveries and check that each carried the same
 * event as the first delivery. This is what a route does with an idempotent consumer keyed on the sequence.
 */
public final class ReceivedEventTable {

    /** One processed event. */
    public record Row(String sessionId, long sequence, String node, String type, String text) {
    }

    private ReceivedEventTable() {
    }

    /** Creates both tables, once, before the nodes start (they never create them: three at once would race). */
    public static void create(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS received_event (session_id VARCHAR(64) NOT NULL, sequence BIGINT NOT NULL,"
                      + " node VARCHAR(32) NOT NULL, type VARCHAR(64) NOT NULL, text VARCHAR(4000),"
                      + " at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(), PRIMARY KEY (session_id, sequence))");
            s.execute("CREATE TABLE IF NOT EXISTS redelivered_event (id BIGSERIAL PRIMARY KEY, session_id VARCHAR(64) NOT NULL,"
                      + " sequence BIGINT NOT NULL, node VARCHAR(32) NOT NULL, type VARCHAR(64) NOT NULL, text VARCHAR(4000),"
                      + " at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())");
        }
    }

    /** Empties both tables (between two cases of one test class). */
    public static void clear(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE received_event, redelivered_event");
        }
    }

    /**
     * Records an event; returns false when its (session, sequence) was there already, in which case it is recorded as a
     * redelivery.
     */
    public static boolean record(DataSource ds, Row row) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO received_event (session_id, sequence, node, type,"
                                                               + " text) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                bind(insert, row);
                if (insert.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement again = c.prepareStatement("INSERT INTO redelivered_event (session_id, sequence, node, type,"
                                                              + " text) VALUES (?, ?, ?, ?, ?)")) {
                bind(again, row);
                again.executeUpdate();
            }
            return false;
        }
    }

    private static void bind(PreparedStatement st, Row row) throws SQLException {
        st.setString(1, row.sessionId());
        st.setLong(2, row.sequence());
        st.setString(3, row.node());
        st.setString(4, row.type());
        st.setString(5, row.text());
    }

    /** Every first delivery, per session in sequence order. */
    public static Map<String, List<Row>> received(DataSource ds) throws SQLException {
        return read(ds, "SELECT session_id, sequence, node, type, text FROM received_event ORDER BY session_id, sequence");
    }

    /** Every redelivery, per session in the order they were recorded. */
    public static Map<String, List<Row>> redelivered(DataSource ds) throws SQLException {
        return read(ds, "SELECT session_id, sequence, node, type, text FROM redelivered_event ORDER BY session_id, id");
    }

    private static Map<String, List<Row>> read(DataSource ds, String query) throws SQLException {
        Map<String, List<Row>> bySession = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                Row row = new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5));
                bySession.computeIfAbsent(row.sessionId(), k -> new ArrayList<>()).add(row);
            }
        }
        return bySession;
    }
}
