package io.github.camelliveagent.examples.quarkus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelliveagent.examples.bot.VisitorChannel;
import io.github.camelliveagent.examples.demo.DemoAgent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-off route under Camel Quarkus: the test is the visitor on the JMS channel; the emulator's agent answers. */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class HandOffRouteTest {

    @Inject
    ProducerTemplate producer;

    @Inject
    ConsumerTemplate consumer;

    @ConfigProperty(name = "emulator.control-url")
    String emulatorControl;

    @Test
    void theBotHandsTheVisitorToAnAgentWhoAnswersAndLeaves() throws Exception {
        say("Hello");
        assertLine(next(), "bot", "Hello! I can tell you our opening hours");

        say("My parcel is late, can I talk to a person?");
        assertLine(next(), "system", "I am connecting you to a person");
        assertLine(next(), "system", "Agent Smith joined the chat.");
        assertLine(next(), "system", "Agent Smith is typing...");
        assertLine(next(), "agent", DemoAgent.SCRIPT.get(0));

        say("It was ordered on Monday.");
        assertLine(next(), "system", "Agent Smith is typing...");
        assertLine(next(), "agent", DemoAgent.SCRIPT.get(1));
        say("That is all, thanks.");
        assertLine(next(), "system", "Agent Smith is typing...");
        assertLine(next(), "agent", DemoAgent.SCRIPT.get(2));
        assertLine(next(), "system", "Agent Smith left the chat.");

        // the agent's side, from the emulator's control API: Ada's chat, the bot context first, then her messages
        JsonNode sessions = get("/sessions");
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).path("visitorName").asText()).isEqualTo("Ada");
        assertThat(sessions.get(0).path("state").asText()).isEqualTo("ENDED");
        String transcript = get("/sessions/" + sessions.get(0).path("id").asText() + "/transcript").toString();
        assertThat(transcript).containsSubsequence("Ada talked to the bot", "It was ordered on Monday.", "That is all, thanks.");
    }

    private void say(String text) {
        producer.sendBodyAndHeaders("jms:queue:visitor.in", text,
                Map.of(VisitorChannel.VISITOR_ID, "ada-1", VisitorChannel.VISITOR_NAME, "Ada"));
    }

    private Message next() {
        Exchange e = consumer.receive("jms:queue:visitor.out", 10_000);
        assertThat(e).as("a message for the visitor").isNotNull();
        return e.getMessage();
    }

    private static void assertLine(Message m, String sender, String text) {
        assertThat(m.getBody(String.class)).startsWith(text);
        assertThat(m.getHeader(VisitorChannel.SENDER)).isEqualTo(sender);
        assertThat(m.getHeader(VisitorChannel.VISITOR_ID)).isEqualTo("ada-1");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(emulatorControl + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
