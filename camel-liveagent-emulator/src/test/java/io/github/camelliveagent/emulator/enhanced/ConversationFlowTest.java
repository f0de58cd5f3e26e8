package io.github.camelliveagent.emulator.enhanced;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.agent.AgentBehaviours;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The vertical slice of Enhanced Chat over real HTTP: token, create, stream, agent joins and speaks, visitor speaks, close. */
class ConversationFlowTest extends EnhancedChatTestBase {

    @Test
    void tokenIsASignedJwtNamingTheFifteenCharacterOrg() throws Exception {
        EnhancedClient c = new EnhancedClient(emu.baseUrl(), emu.enhancedChat());
        Reply r = c.mint(c.tokenRequest());

        assertThat(r.status()).isEqualTo(200);
        String jwt = r.json().path("accessToken").asText();
        assertThat(jwt.split("\\.")).hasSize(3);
        JsonNode claims = io.github.camelliveagent.emulator.session.Json.read(new String(
                Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(claims.path("orgId").asText()).isEqualTo("00D000000000001");
        assertThat(claims.path("sub").asText()).startsWith("v2/iamessage/ANON/");
        assertThat(claims.path("exp").asLong()).isGreaterThan(claims.path("iat").asLong());
        assertThat(r.json().path("lastEventId").isTextual()).as("lastEventId is a string").isTrue();
        assertThat(r.json().path("lastEventId").asText()).matches("\\d+");
        assertThat(r.json().path("context").path("configuration").path("embeddedServiceConfig").path("name").asText())
                .isEqualTo("Emulated_Custom_Client");
    }

    @Test
    void createdConversationIsRoutedThenTheAgentJoinsAndSpeaks() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = c.stream()) {
            SseFrame routed = s.await("CONVERSATION_ROUTING_RESULT");
            assertThat(routed.json().path("conversationId").asText()).isEqualTo(id);
            assertThat(routed.payload().path("routingType").asText()).isEqualTo("Initial");
            assertThat(routed.payload().path("failureType").asText()).isEqualTo("None");
            assertThat(c.status(id).json().path("routingStatus").asText()).isEqualTo("NEEDS_ROUTING");

            emu.awaitConversation(id, Duration.ofSeconds(5)).accept("Ann");
            SseFrame joined = s.await("CONVERSATION_PARTICIPANT_CHANGED");
            JsonNode entry = joined.payload().path("entries").path(0);
            assertThat(entry.path("operation").asText()).isEqualTo("add");
            assertThat(entry.path("participant").path("role").asText()).isEqualTo("Agent");
            assertThat(entry.path("displayName").asText()).isEqualTo("Ann");
            assertThat(c.status(id).json().path("routingStatus").asText()).isEqualTo("ROUTED");

            emu.conversation(id).agentMessage("Hello, I am Ann");
            SseFrame said = s.await("CONVERSATION_MESSAGE");
            assertThat(said.role()).isEqualTo("Agent");
            assertThat(said.json().path("conversationEntry").path("senderDisplayName").asText()).isEqualTo("Ann");
            assertThat(said.payload().path("abstractMessage").path("staticContent").path("text").asText())
                    .isEqualTo("Hello, I am Ann");
            assertThat(Long.parseLong(said.id())).as("ids increase").isGreaterThan(Long.parseLong(joined.id()));
            assertThat(Long.parseLong(joined.id())).isGreaterThan(Long.parseLong(routed.id()));
        }
    }

    @Test
    void visitorMessageIsAcceptedEchoedAsEndUserAndReachesTheAgent() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            String messageId = EnhancedClient.uuid();
            Reply r = c.message(id, messageId, "I need help", false);

            assertThat(r.status()).isEqualTo(202);
            assertThat(r.json().path("conversationEntries").path(0).path("id").asText()).isEqualTo(messageId);
            SseFrame echo = s.await(f -> f.event().equals("CONVERSATION_MESSAGE") && f.role().equals("EndUser"));
            assertThat(echo.json().path("conversationEntry").path("identifier").asText()).isEqualTo(messageId);
            assertThat(echo.payload().path("abstractMessage").path("staticContent").path("text").asText())
                    .isEqualTo("I need help");
            assertThat(emu.conversation(id).transcript().visitorMessages()).containsExactly("I need help");
        }
    }

    @Test
    void closeSendsCloseConversationAndRefusesLaterMessages() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            Reply r = c.close(id);

            assertThat(r.status()).isEqualTo(204);
            SseFrame closed = s.await("CONVERSATION_CLOSE_CONVERSATION");
            assertThat(closed.payload().path("conversationIdentifier").asText()).isEqualTo(id);
            assertThat(emu.conversation(id).state()).isEqualTo(SessionState.GONE);
            Reply later = c.message(id, "still there?");
            assertThat(later.status()).isEqualTo(400);
            assertThat(later.json().path("message").asText()).contains("closed");
        }
    }

    @Test
    void scriptedAgentBehavioursDriveConversationsToo() {
        try (LiveAgentEmulator echo = EmulatorTestBase.eventIndexBuilder().agent(AgentBehaviours.echo("Bot")).build().start()) {
            EnhancedClient c = new EnhancedClient(echo.baseUrl(), echo.enhancedChat()).login();
            String id = EnhancedClient.uuid();
            try (SseStream s = c.stream()) {
                assertThat(c.create(id, Map.of()).status()).isEqualTo(201);
                s.await("CONVERSATION_PARTICIPANT_CHANGED");
                assertThat(c.message(id, "ping").status()).isEqualTo(202);

                SseFrame reply = s.await(f -> f.event().equals("CONVERSATION_MESSAGE") && f.role().equals("Agent"));
                assertThat(reply.payload().path("abstractMessage").path("staticContent").path("text").asText())
                        .isEqualTo("echo: ping");
            }
        }
    }
}
