package io.github.camelliveagent.component;

import java.time.Duration;

import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LiveAgentLifecycleTest extends LiveAgentTestSupport {

    @Test
    void visitorStartsTalksAndEndsTheChat() {
        String id = startChat();
        assertThat(id).isNotBlank();
        EmulatedSession server = serverSide(id);
        assertThat(server.visitorName()).isEqualTo("Ada");

        ChatRequestSuccess queued = received.await(id, ChatRequestSuccess.class);
        assertThat(queued.type()).isEqualTo("ChatRequestSuccess");

        server.accept("Agent Smith");
        ChatEstablished established = received.await(id, ChatEstablished.class);
        assertThat(established.name()).isEqualTo("Agent Smith");

        send("chatMessage", id, "Hello, I need help");
        server.agentMessage("Hi Ada, how can I help?");
        ChatMessage fromAgent = received.await(id, ChatMessage.class);
        assertThat(fromAgent.text()).isEqualTo("Hi Ada, how can I help?");
        assertThat(fromAgent.name()).isEqualTo("Agent Smith");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.transcript().visitorMessages().contains("Hello, I need help"));

        Exchange end = send("chatEnd", id, null);
        assertThat(end.getMessage().getHeader(LiveAgentConstants.SESSION_ID)).isEqualTo(id);
        ChatEnded ended = received.await(id, ChatEnded.class);
        assertThat(ended.reason()).isEqualTo("client");

        assertThat(received.types(id)).containsSubsequence("ChatRequestSuccess", "ChatEstablished", "ChatMessage", "ChatEnded");
        assertThat(server.transcript().visitorPosts()).extracting(e -> e.type())
                .containsExactly("ChasitorInit", "ChatMessage", "ChatEnd");
        assertThat(server.transcript().visitorPosts()).extracting(e -> e.sequence()).containsExactly(1L, 2L, 3L);

        // events carry their place in the stream, in order
        assertThat(received.of(id)).extracting(ReceivedEvents.Event::sequence).isSorted().doesNotHaveDuplicates();

        // the loop stops after ChatEnded: the session holds no poll any more
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.pollInFlight());

        Exception late = sendFailing("chatMessage", id, "anyone?");
        assertThat(late).isInstanceOf(LiveAgentException.class).hasMessageContaining("ended").hasMessageContaining(id);
    }

    @Test
    void everyEventCarriesTheCorrelationValueGivenToStartChat() {
        Exchange started = template().request("liveagent:startChat",
                e -> e.getMessage().setHeader(LiveAgentConstants.CORRELATION_ID, "visitor-7"));
        String id = started.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        EmulatedSession server = serverSide(id);
        received.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        received.await(id, ChatEstablished.class);
        assertThat(received.of(id)).isNotEmpty().allSatisfy(e -> assertThat(e.headers())
                .containsEntry(LiveAgentConstants.CORRELATION_ID, "visitor-7"));
    }

    @Test
    void agentEndsTheChat() {
        String id = startChat();
        EmulatedSession server = serverSide(id);
        received.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        received.await(id, ChatEstablished.class);

        server.endChat();
        ChatEnded ended = received.await(id, ChatEnded.class);
        assertThat(ended.reason()).isEqualTo("agent");

        Exception late = sendFailing("chatMessage", id, "hello?");
        assertThat(late).isInstanceOf(LiveAgentException.class).hasMessageContaining("ended");
    }

    @Test
    void chatRequestFailEndsTheSessionAndFailsWaitingMessages() throws Exception {
        emulator().setAvailable(BUTTON_ID, false);
        try {
            String id = startChat();
            ChatRequestFail fail = received.await(id, ChatRequestFail.class);
            assertThat(fail.reason()).isEqualTo("Unavailable");
            Exception e = sendFailing("chatMessage", id, "is anyone there?");
            assertThat(e).isInstanceOf(LiveAgentException.class).hasMessageContaining("ended");
        } finally {
            emulator().setAvailable(BUTTON_ID, true);
        }
    }

    @Test
    void everyAgentEventBecomesAnExchange() {
        String id = startChat();
        EmulatedSession server = serverSide(id);
        received.await(id, ChatRequestSuccess.class);
        server.queueUpdate(2);
        server.accept("Agent Smith");
        server.agentTyping();
        server.agentNotTyping();
        server.customEvent("color", "blue");
        server.fileTransfer("Requested");
        server.transfer("Agent Jones");
        server.agentDisconnect();
        server.emit("SomethingNew", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("x", 1));
        server.endChat();
        received.await(id, ChatEnded.class);
        assertThat(received.types(id)).containsExactly("ChatRequestSuccess", "QueueUpdate", "ChatEstablished", "AgentTyping",
                "AgentNotTyping", "CustomEvent", "FileTransfer", "ChatTransferred", "AgentDisconnect", "SomethingNew",
                "ChatEnded");
        var unknown = received.of(id).stream().filter(e -> e.type().equals("SomethingNew")).findFirst().orElseThrow();
        assertThat(unknown.body()).isInstanceOf(io.github.camelliveagent.component.model.message.UnknownMessage.class);
        assertThat(((io.github.camelliveagent.component.model.message.UnknownMessage) unknown.body()).rawJson()).contains("\"x\":1");
    }
}
