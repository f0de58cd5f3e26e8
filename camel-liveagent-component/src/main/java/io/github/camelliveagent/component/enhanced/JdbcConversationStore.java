package io.github.camelliveagent.component.enhanced;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.github.camelliveagent.component.session.store.JdbcTables;
import io.github.camelliveagent.component.session.store.KeyProtector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Enhanced Chat conversations in a table of any JDBC database, one row each, for applications that already run
 * one (several nodes reading one table is not what it is for: a conversation's stream belongs to one node). The table
 * is created when missing:
 * {@code CREATE TABLE <table> (conversation_id VARCHAR(64) PRIMARY KEY, access_token VARCHAR(4000) NOT NULL,
 * state VARCHAR(4000) NOT NULL, processed_entries VARCHAR(4000) NOT NULL)}: the access token AES-GCM encrypted under
 * the secret (as {@link io.github.camelliveagent.component.session.store.JdbcSessionStore} keeps session keys), the
 * rest plain JSON. Three columns of at most 4,000 characters, rather than one large one, because no large text type
 * is common to the databases (CLOB, TEXT, VARCHAR(MAX)) while VARCHAR(4000) is. A row that does not read back
 * (damaged, or saved under another secret) is skipped with an ERROR naming the conversation and left in place.
 */
public final class JdbcConversationStore implements ConversationStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConversationStore.class);
    static final int COLUMN_SIZE = 4000;

    private final DataSource dataSource;
    private final String table;
    private final KeyProtector protector;

    /**
     * @param table  the table name (letters, digits and underscores), e.g. {@code LIVEAGENT_CONVERSATIONS}
     * @param secret protects the access tokens (16 characters or more); the same secret must be given after a restart
     */
    public JdbcConversationStore(DataSource dataSource, String table, String secret) throws SQLException {
        this.dataSource = dataSource;
        this.table = JdbcTables.checkedName(table, "Conversation store table", "LIVEAGENT_CONVERSATIONS");
        this.protector = new KeyProtector(secret);
        createTableIfMissing();
    }

    private void createTableIfMissing() throws SQLException {
        JdbcTables.createIfMissing(dataSource, table,
                "CREATE TABLE " + table + " (conversation_id VARCHAR(64) PRIMARY KEY, access_token VARCHAR(" + COLUMN_SIZE
                                                      + ") NOT NULL, state VARCHAR(" + COLUMN_SIZE + ") NOT NULL, processed_entries"
                                                      + " VARCHAR(" + COLUMN_SIZE + ") NOT NULL)");
    }

    @Override
    public void save(SavedConversation conversation) throws IOException {
        String token = fitting("access_token", protector.protect(conversation.accessToken()));
        String state = fitting("state", SavedConversationJson.JSON.writeValueAsString(SavedConversationJson.state(conversation)));
        String processed = processedEntries(conversation);
        try (Connection c = dataSource.getConnection()) {
            // portable upsert: update, then insert when nothing was there
            try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET access_token = ?, state = ?,"
                                                               + " processed_entries = ? WHERE conversation_id = ?")) {
                update.setString(1, token);
                update.setString(2, state);
                update.setString(3, processed);
                update.setString(4, conversation.conversationId());
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (conversation_id, access_token,"
                                                               + " state, processed_entries) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, conversation.conversationId());
                insert.setString(2, token);
                insert.setString(3, state);
                insert.setString(4, processed);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IOException("Conversation " + conversation.conversationId() + " could not be saved in table " + table
                                  + ": " + e.getMessage(), e);
        }
    }

    /**
     * The entries processed lately, as many of the newest as the column holds: a shorter memory only means that an
     * older entry a reopened stream replays is recognised by its event id instead (the stream position).
     */
    private static String processedEntries(SavedConversation conversation) throws IOException {
        List<String> entries = conversation.processedEntries();
        String json = SavedConversationJson.JSON.writeValueAsString(entries);
        int from = 0;
        while (json.length() > COLUMN_SIZE && from < entries.size()) {
            from++;
            json = SavedConversationJson.JSON.writeValueAsString(entries.subList(from, entries.size()));
        }
        return json;
    }

    /** A value too long for its column fails the save naming the column, never showing the value. */
    private String fitting(String column, String value) throws IOException {
        if (value.length() > COLUMN_SIZE) {
            throw new IOException("the " + column + " of the conversation is " + value.length() + " characters, more than"
                                  + " its column holds (" + COLUMN_SIZE + ")");
        }
        return value;
    }

    @Override
    public void remove(String conversationId) throws IOException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE conversation_id = ?")) {
            delete.setString(1, conversationId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("Conversation " + conversationId + " could not be removed from table " + table + ": "
                                  + e.getMessage(), e);
        }
    }

    @Override
    public List<SavedConversation> loadAll() throws IOException {
        List<SavedConversation> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT conversation_id, access_token, state, processed_entries FROM " + table)) {
            while (rs.next()) {
                String id = rs.getString(1);
                try {
                    SavedConversation saved = SavedConversationJson.read(SavedConversationJson.JSON.readTree(rs.getString(3)),
                            SavedConversationJson.JSON.readTree(rs.getString(4)), protector.reveal(rs.getString(2)));
                    if (!saved.conversationId().equals(id)) {
                        throw new IllegalArgumentException("its state names another conversation");
                    }
                    all.add(saved);
                } catch (IOException | RuntimeException e) {
                    // one damaged row must not keep the other conversations from resuming
                    LOG.error("Enhanced Chat conversation {} in table {} cannot be read back and is skipped (it does not"
                              + " resume; the row is left for inspection): {}", id, table,
                            SavedConversationJson.whyUnreadable(e));
                }
            }
        } catch (SQLException e) {
            throw new IOException("The conversations in table " + table + " could not be read: " + e.getMessage(), e);
        }
        return all;
    }

    @Override
    public boolean isPersistent() {
        return true;
    }

    @Override
    public String toString() {
        return "JdbcConversationStore[" + table + "]";
    }
}
