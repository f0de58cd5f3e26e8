package io.github.camelliveagent.examples.bot;

import java.util.Map;
import java.util.Optional;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.examples.ExamplesTestSupport;
import io.github.camelliveagent.examples.transcript.TranscriptRoute;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The test is the visitor on the JMS channel and the agent in the emulator. */
class ChatbotHandOffRouteTest extends ExamplesTestSupport {

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] { new ChatbotHandOffRoute(), new RouteBuilder() {
            @Override
            public void configure() {
                // stands in for the transcript route: records the visitor-side lines the hand-off route reports
                from(TranscriptRoute.VISITOR_LINES).to("mock:visitor-lines");
            }
        } };
    }

    @Test
    void theBotAnswersWithoutInvolvingLiveAgent() {
        int sessionsBefore = emulator().sessions().size();

        say("v1", "Ada", "Hello");
        assertLine(next("v1"), "bot", null, "Hello! I can tell you our opening hours");
        say("v1", "Ada", "When are you open?");
        assertLine(next("v1"), "bot", null, "We are open Monday to Friday, 9:00 to 17:00.");

        assertThat(emulator().sessions()).hasSize(sessionsBefore);
        assertThat(nextOrNull("v1", 200)).isNull();
    }

    @Test
    void handOffToAnAgentAndBack() throws Exception {
        say("v1", "Ada", "When are you open?");
        assertLine(next("v1"), "bot", null, "We are open");
        EmulatedSession agent = handOff("v1", "Ada", "I would like to talk to a person");
        assertThat(agent.visitorName()).isEqualTo("Ada");

        agent.accept(AGENT);
        assertLine(next("v1"), "system", "agentJoined", "Agent Smith joined the chat.");
        // the agent's first message of the chat is the bot conversation
        await().until(() -> agent.transcript().visitorMessages().size() == 1);
        assertThat(agent.transcript().visitorMessages().get(0))
                .contains("Ada: When are you open?", "Acme bot: We are open Monday to Friday",
                        "Ada: I would like to talk to a person");

        agent.agentTyping();
        assertLine(next("v1"), "system", "agentTyping", "Agent Smith is typing...");
        agent.agentMessage("Hello Ada, how can I help?");
        Message fromAgent = next("v1");
        assertLine(fromAgent, "agent", null, "Hello Ada, how can I help?");
        assertThat(fromAgent.getHeader(VisitorChannel.SENDER_NAME)).isEqualTo(AGENT);

        say("v1", "Ada", "My parcel is late");
        say("v1", "Ada", "It is number 4711");
        await().until(() -> agent.transcript().visitorMessages().size() == 3);
        assertThat(agent.transcript().visitorMessages()).endsWith("My parcel is late", "It is number 4711");

        agent.endChat();
        assertLine(next("v1"), "system", "chatEnded", "Agent Smith left the chat.");

        // back with the bot; the agent hears nothing more
        say("v1", "Ada", "Do you ship abroad?");
        assertLine(next("v1"), "bot", null, "Orders placed before 15:00");
        assertThat(agent.transcript().visitorMessages()).hasSize(3);

        // what the hand-off route reported to the transcript: the bot context, then the visitor's lines
        MockEndpoint lines = getMockEndpoint("mock:visitor-lines");
        lines.expectedMessageCount(3);
        lines.assertIsSatisfied(5_000);
        assertThat(lines.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader(TranscriptRoute.SPEAKER))
                .containsExactly("bot", null, null);
        assertThat(lines.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(String.class))
                .endsWith("My parcel is late", "It is number 4711");
    }

    @Test
    void theVisitorSayingByeEndsTheChat() {
        EmulatedSession agent = handOff("v1", "Ada", "agent please");
        agent.accept(AGENT);
        assertLine(next("v1"), "system", "agentJoined", "joined the chat");

        say("v1", "Ada", "Bye!");
        assertLine(next("v1"), "system", "chatEnded", "You ended the chat.");
        assertThat(agent.ended()).isTrue();
        assertThat(agent.transcript().visitorMessages()).last().isEqualTo("Bye!");
        assertThat(agent.transcript().visitorPosts()).extracting(p -> p.type()).last().isEqualTo("ChatEnd");
    }

    @Test
    void whenNoAgentIsAvailableTheVisitorIsToldAndStaysWithTheBot() {
        emulator().setAvailable("573000000000001", false);
        say("v1", "Ada", "I need a human");
        assertLine(next("v1"), "system", "connecting", "connecting you to a person");
        assertLine(next("v1"), "system", "noAgent", "no agent is available");

        say("v1", "Ada", "hello");
        assertLine(next("v1"), "bot", null, "Hello!");
    }

    @Test
    void twoVisitorsEachGetTheirOwnAgentsMessages() {
        EmulatedSession forAda = handOff("v1", "Ada", "a person please");
        EmulatedSession forBob = handOff("v2", "Bob", "can I talk to someone");
        assertThat(forAda.visitorName()).isEqualTo("Ada");
        assertThat(forBob.visitorName()).isEqualTo("Bob");
        forBob.accept("Agent Jones");
        forAda.accept(AGENT);
        assertLine(next("v2"), "system", "agentJoined", "Agent Jones joined");
        assertLine(next("v1"), "system", "agentJoined", "Agent Smith joined");

        forBob.agentMessage("Hi Bob");
        forAda.agentMessage("Hi Ada");
        assertLine(next("v1"), "agent", null, "Hi Ada");
        assertLine(next("v2"), "agent", null, "Hi Bob");

        say("v2", "Bob", "from Bob");
        say("v1", "Ada", "from Ada");
        await().until(() -> forAda.transcript().visitorMessages().contains("from Ada")
                            && forBob.transcript().visitorMessages().contains("from Bob"));
        assertThat(forAda.transcript().visitorMessages()).doesNotContain("from Bob");
        assertThat(forBob.transcript().visitorMessages()).doesNotContain("from Ada");
    }

    // ---- the visitor's side --------------------------------------------------------------------------------------

    private void say(String visitorId, String name, String text) {
        template().sendBodyAndHeaders("jms:queue:visitor.in", text,
                Map.of(VisitorChannel.VISITOR_ID, visitorId, VisitorChannel.VISITOR_NAME, name));
    }

    /** Asks for a person and returns the emulator's side of the chat the route started. */
    private EmulatedSession handOff(String visitorId, String name, String request) {
        int before = emulator().sessions().size();
        say(visitorId, name, request);
        assertLine(next(visitorId), "system", "connecting", "I am connecting you to a person");
        // the chat request reaches the emulator just after the visitor was told
        return await().until(() -> emulator().sessions().stream().skip(before)
                .filter(s -> name.equals(s.visitorName())).findFirst(), Optional::isPresent).get();
    }

    private Message next(String visitorId) {
        Message m = nextOrNull(visitorId, 10_000);
        assertThat(m).as("a message for visitor %s", visitorId).isNotNull();
        return m;
    }

    private Message nextOrNull(String visitorId, long timeoutMillis) {
        Exchange e = consumer().receive(
                "jms:queue:visitor.out?selector=RAW(" + VisitorChannel.VISITOR_ID + " = '" + visitorId + "')", timeoutMillis);
        return e == null ? null : e.getMessage();
    }

    private static void assertLine(Message m, String sender, String event, String textPart) {
        assertThat(m.getBody(String.class)).contains(textPart);
        assertThat(m.getHeader(VisitorChannel.SENDER)).as("sender of '%s'", m.getBody()).isEqualTo(sender);
        assertThat(m.getHeader(VisitorChannel.EVENT)).as("event of '%s'", m.getBody()).isEqualTo(event);
    }
}
