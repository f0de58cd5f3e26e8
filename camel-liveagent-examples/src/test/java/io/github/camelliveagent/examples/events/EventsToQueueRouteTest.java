package io.github.camelliveagent.examples.events;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.examples.ExamplesTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;

import static io.github.camelliveagent.examples.events.EventsToQueueRoute.MESSAGE_TYPE;
import static io.github.camelliveagent.examples.events.EventsToQueueRoute.SEQUENCE;
import static io.github.camelliveagent.examples.events.EventsToQueueRoute.SESSION_ID;
import static org.assertj.core.api.Assertions.assertThat;

class EventsToQueueRouteTest extends ExamplesTestSupport {

    private static final String QUEUE = "jms:queue:liveagent.events";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new EventsToQueueRoute();
    }

    @Test
    void everyEventOfEverySessionIsOnTheQueueWithSessionIdTypeAndSequence() throws Exception {
        String first = startChat();
        String second = startChat();
        EmulatedSession a = serverSide(first);
        EmulatedSession b = serverSide(second);
        a.accept(AGENT);
        b.accept("Agent Jones");
        a.agentTyping();
        a.agentMessage("Hello from Smith");
        b.agentMessage("Hello from Jones");
        b.endChat();
        a.endChat();

        List<Message> onQueue = receive(QUEUE, 9);
        assertThat(receiveOne(QUEUE, 200)).as("nothing else on the queue").isNull();

        assertThat(ofSession(onQueue, first)).extracting(m -> m.getHeader(MESSAGE_TYPE))
                .containsExactly("ChatRequestSuccess", "ChatEstablished", "AgentTyping", "ChatMessage", "ChatEnded");
        assertThat(ofSession(onQueue, first)).extracting(m -> m.getHeader(SEQUENCE, Long.class))
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(ofSession(onQueue, second)).extracting(m -> m.getHeader(MESSAGE_TYPE))
                .containsExactly("ChatRequestSuccess", "ChatEstablished", "ChatMessage", "ChatEnded");

        // the body is the event's wire envelope as JSON, and converts back to the typed event
        JsonNode envelope = json(ofSession(onQueue, first).get(3));
        assertThat(envelope.path("type").asText()).isEqualTo("ChatMessage");
        assertThat(envelope.path("message").path("name").asText()).isEqualTo(AGENT);
        assertThat(envelope.path("message").path("text").asText()).isEqualTo("Hello from Smith");
        assertThat(json(ofSession(onQueue, second).get(3)).path("message").path("reason").asText()).isEqualTo("agent");
        assertThat(ofSession(onQueue, first).get(3).getBody(LiveAgentMessage.class)).isInstanceOf(ChatMessage.class)
                .extracting(m -> ((ChatMessage) m).text()).isEqualTo("Hello from Smith");
    }

    @Test
    void aDownstreamConsumerSelectsOneChatsMessagesByJmsProperties() throws Exception {
        String wanted = startChat();
        String other = startChat();
        serverSide(wanted).accept(AGENT);
        serverSide(other).accept(AGENT);
        serverSide(other).agentMessage("not for you");
        serverSide(wanted).agentMessage("for you");
        serverSide(wanted).agentMessage("and this");

        String selector = "?selector=RAW(" + SESSION_ID + " = '" + wanted + "' AND " + MESSAGE_TYPE + " = 'ChatMessage')";
        List<Message> selected = receive(QUEUE + selector, 2);
        assertThat(selected).extracting(m -> json(m).path("message").path("text").asText()).containsExactly("for you", "and this");
        assertThat(receiveOne(QUEUE + selector, 200)).isNull();
    }

    @Test
    void anEventBodyGoesToJmsAsItIs() {
        // no conversion in the route: camel-jms finds the component's type converter and sends the JSON as bytes
        ChatMessage event = new ChatMessage(AGENT, "as it is", "005000000000001", null);
        template().sendBody("jms:queue:liveagent.events.raw", event);
        Message received = receiveOne("jms:queue:liveagent.events.raw", 10_000);
        assertThat(received).isNotNull();
        assertThat(json(received).path("type").asText()).isEqualTo("ChatMessage");
        assertThat(received.getBody(LiveAgentMessage.class)).isEqualTo(event);
    }

    private List<Message> receive(String uri, int count) {
        List<Message> messages = new ArrayList<>();
        while (messages.size() < count) {
            Message m = receiveOne(uri, 10_000);
            assertThat(m).as("message %d of %d on %s", messages.size() + 1, count, uri).isNotNull();
            messages.add(m);
        }
        return messages;
    }

    private Message receiveOne(String uri, long timeoutMillis) {
        Exchange e = consumer().receive(uri, timeoutMillis);
        return e == null ? null : e.getMessage();
    }

    private static List<Message> ofSession(List<Message> messages, String sessionId) {
        return messages.stream().filter(m -> sessionId.equals(m.getHeader(SESSION_ID))).toList();
    }

    private static JsonNode json(Message m) {
        try {
            return new ObjectMapper().readTree(m.getBody(String.class));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + m.getBody(String.class), e);
        }
    }
}
