package io.github.camelliveagent.component;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.session.SessionState;
import io.github.camelliveagent.component.session.store.FileSessionStore;
import io.github.camelliveagent.component.session.store.JdbcSessionStore;
import io.github.camelliveagent.component.session.SessionSnapshot;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The session stores' safety: a secret left as placeholder text is refused, the file store's files and directory are
 * the owner's only, and one damaged session file does not keep the application or the other chats from resuming.
 */
class SessionStoreSafetyTest {

    private static final String SECRET = "a-long-random-secret-from-the-vault";

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private AbstractAppender capture;

    @BeforeEach
    void captureErrors() {
        capture = new AbstractAppender("store-errors", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().isMoreSpecificThan(Level.ERROR)) {
                    errors.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage());
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

    private static SessionSnapshot snapshot(String id) {
        return new SessionSnapshot(id, id + "!1764252000123!q+Zr/9Xw0kLmNoPqRsTuVw==", "abcd1234", "http://127.0.0.1:1",
                "52", LiveAgentTestSupport.ORG_ID, 40, SessionState.ACTIVE, 7, 12, 99, null, 13, 12, java.util.List.of(), java.util.List.of(), 0, 0, false);
    }

    @Test
    void aSecretLeftAsPlaceholderTextIsRefusedNamingTheOption() {
        // what README used to show: Camel Main leaves ${…} as it is, so this 25-character text became the secret
        for (String unresolved : List.of("${LIVEAGENT_STORE_SECRET}", "{{LIVEAGENT_STORE_SECRET}}",
                "prefix-${env:LIVEAGENT_STORE_SECRET}")) {
            LiveAgentComponent liveagent = new LiveAgentComponent();
            LiveAgentTestSupport.pointAt(liveagent, EMULATOR.baseUrl());
            liveagent.setSessionStoreDirectory(dir.resolve("sessions").toString());
            liveagent.setSessionStoreSecret(unresolved);
            CamelContext context = new DefaultCamelContext();
            context.addComponent("liveagent", liveagent);
            try {
                assertThatThrownBy(context::start)
                        .rootCause()
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("Option sessionStoreSecret")
                        .hasMessageContaining("unresolved placeholder")
                        .hasMessageContaining("{{env:NAME}}");
            } finally {
                context.stop();
            }
        }
        assertThatThrownBy(() -> new FileSessionStore(dir, "${LIVEAGENT_STORE_SECRET}"))
                .hasMessageContaining("'${LIVEAGENT_STORE_SECRET}'");
    }

    @Test
    void filesAreTheOwnersOnlyAndSoIsTheDirectoryTheStoreCreates() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).as("a POSIX file system").contains("posix");
        Path sessions = dir.resolve("state").resolve("sessions");
        FileSessionStore store = new FileSessionStore(sessions, SECRET);
        store.save(snapshot("5a2f1c3e-8d4b-4f6a-9e7c-0b1d2e3f4a5b"));
        store.save(snapshot("5a2f1c3e-8d4b-4f6a-9e7c-0b1d2e3f4a5b")); // replaced in place: still the owner's only

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sessions))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(sessions)) {
            List<Path> all = files.toList();
            System.out.println("store: files " + all.size());
            assertThat(all).singleElement().satisfies(f -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        }
    }

    @Test
    void aDamagedSessionFileIsSkippedWithAnErrorAndTheOtherChatResumes() throws Exception {
        Path sessions = dir.resolve("sessions");
        ReceivedEvents before = new ReceivedEvents();
        CamelContext first = start(sessions, before);
        String damaged = startChat(first);
        String healthy = startChat(first);
        EmulatedSession healthyServer = EMULATOR.emulator().awaitSession(healthy, Duration.ofSeconds(10));
        before.await(healthy, ChatRequestSuccess.class);
        before.await(damaged, ChatRequestSuccess.class);
        healthyServer.accept("Agent Smith");
        before.await(healthy, ChatEstablished.class);
        first.stop();

        Path damagedFile = sessions.resolve("session-" + damaged + ".json");
        assertThat(damagedFile).exists();
        Files.writeString(damagedFile, "{\"id\":\"" + damaged + "\",\"protectedKey\":"); // cut off mid-write
        Path foreign = sessions.resolve("session-not-ours.json");
        Files.writeString(foreign, "{\"id\":\"x\"}"); // valid JSON, but not a session

        healthyServer.agentMessage("still there?");
        ReceivedEvents after = new ReceivedEvents();
        CamelContext second = start(sessions, after);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> after.bodies(healthy, ChatMessage.class).stream()
                    .anyMatch(m -> m.text().equals("still there?")));
            System.out.println("store: errors logged " + errors.size());
            assertThat(errors).anyMatch(e -> e.contains(damagedFile.toString()) && e.contains("skipped"));
            assertThat(errors).anyMatch(e -> e.contains(foreign.toString()) && e.contains("skipped"));
            assertThat(after.of(damaged)).isEmpty();
            assertThat(damagedFile).as("left for inspection").exists();
        } finally {
            second.stop();
        }
    }

    @Test
    void aDamagedRowOfTheJdbcStoreIsSkippedWithAnErrorNamingIt() throws Exception {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:mem:safety;DB_CLOSE_DELAY=-1");
        JdbcSessionStore store = new JdbcSessionStore(ds, "LIVEAGENT_SESSIONS", SECRET);
        store.save(snapshot("5a2f1c3e-8d4b-4f6a-9e7c-0b1d2e3f4a5b"));
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO LIVEAGENT_SESSIONS (session_id, data) VALUES ('damaged-row', '{\"id\":')");
        }
        List<SessionSnapshot> loaded = store.loadAll();
        System.out.println("store: rows read back " + loaded.size() + ", errors logged " + errors.size());
        assertThat(loaded).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo("5a2f1c3e-8d4b-4f6a-9e7c-0b1d2e3f4a5b"));
        assertThat(errors).anyMatch(e -> e.contains("damaged-row") && e.contains("LIVEAGENT_SESSIONS") && e.contains("skipped"));
    }

    private static CamelContext start(Path sessions, ReceivedEvents received) throws Exception {
        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentTestSupport.pointAt(liveagent, EMULATOR.baseUrl());
        liveagent.setSessionStoreDirectory(sessions.toString());
        liveagent.setSessionStoreSecret(SECRET);
        return LiveAgentTestSupport.startedContext(liveagent, received);
    }

    private static String startChat(CamelContext context) {
        return context.createProducerTemplate().request("liveagent:startChat", e -> {
        }).getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
    }
}
