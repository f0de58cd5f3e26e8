package io.github.camelliveagent.emulator.enhanced;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** miaw-api.md §5.7 and §9.17–21: how the scripted agent's actions reach the end user, and the routing status. */
class AgentEventsTest extends EnhancedChatTestBase {

    @Test
    void queuePositionIsSentWhileWaiting() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = c.stream()) {
            emu.awaitConversation(id, Duration.ofSeconds(5)).queueUpdate(3);

            assertThat(s.await("CONVERSATION_QUEUE_POSITION").payload().path("position").asInt()).isEqualTo(3);
        }
    }

    @Test
    void agentTypingStartsAndStops() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            emu.conversation(id).agentTyping();
            emu.conversation(id).agentNotTyping();

            SseFrame started = s.await("CONVERSATION_TYPING_STARTED_INDICATOR");
            SseFrame stopped = s.await("CONVERSATION_TYPING_STOPPED_INDICATOR");
            assertThat(started.role()).isEqualTo("Agent");
            assertThat(stopped.payload().path("entryType").asText()).isEqualTo("TypingStoppedIndicator");
            assertThat(c.entries(id, "entryTypeFilter=TypingStartedIndicator").json().path("conversationEntries"))
                    .as("typing is not history").isEmpty();
        }
    }

    @Test
    void transferRemovesTheAgentRoutesAgainAndAddsTheNewOne() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            emu.conversation(id).transfer("Bob");

            SseFrame added = s.await(f -> f.event().equals("CONVERSATION_PARTICIPANT_CHANGED")
                    && f.payload().path("entries").path(0).path("displayName").asText().equals("Bob"));
            List<String> sequence = s.events().stream()
                    .filter(f -> Long.parseLong(f.id()) <= Long.parseLong(added.id()))
                    .map(f -> f.event() + ":" + switch (f.event()) {
                        case "CONVERSATION_PARTICIPANT_CHANGED" -> f.payload().path("entries").path(0).path("operation").asText()
                                + " " + f.payload().path("entries").path(0).path("displayName").asText();
                        case "CONVERSATION_ROUTING_RESULT" -> f.payload().path("routingType").asText();
                        default -> f.payload().path("sessionStatus").asText();
                    }).toList();
            assertThat(sequence).endsWith("CONVERSATION_PARTICIPANT_CHANGED:remove Ann", "CONVERSATION_ROUTING_RESULT:Transfer",
                    "CONVERSATION_PARTICIPANT_CHANGED:add Bob");
            assertThat(c.status(id).json().path("routingStatus").asText()).isEqualTo("ROUTED");
            emu.conversation(id).agentMessage("Bob here");
            assertThat(s.await(f -> f.event().equals("CONVERSATION_MESSAGE")).json().path("conversationEntry")
                    .path("senderDisplayName").asText()).isEqualTo("Bob");
        }
    }

    @Test
    void transferToAQueueWaitsForTheNextAgent() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            EnhancedConversation conv = emu.conversation(id);
            conv.transferToButton();

            assertThat(conv.state()).isEqualTo(SessionState.QUEUED);
            assertThat(c.status(id).json().path("routingStatus").asText()).isEqualTo("TRANSFER");
            conv.accept("Cy");
            s.await(f -> f.event().equals("CONVERSATION_PARTICIPANT_CHANGED")
                    && f.payload().path("entries").path(0).path("displayName").asText().equals("Cy"));
            assertThat(c.status(id).json().path("routingStatus").asText()).isEqualTo("ROUTED");
        }
    }

    @Test
    void agentEndingEndsTheSessionNotTheConversationAndAMessageRoutesAgain() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            emu.conversation(id).endChat();

            SseFrame ended = s.await(f -> f.event().equals("CONVERSATION_SESSION_STATUS_CHANGED")
                    && f.payload().path("sessionStatus").asText().equals("Ended"));
            assertThat(ended.payload().path("sessionEndedByRole").asText()).isEqualTo("Agent");
            assertThat(s.events()).anySatisfy(f -> assertThat(f.event().equals("CONVERSATION_PARTICIPANT_CHANGED")
                    && f.payload().path("entries").path(0).path("operation").asText().equals("remove")).isTrue());
            assertThat(s.events()).noneMatch(f -> f.event().equals("CONVERSATION_CLOSE_CONVERSATION"));
            assertThat(c.status(id).json().path("routingStatus").asText()).isEqualTo("NEEDS_ROUTING");
            assertThat(emu.conversation(id).state()).isEqualTo(SessionState.ENDED);

            assertThat(c.message(id, "one more thing").status()).isEqualTo(202);
            List<SseFrame> routings = s.awaitCount(f -> f.event().equals("CONVERSATION_ROUTING_RESULT"), 2);
            assertThat(routings.get(1).payload().path("routingType").asText()).isEqualTo("Initial");
            assertThat(emu.conversation(id).sessionCount()).isEqualTo(2);
            assertThat(emu.conversation(id).state()).isEqualTo(SessionState.QUEUED);
        }
    }

    @Test
    void endUserEndingTheSessionKeepsTheConversationOpen() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            Reply r = c.endSession(id);

            assertThat(r.status()).isEqualTo(204);
            SseFrame ended = s.await(f -> f.event().equals("CONVERSATION_SESSION_STATUS_CHANGED")
                    && f.payload().path("sessionStatus").asText().equals("Ended"));
            assertThat(ended.payload().path("sessionEndedByRole").asText()).isEqualTo("EndUser");
            assertThat(c.list(null).json().path("openConversationsFound").asInt()).isEqualTo(1);
            assertThat(emu.conversation(id).closed()).isFalse();
        }
    }

    @Test
    void routingFailuresCarryTheirTypeAndReason() {
        EnhancedClient c = client();
        String rejected = created(c);
        String failed = created(c);
        try (SseStream s = c.stream()) {
            emu.awaitConversation(rejected, Duration.ofSeconds(5)).reject("No agents online");
            emu.awaitConversation(failed, Duration.ofSeconds(5)).routingFailure("Cancelled", null);

            SseFrame first = s.await(f -> f.event().equals("CONVERSATION_ROUTING_RESULT")
                    && f.json().path("conversationId").asText().equals(rejected)
                    && !f.payload().path("failureType").asText().equals("None"));
            SseFrame second = s.await(f -> f.event().equals("CONVERSATION_ROUTING_RESULT")
                    && f.json().path("conversationId").asText().equals(failed)
                    && !f.payload().path("failureType").asText().equals("None"));
            assertThat(first.payload().path("failureType").asText()).isEqualTo("RoutingError");
            assertThat(first.payload().path("failureReason").asText()).isEqualTo("No agents online");
            assertThat(second.payload().path("failureType").asText()).isEqualTo("Cancelled");
            assertThat(emu.conversation(rejected).state()).isEqualTo(SessionState.ENDED);
            assertThatThrownBy(() -> emu.conversation(failed).routingFailure("Bogus", null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bogus");
        }
    }

    @Test
    void agentReceiptsAcknowledgeTheEndUsersMessage() {
        EnhancedClient c = client();
        String id = created(c);
        try (SseStream s = joined(c, id)) {
            String messageId = EnhancedClient.uuid();
            c.message(id, messageId, "did you get this?", false);
            emu.conversation(id).agentReceipt("Delivery", null);
            emu.conversation(id).agentReceipt("Read", messageId);

            SseFrame delivered = s.await("CONVERSATION_DELIVERY_ACKNOWLEDGEMENT");
            SseFrame read = s.await("CONVERSATION_READ_ACKNOWLEDGEMENT");
            assertThat(delivered.payload().path("acknowledgedConversationEntryIdentifier").asText()).isEqualTo(messageId);
            assertThat(delivered.json().path("conversationEntry").path("relatedRecords").path(0).asText()).isEqualTo(messageId);
            assertThat(read.payload().path("entryType").asText()).isEqualTo("ReadAcknowledgement");
        }
    }

    @Test
    void liveAgentOnlyActionsAreRefusedWithTheReason() {
        EnhancedClient c = client();
        EnhancedConversation conv = emu.awaitConversation(created(c), Duration.ofSeconds(5));
        conv.accept("Ann");

        assertThatThrownBy(() -> conv.customEvent("t", "d")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("custom events");
        assertThatThrownBy(() -> conv.fileTransfer("Requested")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(conv::agentDisconnect).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> conv.accept("Bob")).as("already active").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sessionStatusEventsCanBeSwitchedOff() {
        try (LiveAgentEmulator quiet = EmulatorTestBase.eventIndexBuilder().enhancedChat(EnhancedChatSettings.builder()
                .sessionStatusEvents(false).build()).build().start()) {
            EnhancedClient c = new EnhancedClient(quiet.baseUrl(), quiet.enhancedChat()).login();
            String id = EnhancedClient.uuid();
            try (SseStream s = c.stream()) {
                c.create(id, Map.of());
                quiet.awaitConversation(id, Duration.ofSeconds(5)).accept("Ann");
                quiet.conversation(id).endChat();
                s.awaitCount(f -> f.event().equals("CONVERSATION_PARTICIPANT_CHANGED"), 2);

                assertThat(s.events()).extracting(SseFrame::event).containsExactly("CONVERSATION_ROUTING_RESULT",
                        "CONVERSATION_PARTICIPANT_CHANGED", "CONVERSATION_PARTICIPANT_CHANGED");
            }
        }
    }

    @Test
    void perSessionPrechatAnswers417UntilTheNewSessionFlagComes() {
        try (LiveAgentEmulator prechat = EmulatorTestBase.eventIndexBuilder().enhancedChat(EnhancedChatSettings.builder()
                .prechatPerSession(true).build()).build().start()) {
            EnhancedClient c = new EnhancedClient(prechat.baseUrl(), prechat.enhancedChat()).login();
            String id = EnhancedClient.uuid();
            c.create(id, Map.of());
            EnhancedConversation conv = prechat.awaitConversation(id, Duration.ofSeconds(5));
            conv.accept("Ann");
            assertThat(c.message(id, "during the session").status()).isEqualTo(202);
            conv.endChat();

            Reply refused = c.message(id, "after it");
            String messageId = EnhancedClient.uuid();
            Reply accepted = c.message(id, messageId, "after it", true);

            assertThat(refused.status()).isEqualTo(417);
            assertThat(refused.json().path("message").asText()).contains("isNewMessagingSession");
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(conv.sessionCount()).isEqualTo(2);
            assertThat(conv.transcript().visitorMessages()).containsExactly("during the session", "after it");
        }
    }
}
