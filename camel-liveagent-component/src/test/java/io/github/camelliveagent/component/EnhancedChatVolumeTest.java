package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.camelliveagent.component.enhanced.EnhancedChat;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many Enhanced Chat conversations at once on a few threads: each holds one open event stream on the component's
 * asynchronous HTTP client, messages go both ways in order, and once they end the component forgets them and closes
 * their streams.
 */
class EnhancedChatVolumeTest extends EnhancedChatTestSupport {

    private static final int CHATS = Integer.getInteger("enhanced.volume.chats", 100);
    private static final int MESSAGES = 3;

    @Override
    protected void configure(LiveAgentComponent liveagent) {
        super.configure(liveagent);
        liveagent.setEndedSessionRetention(500);
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    @Test
    void manyConversationsOnAFewThreads() {
        List<CompletableFuture<Exchange>> starts = new ArrayList<>();
        for (int i = 0; i < CHATS; i++) {
            starts.add(template().asyncSend("liveagent:startChat", e -> {
            }));
        }
        List<String> ids = starts.stream().map(CompletableFuture::join).map(e -> {
            assertThat(e.getException()).isNull();
            return e.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        }).toList();
        EnhancedChat chat = context().getComponent("liveagent", LiveAgentComponent.class).enhancedChat();
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                .allMatch(id -> !received.bodies(id, ChatRequestSuccess.class).isEmpty()));
        List<EnhancedConversation> servers = ids.stream().map(this::conversation).toList();
        servers.forEach(s -> s.accept("Agent Smith"));
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                .allMatch(id -> !received.bodies(id, ChatEstablished.class).isEmpty()));
        int openStreams = chat.openStreams();
        long ioThreads = threadsNamed("EnhancedChatHttpIO");

        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        for (int m = 1; m <= MESSAGES; m++) {
            for (int i = 0; i < CHATS; i++) {
                sends.add(sendInOrder("chatMessage", ids.get(i), "visitor " + m));
                servers.get(i).agentMessage("agent " + m);
            }
        }
        sends.forEach(f -> assertThat(f.join().getException()).isNull());
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                .allMatch(id -> received.bodies(id, ChatMessage.class).size() >= MESSAGES));
        List<String> expectedAgent = List.of("agent 1", "agent 2", "agent 3");
        List<String> expectedVisitor = List.of("visitor 1", "visitor 2", "visitor 3");
        long agentNotAsSent = ids.stream().filter(id -> !received.bodies(id, ChatMessage.class).stream()
                .map(ChatMessage::text).toList().equals(expectedAgent)).count();
        long visitorNotAsSent = servers.stream()
                .filter(s -> !s.transcript().visitorMessages().equals(expectedVisitor)).count();

        for (int i = 0; i < CHATS; i++) {
            if (i % 2 == 0) {
                servers.get(i).endChat();
            } else {
                sendInOrder("chatEnd", ids.get(i), null);
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                .allMatch(id -> received.bodies(id, ChatEnded.class).size() == 1));
        // ended by the visitor: forgotten after the retention; ended by the agent: the conversation may go on, its
        // stream is kept for the retention, then released
        await().atMost(Duration.ofSeconds(30)).until(() -> chat.size() == 0 && chat.openStreams() == 0);
        System.out.printf("enhanced volume: %d conversations, %d open streams on %d EnhancedChatHttpIO threads;"
                          + " agent messages not as sent %d, visitor messages not as sent %d; counts %s%n",
                CHATS, openStreams, ioThreads, agentNotAsSent, visitorNotAsSent, chat.counts());
        assertThat(openStreams).isEqualTo(CHATS);
        // one I/O dispatcher per core (ioThreads=0) and the reactor's own thread, whatever the number of chats
        assertThat(ioThreads).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() + 1L);
        assertThat(agentNotAsSent).isZero();
        assertThat(visitorNotAsSent).isZero();
    }
}
