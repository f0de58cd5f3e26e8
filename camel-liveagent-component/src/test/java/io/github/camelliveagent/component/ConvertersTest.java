package io.github.camelliveagent.component;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.UnknownMessage;
import org.apache.camel.Exchange;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.TypeConversionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Event bodies convert to JSON (the wire envelope), bytes, a stream and a Map, and back, through Camel's type
 * converters (the generated loader is found on the class path; nothing registers it by hand).
 */
class ConvertersTest extends LiveAgentTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(received);
                // what a route would do before a queue or a topic: the typed event as JSON text
                from("liveagent:messages?messageTypes=ChatMessage").convertBodyTo(String.class).to("seda:json")
                        // as the other side of a queue would: the typed event again
                        .convertBodyTo(LiveAgentMessage.class).to("seda:typed");
            }
        };
    }

    @Test
    void anEventBodyBecomesItsWireEnvelopeAsJsonAndComesBack() throws Exception {
        String id = activeChat();
        serverSide(id).agentMessage("Hello, Ada");
        ChatMessage sent = received.await(id, ChatMessage.class);

        Exchange json = consumer().receive("seda:json", 10_000);
        assertThat(json).isNotNull();
        assertThat(json.getMessage().getBody()).isInstanceOf(String.class);
        JsonNode envelope = new ObjectMapper().readTree(json.getMessage().getBody(String.class));
        assertThat(envelope.get("type").asText()).isEqualTo("ChatMessage");
        assertThat(envelope.get("message").get("text").asText()).isEqualTo("Hello, Ada");
        assertThat(envelope.get("message").get("name").asText()).isEqualTo(sent.name());

        Exchange typed = consumer().receive("seda:typed", 10_000);
        assertThat(typed.getMessage().getBody()).isEqualTo(sent);
    }

    @Test
    void mapBytesAndStreamOfARealEvent() {
        String id = startChat();
        ChatRequestSuccess event = received.await(id, ChatRequestSuccess.class);

        Map<?, ?> map = convert(event, Map.class);
        assertThat(map.get("type")).isEqualTo("ChatRequestSuccess");
        assertThat(map.get("message")).isInstanceOf(Map.class);
        assertThat(convert(map, LiveAgentMessage.class)).isEqualTo(event);

        byte[] bytes = convert(event, byte[].class);
        assertThat(convert(bytes, LiveAgentMessage.class)).isEqualTo(event);
        assertThat(convert(event, java.io.InputStream.class)).isNotNull();
    }

    @Test
    void anUnknownMessageKeepsItsRawMessage() {
        UnknownMessage unknown = new UnknownMessage("FutureEvent", "{\"a\":[1,2],\"b\":\"x\"}");
        String json = convert(unknown, String.class);
        assertThat(json).isEqualTo("{\"type\":\"FutureEvent\",\"message\":{\"a\":[1,2],\"b\":\"x\"}}");
        assertThat(convert(json, LiveAgentMessage.class)).isEqualTo(unknown);
    }

    @Test
    void textThatIsNotAnEnvelopeFailsSayingWhatWasExpected() {
        assertThatThrownBy(() -> convert("{\"text\":\"hi\"}", LiveAgentMessage.class))
                .isInstanceOf(TypeConversionException.class).rootCause()
                .hasMessageContaining("{\"type\":\"<message type>\",\"message\":{…}}").hasMessageContaining("[text]");
        assertThatThrownBy(() -> convert("{\"type\":\"ChatMessage\",\"message\":[1]}", LiveAgentMessage.class))
                .rootCause().hasMessageContaining("ChatMessage").hasMessageContaining("must be a JSON object");
        System.out.println("converters checked: " + List.of("String", "byte[]", "InputStream", "Map", "back"));
    }

    private <T> T convert(Object value, Class<T> type) {
        try {
            return context().getTypeConverter().mandatoryConvertTo(type, new DefaultExchange(context()), value);
        } catch (NoTypeConversionAvailableException e) {
            throw new AssertionError("no converter from " + value.getClass().getName() + " to " + type.getName(), e);
        }
    }
}
