package io.github.camelliveagent.component.session.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Makes the component's tables in a user's database, portably: names checked before they go into SQL, a table made
 * only when missing, and two nodes starting at once both coming out with the table.
 */
public final class JdbcTables {

    private JdbcTables() {
    }

    /**
     * @param  what                     what the table is for, as the error names it (e.g. "Session store table")
     * @param  example                  a valid name to suggest
     * @return                          the name, when it is letters, digits and underscores (it is put into SQL)
     * @throws IllegalArgumentException naming {@code what} and the example otherwise
     */
    public static String checkedName(String table, String what, String example) {
        if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException(what + " name '" + table
                                               + "' is not valid: use letters, digits and underscores, e.g. " + example);
        }
        return table;
    }

    /** The table's name as the database reports it (its case may differ), or null when there is no such table. */
    public static String existing(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, null, new String[] { "TABLE" })) {
            while (rs.next()) {
                if (table.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                    return rs.getString("TABLE_NAME");
                }
            }
        }
        return null;
    }

    /**
     * Runs the statements that make the table (and its indexes) when it is missing.
     *
     * @return whether this call made it
     */
    public static boolean createIfMissing(DataSource dataSource, String table, String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (existing(c, table) != null) {
                return false;
            }
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            } catch (SQLException e) {
                // another node starting at the same moment made it first
                if (existing(c, table) != null) {
                    return false;
                }
                throw e;
            }
            return true;
        }
    }
}
