package io.github.camelliveagent.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.session.store.FileSessionStore;
import io.github.camelliveagent.component.session.store.JdbcSessionStore;
import io.github.camelliveagent.component.session.store.SessionStore;
import io.github.camelliveagent.emulator.junit.LiveAgentChats;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CamelContext stops in the middle of a conversation; a new one on the same persistent session store carries the
 * chat on: nothing lost, nothing doubled, and the session key is not stored in clear.
 */
class RestartTest {

    private static final String SECRET = "a-long-random-secret-from-the-vault";

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private CamelContext start(SessionStore store, ReceivedEvents received) throws Exception {
        return start(store, received, false);
    }

    private CamelContext start(SessionStore store, ReceivedEvents received, boolean idleTimeout) throws Exception {
        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentTestSupport.pointAt(liveagent, EMULATOR.baseUrl());
        liveagent.setSessionStore(store);
        liveagent.getConfiguration().setChasitorIdleTimeout(idleTimeout);
        return LiveAgentTestSupport.startedContext(liveagent, received);
    }

    private static void send(CamelContext context, String id, String text) {
        ProducerTemplate template = context.createProducerTemplate();
        Exchange out = template.request("liveagent:chatMessage", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setBody(text);
        });
        assertThat(out.getException()).isNull();
    }

    private static List<String> texts(ReceivedEvents received, String id) {
        return received.bodies(id, ChatMessage.class).stream().map(ChatMessage::text).toList();
    }

    private void conversationSurvivesARestart(SessionStore storeBefore, SessionStore storeAfter) throws Exception {
        ReceivedEvents before = new ReceivedEvents();
        CamelContext first = start(storeBefore, before);
        String id = first.createProducerTemplate().request("liveagent:startChat",
                e -> e.getMessage().setHeader(LiveAgentConstants.CORRELATION_ID, "visitor-42"))
                .getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        EmulatedSession server = EMULATOR.serverSide(id);
        before.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        before.await(id, ChatEstablished.class);
        send(first, id, "visitor 1");
        server.agentMessage("agent 1");
        server.agentMessage("agent 2");
        await().until(() -> texts(before, id).size() == 2);

        first.stop();
        // the agent goes on talking while the application is down
        server.agentMessage("agent 3");
        server.agentMessage("agent 4");

        ReceivedEvents after = new ReceivedEvents();
        CamelContext second = start(storeAfter, after);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> texts(after, id).size() >= 2);
            send(second, id, "visitor 2");
            server.agentMessage("agent 5");
            await().until(() -> texts(after, id).contains("agent 5"));

            assertThat(texts(before, id)).containsExactly("agent 1", "agent 2");
            assertThat(texts(after, id)).containsExactly("agent 3", "agent 4", "agent 5");
            assertThat(server.transcript().visitorMessages()).containsExactly("visitor 1", "visitor 2");
            assertThat(server.conflictCount()).isZero();
            // the route's own correlation value survives the restart too
            assertThat(after.of(id)).allSatisfy(e -> assertThat(e.headers()).containsEntry(LiveAgentConstants.CORRELATION_ID,
                    "visitor-42"));
        } finally {
            second.stop();
        }
    }

    @Test
    void fileStoreCarriesTheChatAcrossARestart() throws Exception {
        conversationSurvivesARestart(new FileSessionStore(dir, SECRET), new FileSessionStore(dir, SECRET));
        // ended sessions are removed, live ones are kept with the key encrypted
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertThat(Files.readString(f)).doesNotContain("!");
            }
        }
    }

    @Test
    void jdbcStoreCarriesTheChatAcrossARestart() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:sessions;DB_CLOSE_DELAY=-1");
        conversationSurvivesARestart(new JdbcSessionStore(ds, "LIVEAGENT_SESSIONS", SECRET),
                new JdbcSessionStore(ds, "LIVEAGENT_SESSIONS", SECRET));
    }

    /**
     * The component, not the server, makes the idle warning and the idle time-out: a chat restored from the store
     * watches the visitor's idleness again with the settings its ChatTransferred announced before the restart.
     */
    @Test
    void aRestoredChatStillWarnsAndEndsAnIdleVisitor() throws Exception {
        ReceivedEvents before = new ReceivedEvents();
        CamelContext first = start(new FileSessionStore(dir, SECRET), before, true);
        String id = LiveAgentChats.startChat(first.createProducerTemplate());
        EmulatedSession server = EMULATOR.serverSide(id);
        before.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        before.await(id, ChatEstablished.class);
        // the application stops before the warning is due: only the restored watch can warn
        com.fasterxml.jackson.databind.node.ObjectNode transferred = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode().put("name", "Agent Jones").put("userId", "005000000000002")
                .put("sneakPeekEnabled", false);
        transferred.putObject("chasitorIdleTimeout").put("isEnabled", true).put("warningTime", 3).put("timeout", 5);
        server.emit("ChatTransferred", transferred);
        before.await(id, io.github.camelliveagent.component.model.message.ChatTransferred.class);
        first.stop();

        ReceivedEvents after = new ReceivedEvents();
        CamelContext second = start(new FileSessionStore(dir, SECRET), after, true);
        try {
            var warning = after.await(id, io.github.camelliveagent.component.model.message.ChasitorIdleTimeoutWarning.class);
            assertThat(warning.event()).isEqualTo("triggered");
            assertThat(warning.timeout()).isEqualTo(5);
            after.await(id, io.github.camelliveagent.component.model.message.ChatEnded.class);
            assertThat(server.transcript().visitorPosts()).extracting(e -> e.type() + " " + e.body())
                    .anyMatch(p -> p.startsWith("ChasitorIdleTimeoutWarningEvent") && p.contains("triggered"))
                    .anyMatch(p -> p.startsWith("ChatEnd") && p.contains("clientIdleTimeout"));
        } finally {
            second.stop();
        }
    }

    @Test
    void storedKeyIsEncryptedAndNeedsTheSameSecret() throws Exception {
        FileSessionStore store = new FileSessionStore(dir, SECRET);
        var snapshot = new io.github.camelliveagent.component.session.SessionSnapshot("s-1",
                "3f2c9a7e-1111-2222-3333-444455556666!1700000000000!c2VjcmV0", "abcd1234", "http://127.0.0.1:1", "52",
                LiveAgentTestSupport.ORG_ID, 40, io.github.camelliveagent.component.session.SessionState.ACTIVE, 7, 12, 99,
                "visitor-42", 13, 12, java.util.List.of(), java.util.List.of(), 0, 0, false);
        store.save(snapshot);
        try (Stream<Path> files = Files.list(dir)) {
            String text = Files.readString(files.findFirst().orElseThrow());
            assertThat(text).doesNotContain("3f2c9a7e").doesNotContain("c2VjcmV0").contains("abcd1234");
        }
        assertThat(new FileSessionStore(dir, SECRET).loadAll()).singleElement()
                .satisfies(s -> assertThat(s.key()).isEqualTo(snapshot.key()));
        // another secret reads nothing back (the file is skipped with an ERROR, see SessionStoreSafetyTest)
        assertThat(new FileSessionStore(dir, "another-secret-entirely").loadAll()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FileSessionStore(dir, "short"))
                .hasMessageContaining("16 characters");
    }
}
