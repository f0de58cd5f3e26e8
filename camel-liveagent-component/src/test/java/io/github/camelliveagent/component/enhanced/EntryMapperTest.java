package io.github.camelliveagent.component.enhanced;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.component.enhanced.model.ChatProgress;
import io.github.camelliveagent.component.enhanced.model.EntryMapper;
import io.github.camelliveagent.component.enhanced.stream.SseFrame;
import io.github.camelliveagent.component.model.message.AgentNotTyping;
import io.github.camelliveagent.component.model.message.AgentTyping;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.ChatTransferred;
import io.github.camelliveagent.component.model.message.DeliveryAcknowledgement;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.QueueUpdate;
import io.github.camelliveagent.component.model.message.ReadAcknowledgement;
import io.github.camelliveagent.component.model.message.SessionStatusChanged;
import io.github.camelliveagent.component.model.message.UnknownMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** miaw-api.md §8: each stream event becomes the Live Agent event a route expects, or its own record, or nothing. */
class EntryMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONVERSATION = "3f1c2a4e-9b7d-4c3e-8a21-5d6f7e8a9b0c";

    private final ChatProgress progress = new ChatProgress();

    /** An SSE frame as the server sends it: the envelope with the entry payload as a JSON string (§5.3). */
    private static SseFrame frame(String event, String role, String name, ObjectNode payload) {
        ObjectNode data = JSON.createObjectNode().put("conversationId", CONVERSATION).put("channelType", "embedded_messaging");
        ObjectNode entry = data.putObject("conversationEntry");
        entry.put("senderDisplayName", name).put("identifier", payload.path("id").asText("entry-1"))
                .put("entryType", payload.path("entryType").asText()).put("entryPayload", payload.toString());
        entry.putObject("sender").put("role", role).put("subject", "005000000000001");
        return new SseFrame("1", event, data.toString());
    }

    private List<LiveAgentMessage> map(SseFrame frame) {
        return EntryMapper.map(frame, CONVERSATION, progress).messages();
    }

    private static ObjectNode payload(String entryType) {
        return JSON.createObjectNode().put("entryType", entryType).put("id", "e-" + entryType);
    }

    private static ObjectNode participant(String operation, String role, String name) {
        ObjectNode p = payload("ParticipantChanged");
        ObjectNode change = p.putArray("entries").addObject().put("operation", operation).put("displayName", name);
        change.putObject("participant").put("role", role).put("subject", "005" + name.length());
        return p;
    }

    private static ObjectNode text(String text) {
        ObjectNode p = payload("Message");
        p.putObject("abstractMessage").put("messageType", "StaticContentMessage").putObject("staticContent")
                .put("formatType", "Text").put("text", text);
        return p;
    }

    private static ObjectNode routing(String type, String failure) {
        ObjectNode p = payload("RoutingResult").put("routingType", type).put("failureType", failure);
        p.putObject("estimatedWaitTime").put("estimatedWaitTimeInSeconds", 120);
        return p;
    }

    @Test
    void aWholeChat() {
        assertThat(map(frame("CONVERSATION_ROUTING_RESULT", "System", "System", routing("Initial", "None"))))
                .containsExactly(new ChatRequestSuccess(null, 120, null, null, null, null, null, null, null, null, null));
        assertThat(map(frame("CONVERSATION_QUEUE_POSITION", "System", "System", payload("QueuePosition").put("position", 3))))
                .containsExactly(new QueueUpdate(3, null));
        assertThat(map(frame("CONVERSATION_PARTICIPANT_CHANGED", "System", "System", participant("add", "Agent", "Sam"))))
                .containsExactly(new ChatEstablished("Sam", "0053", null, null, null));
        EntryMapper.Mapped said = EntryMapper.map(frame("CONVERSATION_MESSAGE", "Agent", "Sam", text("Hi, I'm Sam")),
                CONVERSATION, progress);
        assertThat(said.messages()).containsExactly(new ChatMessage("Sam", "Hi, I'm Sam", "005000000000001", null));
        assertThat(said.agentEntryId()).isEqualTo("e-Message");
        assertThat(map(frame("CONVERSATION_TYPING_STARTED_INDICATOR", "Agent", "Sam", payload("TypingStartedIndicator"))))
                .containsExactly(new AgentTyping("Sam", "005000000000001"));
        assertThat(map(frame("CONVERSATION_TYPING_STOPPED_INDICATOR", "Agent", "Sam", payload("TypingStoppedIndicator"))))
                .containsExactly(new AgentNotTyping("Sam", "005000000000001"));
        ObjectNode delivered = payload("DeliveryAcknowledgement").put("acknowledgementTimestamp", 1717000000000L)
                .put("acknowledgedConversationEntryIdentifier", "visitor-entry");
        assertThat(map(frame("CONVERSATION_DELIVERY_ACKNOWLEDGEMENT", "Agent", "Sam", delivered)))
                .containsExactly(new DeliveryAcknowledgement("visitor-entry", 1717000000000L, "Sam"));
        ObjectNode read = payload("ReadAcknowledgement").put("acknowledgedConversationEntryIdentifier", "visitor-entry");
        assertThat(map(frame("CONVERSATION_READ_ACKNOWLEDGEMENT", "Agent", "Sam", read)))
                .containsExactly(new ReadAcknowledgement("visitor-entry", null, "Sam"));
        ObjectNode ended = payload("SessionStatusChanged").put("sessionStatus", "Ended").put("sessionStatusPrev", "Active")
                .put("sessionId", "0Mw000000000001").put("sessionEndedByRole", "Agent");
        assertThat(map(frame("CONVERSATION_SESSION_STATUS_CHANGED", "System", "System", ended))).containsExactly(
                new SessionStatusChanged("Ended", "Active", "0Mw000000000001", "Agent"), new ChatEnded("agent", null));
        // one ChatEnded per session: the close that follows adds none
        assertThat(map(frame("CONVERSATION_CLOSE_CONVERSATION", "System", "System", payload("CloseConversation")))).isEmpty();
        assertThat(progress.isClosed()).isTrue();
    }

    @Test
    void theVisitorsOwnEntriesAreNotHandedToRoutes() {
        assertThat(map(frame("CONVERSATION_MESSAGE", "EndUser", "Ada", text("my own words")))).isEmpty();
        assertThat(EntryMapper.map(frame("CONVERSATION_MESSAGE", "EndUser", "Ada", text("x")), CONVERSATION, progress)
                .agentEntryId()).isNull();
        assertThat(map(frame("CONVERSATION_TYPING_STARTED_INDICATOR", "EndUser", "Ada", payload("TypingStartedIndicator"))))
                .isEmpty();
        assertThat(map(frame("CONVERSATION_READ_ACKNOWLEDGEMENT", "EndUser", "Ada", payload("ReadAcknowledgement"))))
                .isEmpty();
    }

    @Test
    void aLaterAgentIsATransfer() {
        map(frame("CONVERSATION_ROUTING_RESULT", "System", "System", routing("Initial", "None")));
        map(frame("CONVERSATION_PARTICIPANT_CHANGED", "System", "System", participant("add", "Agent", "Sam")));
        EntryMapper.Mapped left = EntryMapper.map(
                frame("CONVERSATION_PARTICIPANT_CHANGED", "System", "System", participant("remove", "Agent", "Sam")),
                CONVERSATION, progress);
        assertThat(left.messages()).isEmpty();
        assertThat(left.agentLeft()).as("a removal with no transfer announced is checked").isTrue();
        assertThat(map(frame("CONVERSATION_ROUTING_RESULT", "System", "System", routing("Transfer", "None")))).isEmpty();
        assertThat(map(frame("CONVERSATION_PARTICIPANT_CHANGED", "System", "System", participant("add", "Agent", "Lee"))))
                .containsExactly(new ChatTransferred("Lee", "0053", null, null));
        // the removal of an agent during an announced transfer needs no check
        map(frame("CONVERSATION_ROUTING_RESULT", "System", "System", routing("Transfer", "None")));
        assertThat(EntryMapper.map(frame("CONVERSATION_PARTICIPANT_CHANGED", "System", "System",
                participant("remove", "Agent", "Lee")), CONVERSATION, progress).agentLeft()).isFalse();
    }

    @Test
    void routingFailureIsChatRequestFailAndEndsTheSession() {
        assertThat(map(frame("CONVERSATION_ROUTING_RESULT", "System", "System", routing("Initial", "RoutingError"))))
                .containsExactly(new ChatRequestFail("RoutingError", null, null));
        ObjectNode ended = payload("SessionStatusChanged").put("sessionStatus", "Ended").put("sessionEndedByRole", "System");
        assertThat(map(frame("CONVERSATION_SESSION_STATUS_CHANGED", "System", "System", ended)))
                .containsExactly(new SessionStatusChanged("Ended", null, null, "System"));
        // the visitor writes again: a new session is routed, and its agent is established again
        assertThat(map(frame("CONVERSATION_ROUTING_RESULT", "System", "System", routing("Initial", "None"))))
                .hasSize(1).first().isInstanceOf(ChatRequestSuccess.class);
        assertThat(map(frame("CONVERSATION_PARTICIPANT_CHANGED", "System", "System", participant("add", "Agent", "Sam"))))
                .first().isInstanceOf(ChatEstablished.class);
    }

    @Test
    void closedByTheVisitorIsChatEndedByClient() {
        assertThat(map(frame("CONVERSATION_CLOSE_CONVERSATION", "System", "System", payload("CloseConversation"))))
                .containsExactly(new ChatEnded("client", null));
    }

    @Test
    void pingsOtherConversationsAndOtherEvents() {
        assertThat(map(new SseFrame(null, "ping", ""))).isEmpty();
        SseFrame other = new SseFrame("9", "CONVERSATION_MESSAGE", frame("CONVERSATION_MESSAGE", "Agent", "Sam", text("x"))
                .data().replace(CONVERSATION, "00000000-0000-4000-8000-000000000000"));
        assertThat(map(other)).isEmpty();
        assertThat(map(frame("CONVERSATION_ROUTING_WORK_RESULT", "System", "System",
                payload("RoutingWorkResult").put("workType", "Accepted"))))
                .singleElement().isInstanceOfSatisfying(UnknownMessage.class, u -> {
                    assertThat(u.type()).isEqualTo("CONVERSATION_ROUTING_WORK_RESULT");
                    assertThat(u.rawJson()).contains("\"workType\":\"Accepted\"");
                });
    }

    @Test
    void anEntryPayloadAsAnObjectIsReadToo() {
        ObjectNode data = JSON.createObjectNode().put("conversationId", CONVERSATION);
        ObjectNode entry = data.putObject("conversationEntry").put("senderDisplayName", "Sam").put("identifier", "e1");
        entry.set("entryPayload", text("object payload"));
        entry.putObject("sender").put("role", "Agent");
        assertThat(map(new SseFrame("5", "CONVERSATION_MESSAGE", data.toString())))
                .containsExactly(new ChatMessage("Sam", "object payload", null, null));
    }

    @Test
    void malformedDataIsAnErrorNamingTheEvent() {
        assertThatThrownBy(() -> map(new SseFrame("5", "CONVERSATION_MESSAGE", "{not json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONVERSATION_MESSAGE");
    }
}
