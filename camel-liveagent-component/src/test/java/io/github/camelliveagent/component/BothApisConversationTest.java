package io.github.camelliveagent.component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.camelliveagent.component.model.message.AgentNotTyping;
import io.github.camelliveagent.component.model.message.AgentTyping;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.ChatTransferred;
import io.github.camelliveagent.component.enhanced.JdbcConversationStore;
import io.github.camelliveagent.component.session.store.JdbcSessionStore;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.transcript.TranscriptEntry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same conversation scenarios, word for word, over both APIs ({@code api=liveAgent} and {@code api=enhancedChat})
 * against the one emulator over loopback: the route and the agent's script do not change, only the option does. This
 * is issue 14's promise that a route moves by one option; where the APIs differ (what the server records for typing,
 * what a dropped connection is) the difference is named in one place, {@link #typingPosts} and {@link #dropConnection}.
 */
class BothApisConversationTest {

    private static final String SECRET = "a-long-random-secret-from-the-vault";

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(5)).build();

    @TempDir
    Path storeDirectory;

    private CamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.stop();
        }
        EMULATOR.emulator().faults().clear();
    }

    /** A component on the emulator for one API, with nothing else set but what that API needs. */
    private static LiveAgentComponent component(LiveAgentApi api) {
        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentConfiguration c = liveagent.getConfiguration();
        c.setApi(api);
        if (api == LiveAgentApi.enhancedChat) {
            c.setHostname(EMULATOR.baseUrl());
            c.setOrganizationId(EMULATOR.emulator().enhancedChat().orgId());
            c.setEsDeveloperName(EMULATOR.emulator().enhancedChat().esDeveloperName());
        } else {
            LiveAgentTestSupport.pointAt(liveagent, EMULATOR.baseUrl());
            c.setVisitorName("Ada");
        }
        c.setPollRetryDelay(50);
        return liveagent;
    }

    private LiveAgentComponent persistent(LiveAgentApi api) {
        LiveAgentComponent liveagent = component(api);
        liveagent.setSessionStoreDirectory(storeDirectory.toString());
        liveagent.setSessionStoreSecret(SECRET);
        return liveagent;
    }

    private static Exchange send(CamelContext context, String operation, String id, Object body) {
        Exchange out = context.createProducerTemplate().request("liveagent:" + operation, e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setBody(body);
        });
        if (out.getException() != null) {
            throw new AssertionError(operation + " failed", out.getException());
        }
        return out;
    }

    /** startChat, then the agent joins: returns once the route has seen ChatEstablished. */
    private static String activeChat(CamelContext context, ReceivedEvents received) {
        Exchange started = send(context, "startChat", null, null);
        String id = started.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        assertThat(id).isNotBlank();
        received.await(id, ChatRequestSuccess.class);
        EMULATOR.serverSide(id).accept("Agent Smith");
        assertThat(received.await(id, ChatEstablished.class).name()).isEqualTo("Agent Smith");
        return id;
    }

    private static List<String> agentTexts(ReceivedEvents received, String id) {
        return received.bodies(id, ChatMessage.class).stream().map(ChatMessage::text).toList();
    }

    /** What the server records for the visitor's typing: Live Agent's POST nouns, Enhanced Chat's entry types. */
    private static List<String> typingPosts(LiveAgentApi api) {
        return api == LiveAgentApi.enhancedChat ? List.of("TypingStartedIndicator", "TypingStoppedIndicator")
                : List.of("ChasitorTyping", "ChasitorNotTyping");
    }

    /** The connection that carries the agent's events drops: Live Agent's long poll, Enhanced Chat's event stream. */
    private static void dropConnection(LiveAgentApi api, EmulatedSession server) {
        if (api == LiveAgentApi.enhancedChat) {
            server.faults().dropStream();
        } else {
            server.faults().dropNextPoll();
        }
    }

    @ParameterizedTest
    @EnumSource(LiveAgentApi.class)
    void startMessagesBothWaysTypingTransferAndTheAgentEnds(LiveAgentApi api) throws Exception {
        ReceivedEvents received = new ReceivedEvents();
        context = LiveAgentTestSupport.startedContext(component(api), received);
        String id = activeChat(context, received);
        EmulatedSession server = EMULATOR.serverSide(id);

        send(context, "chatMessage", id, "hello, I need help");
        server.agentMessage("Hi Ada, how can I help?");
        await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(received, id).contains("Hi Ada, how can I help?"));
        assertThat(received.bodies(id, ChatMessage.class).get(0).name()).isEqualTo("Agent Smith");

        send(context, "chasitorTyping", id, null);
        send(context, "chasitorNotTyping", id, null);
        server.agentTyping();
        server.agentNotTyping();
        received.await(id, AgentNotTyping.class);

        server.transfer("Agent Brown");
        assertThat(received.await(id, ChatTransferred.class).name()).isEqualTo("Agent Brown");
        server.agentMessage("Brown here");
        await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(received, id).contains("Brown here"));
        send(context, "chatMessage", id, "thanks, Brown");
        server.endChat();
        ChatEnded ended = received.await(id, ChatEnded.class);

        List<ReceivedEvents.Event> events = received.of(id);
        List<String> typing = server.transcript().visitorPosts().stream().map(TranscriptEntry::type)
                .filter(typingPosts(api)::contains).toList();
        System.out.println(api + ": conversation " + id + ": " + events.size() + " events " + received.types(id)
                           + "; server has visitor messages " + server.transcript().visitorMessages() + ", typing "
                           + typing);
        assertThat(received.types(id)).containsSubsequence("ChatRequestSuccess", "ChatEstablished", "ChatMessage",
                "AgentTyping", "AgentNotTyping", "ChatTransferred", "ChatMessage", "ChatEnded");
        assertThat(agentTexts(received, id)).as("the visitor's own messages never come back as the agent's")
                .containsExactly("Hi Ada, how can I help?", "Brown here");
        assertThat(received.bodies(id, AgentTyping.class)).hasSize(1);
        assertThat(ended.reason()).isEqualTo("agent");
        assertThat(received.bodies(id, ChatEnded.class)).hasSize(1);
        assertThat(server.transcript().visitorMessages()).containsExactly("hello, I need help", "thanks, Brown");
        assertThat(typing).containsExactlyElementsOf(typingPosts(api));
        assertThat(events).extracting(ReceivedEvents.Event::sequence).as("numbered in order, none twice")
                .isSorted().doesNotHaveDuplicates();
        assertThat(events).allSatisfy(e -> assertThat(e.redelivered()).isFalse());
        // Enhanced Chat's agent messages name their entry (for receipts); Live Agent has no entries
        assertThat(events).filteredOn(e -> e.body() instanceof ChatMessage)
                .allSatisfy(e -> assertThat(e.headers().containsKey(LiveAgentConstants.ENTRY_ID))
                        .isEqualTo(api == LiveAgentApi.enhancedChat));
    }

    @ParameterizedTest
    @EnumSource(LiveAgentApi.class)
    void theVisitorEndsTheChatAndLaterOperationsFail(LiveAgentApi api) throws Exception {
        ReceivedEvents received = new ReceivedEvents();
        context = LiveAgentTestSupport.startedContext(component(api), received);
        String id = activeChat(context, received);
        EmulatedSession server = EMULATOR.serverSide(id);
        send(context, "chatMessage", id, "that is all, bye");

        Exchange end = send(context, "chatEnd", id, null);
        ChatEnded ended = received.await(id, ChatEnded.class);
        Exception late = context.createProducerTemplate().request("liveagent:chatMessage", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setBody("anyone?");
        }).getException();

        System.out.println(api + ": conversation " + id + ": " + received.types(id) + "; late send: "
                           + (late == null ? null : late.getMessage()));
        assertThat(end.getMessage().getHeader(LiveAgentConstants.SESSION_ID)).isEqualTo(id);
        assertThat(ended.reason()).isEqualTo("client");
        assertThat(server.transcript().visitorMessages()).containsExactly("that is all, bye");
        assertThat(late).isInstanceOf(LiveAgentException.class).hasMessageContaining("ended");
        await().atMost(Duration.ofSeconds(10)).until(server::ended);
    }

    @ParameterizedTest
    @EnumSource(LiveAgentApi.class)
    void aDroppedConnectionLosesAndDoublesNothing(LiveAgentApi api) throws Exception {
        ReceivedEvents received = new ReceivedEvents();
        context = LiveAgentTestSupport.startedContext(component(api), received);
        String id = activeChat(context, received);
        EmulatedSession server = EMULATOR.serverSide(id);

        dropConnection(api, server);
        server.agentMessage("one");
        dropConnection(api, server);
        server.agentMessage("two");
        server.agentMessage("three");
        send(context, "chatMessage", id, "still here");
        await().atMost(Duration.ofSeconds(15)).until(() -> agentTexts(received, id).size() >= 3);

        List<ReceivedEvents.Event> events = received.of(id);
        System.out.println(api + ": after two dropped connections: " + agentTexts(received, id) + ", " + events.size()
                           + " events " + received.types(id));
        assertThat(agentTexts(received, id)).containsExactly("one", "two", "three");
        assertThat(server.transcript().visitorMessages()).containsExactly("still here");
        assertThat(events).extracting(ReceivedEvents.Event::sequence).as("numbered in order, none twice")
                .isSorted().doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(LiveAgentApi.class)
    void aRestartOnAFileStoreCarriesTheChatOn(LiveAgentApi api) throws Exception {
        restartCarriesTheChatOn(api, () -> persistent(api), () -> {
        });
    }

    @ParameterizedTest
    @EnumSource(LiveAgentApi.class)
    void aRestartOnAJdbcStoreCarriesTheChatOn(LiveAgentApi api) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:both-apis-" + api + ";DB_CLOSE_DELAY=-1");
        restartCarriesTheChatOn(api, () -> {
            LiveAgentComponent liveagent = component(api);
            try {
                // each API's own store, both in the one database; a new store object per start, as after a restart
                liveagent.setSessionStore(new JdbcSessionStore(ds, "LIVEAGENT_SESSIONS", SECRET));
                liveagent.setConversationStore(new JdbcConversationStore(ds, "LIVEAGENT_CONVERSATIONS", SECRET));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return liveagent;
        }, () -> {
            // while the application is down: the chat is in its API's table, the token or key only encrypted
            String table = api == LiveAgentApi.enhancedChat ? "LIVEAGENT_CONVERSATIONS" : "LIVEAGENT_SESSIONS";
            List<String> rows = new java.util.ArrayList<>();
            try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.append(rs.getString(i)).append(' ');
                    }
                    rows.add(row.toString());
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            System.out.println(api + ": rows in " + table + " while down: " + rows.size());
            assertThat(rows).singleElement().satisfies(row -> assertThat(row).doesNotContain("eyJ"));
        });
    }

    private void restartCarriesTheChatOn(LiveAgentApi api, java.util.function.Supplier<LiveAgentComponent> persistent,
                                         Runnable whileDown) throws Exception {
        ReceivedEvents before = new ReceivedEvents();
        CamelContext first = LiveAgentTestSupport.startedContext(persistent.get(), before);
        String id;
        EmulatedSession server;
        try {
            id = activeChat(first, before);
            server = EMULATOR.serverSide(id);
            send(first, "chatMessage", id, "visitor 1");
            server.agentMessage("agent 1");
            await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(before, id).contains("agent 1"));
        } finally {
            first.stop();
        }
        whileDown.run();
        // the agent goes on while the application is down
        server.agentMessage("agent 2");
        server.agentMessage("agent 3");

        ReceivedEvents after = new ReceivedEvents();
        context = LiveAgentTestSupport.startedContext(persistent.get(), after);
        await().atMost(Duration.ofSeconds(20)).until(() -> agentTexts(after, id).size() >= 2);
        send(context, "chatMessage", id, "visitor 2");
        server.agentMessage("agent 4");
        await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(after, id).contains("agent 4"));
        server.endChat();
        after.await(id, ChatEnded.class);

        List<ReceivedEvents.Event> all = new java.util.ArrayList<>(before.of(id));
        all.addAll(after.of(id));
        System.out.println(api + ": before the restart " + before.types(id) + ", after " + after.types(id)
                           + "; server has visitor messages " + server.transcript().visitorMessages());
        assertThat(agentTexts(before, id)).containsExactly("agent 1");
        assertThat(agentTexts(after, id)).as("what was said during the downtime once, nothing processed before again")
                .containsExactly("agent 2", "agent 3", "agent 4");
        assertThat(after.bodies(id, ChatEstablished.class)).as("the agent joined before the restart").isEmpty();
        assertThat(server.transcript().visitorMessages()).containsExactly("visitor 1", "visitor 2");
        assertThat(all).extracting(ReceivedEvents.Event::sequence).as("the numbering goes on across the restart")
                .isSorted().doesNotHaveDuplicates();
    }
}
