package io.github.camelliveagent.component;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.ChatTransferred;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A graceful restart on a file session store with api=enhancedChat: the conversation resumes where the routes were
 * (same conversation, stream from the last processed event, what the agent said meanwhile delivered once, nothing
 * processed before delivered again, the mapping state kept), and the token is not stored in clear.
 */
class EnhancedChatRestartTest extends EnhancedChatTestSupport {

    private static final String SECRET = "a-long-random-secret-from-the-vault";

    @TempDir
    Path storeDirectory;

    private LiveAgentComponent component() {
        LiveAgentComponent liveagent = new LiveAgentComponent();
        configure(liveagent);
        liveagent.setSessionStoreDirectory(storeDirectory.toString());
        liveagent.setSessionStoreSecret(SECRET);
        return liveagent;
    }

    private static List<String> texts(ReceivedEvents events, String id) {
        return events.bodies(id, ChatMessage.class).stream().map(ChatMessage::text).toList();
    }

    @Test
    void aConversationResumesAfterARestart() throws Exception {
        ReceivedEvents before = new ReceivedEvents();
        CamelContext first = startedContext(component(), before);
        String id;
        EnhancedConversation server;
        try {
            Exchange started = first.createProducerTemplate().request("liveagent:startChat", e -> {
            });
            assertThat(started.getException()).isNull();
            id = started.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
            server = conversation(id);
            before.await(id, ChatRequestSuccess.class);
            server.accept("Agent Smith");
            before.await(id, ChatEstablished.class);
            server.agentMessage("before the restart");
            await().atMost(Duration.ofSeconds(10)).until(() -> texts(before, id).contains("before the restart"));
        } finally {
            first.stop();
        }
        try (Stream<Path> files = Files.list(storeDirectory)) {
            List<Path> saved = files.filter(f -> f.getFileName().toString().startsWith("conversation-")).toList();
            assertThat(saved).hasSize(1);
            String json = Files.readString(saved.get(0), StandardCharsets.UTF_8);
            assertThat(json).contains(id).doesNotContain("eyJ"); // a JWT starts eyJ: the token is stored encrypted
        }

        server.agentMessage("while you were away");
        ReceivedEvents after = new ReceivedEvents();
        CamelContext second = startedContext(component(), after);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> texts(after, id).contains("while you were away"));
            server.transfer("Agent Brown");
            assertThat(after.await(id, ChatTransferred.class).name()).isEqualTo("Agent Brown");
            Exchange said = second.createProducerTemplate().request("liveagent:chatMessage", e -> {
                e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
                e.getMessage().setBody("and I am back");
            });
            assertThat(said.getException()).isNull();
            assertThat(server.transcript().visitorMessages()).containsExactly("and I am back");
            System.out.println("before the restart " + before.types(id) + "; after " + after.types(id));
            assertThat(texts(after, id)).containsExactly("while you were away");
            assertThat(after.bodies(id, ChatEstablished.class)).as("the agent joined before the restart").isEmpty();
            long lastBefore = before.of(id).get(before.of(id).size() - 1).sequence();
            assertThat(after.of(id).get(0).sequence()).as("numbering goes on").isEqualTo(lastBefore + 1);
        } finally {
            second.stop();
        }
    }
}
