package io.github.camelliveagent.component.enhanced;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDBC conversation store on H2: the table made when missing, the token encrypted at rest, a round trip, and a
 * damaged row skipped with an ERROR naming it that never quotes a token. (A restart of the component on it:
 * {@code BothApisConversationTest}.)
 */
class JdbcConversationStoreTest {

    private static final String SECRET = "a-long-random-secret-from-the-vault";
    /** Shaped like a JWT (header.payload.signature) so that a leak would be recognisable. */
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ2Mi9pYW1lc3NhZ2UvQU5PTi94In0.c2lnbmF0dXJlLXNlY3JldA";

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private AbstractAppender capture;
    private JdbcDataSource dataSource;

    @BeforeEach
    void setUp() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:conversations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        capture = new AbstractAppender("conversation-store", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                String line = event.getLoggerName() + " " + event.getMessage().getFormattedMessage()
                              + (event.getThrown() == null ? "" : " " + event.getThrown());
                logLines.add(line);
                if (event.getLevel().isMoreSpecificThan(Level.ERROR)) {
                    errors.add(line);
                }
            }
        };
        capture.start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        ctx.updateLoggers();
    }

    @AfterEach
    void stopCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().removeAppender(capture.getName());
        ctx.updateLoggers();
    }

    private static SavedConversation conversation(String id, List<String> processed) {
        return new SavedConversation(id, "visitor-42", TOKEN, "1042", 1_764_252_000_123L, 7,
                new boolean[] { true, false, false, false }, Map.of("_firstName", "Ada"), processed);
    }

    private List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getString(i)).append(' ');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Test
    void aConversationRoundTripsWithItsTokenEncryptedAtRest() throws Exception {
        String id = UUID.randomUUID().toString();
        JdbcConversationStore store = new JdbcConversationStore(dataSource, "LIVEAGENT_CONVERSATIONS", SECRET);
        store.save(conversation(id, List.of("e-1", "e-2")));
        store.save(conversation(id, List.of("e-1", "e-2", "e-3"))); // replaced, not added

        List<String> stored = rows("SELECT * FROM LIVEAGENT_CONVERSATIONS");
        // a store made on the existing table (a restart) reads what the first one wrote
        List<SavedConversation> loaded = new JdbcConversationStore(dataSource, "LIVEAGENT_CONVERSATIONS", SECRET).loadAll();
        System.out.println("conversation store: rows " + stored.size() + ", read back " + loaded.size());
        assertThat(stored).singleElement().satisfies(row -> assertThat(row).contains(id).contains("1042")
                .doesNotContain(TOKEN).doesNotContain("eyJ").doesNotContain("c2lnbmF0dXJlLXNlY3JldA"));
        assertThat(loaded).singleElement().satisfies(c -> {
            assertThat(c.conversationId()).isEqualTo(id);
            assertThat(c.accessToken()).isEqualTo(TOKEN);
            assertThat(c.correlationId()).isEqualTo("visitor-42");
            assertThat(c.lastEventId()).isEqualTo("1042");
            assertThat(c.lastEntryTimestamp()).isEqualTo(1_764_252_000_123L);
            assertThat(c.nextIndex()).isEqualTo(7);
            assertThat(c.progress()).containsExactly(true, false, false, false);
            assertThat(c.routingAttributes()).containsExactly(Map.entry("_firstName", "Ada"));
            assertThat(c.processedEntries()).containsExactly("e-1", "e-2", "e-3");
        });

        store.remove(id);
        assertThat(store.loadAll()).isEmpty();
    }

    @Test
    void aDamagedRowIsSkippedWithAnErrorNamingItAndNeverQuotingAToken() throws Exception {
        JdbcConversationStore store = new JdbcConversationStore(dataSource, "LIVEAGENT_CONVERSATIONS", SECRET);
        String healthy = UUID.randomUUID().toString();
        String otherSecret = UUID.randomUUID().toString();
        String cutOff = UUID.randomUUID().toString();
        store.save(conversation(healthy, List.of()));
        new JdbcConversationStore(dataSource, "LIVEAGENT_CONVERSATIONS", "another-secret-entirely")
                .save(conversation(otherSecret, List.of()));
        String sealed = rows("SELECT access_token FROM LIVEAGENT_CONVERSATIONS WHERE conversation_id = '" + healthy + "'")
                .get(0).trim();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // cut off mid-write, with a token pasted where the parser stops: its error message would quote it
            s.executeUpdate("INSERT INTO LIVEAGENT_CONVERSATIONS VALUES ('" + cutOff + "', '" + sealed
                            + "', '{\"conversationId\":" + TOKEN + "', '[]')");
        }

        List<SavedConversation> loaded = store.loadAll();
        System.out.println("conversation store: rows 3, read back " + loaded.size() + ", errors logged " + errors.size());
        errors.forEach(e -> System.out.println("  " + e));
        assertThat(loaded).singleElement().satisfies(c -> assertThat(c.conversationId()).isEqualTo(healthy));
        assertThat(errors).hasSize(2);
        assertThat(errors).anyMatch(e -> e.contains(otherSecret) && e.contains("LIVEAGENT_CONVERSATIONS")
                                         && e.contains("skipped") && e.contains("secret"));
        assertThat(errors).anyMatch(e -> e.contains(cutOff) && e.contains("skipped") && e.contains("not valid JSON"));
        assertThat(logLines).noneMatch(l -> l.contains(TOKEN) || l.contains("eyJ") || l.contains("c2lnbmF0dXJl"));
        assertThat(rows("SELECT conversation_id FROM LIVEAGENT_CONVERSATIONS")).as("left for inspection").hasSize(3);
    }

    @Test
    void whatDoesNotFitItsColumnIsTrimmedOrRefusedWithoutShowingIt() throws Exception {
        JdbcConversationStore store = new JdbcConversationStore(dataSource, "LIVEAGENT_CONVERSATIONS", SECRET);
        String id = UUID.randomUUID().toString();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(UUID.randomUUID().toString());
        }
        store.save(conversation(id, many));
        List<String> kept = store.loadAll().get(0).processedEntries();

        String hugeToken = TOKEN + "x".repeat(JdbcConversationStore.COLUMN_SIZE);
        SavedConversation tooLarge = new SavedConversation(id, null, hugeToken, "1", 0, 0, new boolean[4], Map.of(),
                List.of());
        System.out.println("conversation store: processed entries 150, kept " + kept.size());
        assertThat(kept).as("the newest that fit").isNotEmpty().isEqualTo(many.subList(many.size() - kept.size(), many.size()));
        assertThatThrownBy(() -> store.save(tooLarge)).hasMessageContaining("access_token")
                .hasMessageContaining(String.valueOf(JdbcConversationStore.COLUMN_SIZE))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("eyJ"));
        assertThatThrownBy(() -> new JdbcConversationStore(dataSource, "bad name; DROP", SECRET))
                .hasMessageContaining("LIVEAGENT_CONVERSATIONS");
        assertThatThrownBy(() -> new JdbcConversationStore(dataSource, "LIVEAGENT_CONVERSATIONS", "short"))
                .hasMessageContaining("16 characters");
    }
}
