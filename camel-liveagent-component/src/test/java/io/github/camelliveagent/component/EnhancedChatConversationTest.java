package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelliveagent.component.model.message.AgentNotTyping;
import io.github.camelliveagent.component.model.message.AgentTyping;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.ChatTransferred;
import io.github.camelliveagent.component.model.message.DeliveryAcknowledgement;
import io.github.camelliveagent.component.model.message.QueueUpdate;
import io.github.camelliveagent.component.model.message.ReadAcknowledgement;
import io.github.camelliveagent.component.model.message.SessionStatusChanged;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation;
import io.github.camelliveagent.emulator.enhanced.RoutingStatus;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The conversation scenarios of the Live Agent tests over {@code api=enhancedChat}: the same routes receive the same
 * typed bodies (start, messages both ways, typing, transfer, end), plus what only Enhanced Chat has (receipts, ending
 * only the session, files), over real HTTP against the emulator.
 */
class EnhancedChatConversationTest extends EnhancedChatTestSupport {

    @AfterEach
    void clearFaults() {
        emulator().faults().clear();
    }

    private List<String> agentTexts(String id) {
        return received.bodies(id, ChatMessage.class).stream().map(ChatMessage::text).toList();
    }

    @Test
    void startChatMessagesBothWaysTypingAndEnd() {
        Exchange started = template().request("liveagent:startChat",
                e -> e.getMessage().setBody(Map.of("_firstName", "Ada", "CaseNumber", "00001026")));
        assertThat(started.getException()).isNull();
        String id = started.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(started.getMessage().getHeader(LiveAgentConstants.SESSION_STATE, String.class))
                .isIn("REQUESTED", "QUEUED");
        EnhancedConversation server = conversation(id);
        assertThat(server.routingAttributes()).containsEntry("_firstName", "Ada").containsEntry("CaseNumber", "00001026");

        ChatRequestSuccess routed = received.await(id, ChatRequestSuccess.class);
        assertThat(routed.estimatedWaitTime()).isEqualTo(60);
        server.queueUpdate(2);
        assertThat(received.await(id, QueueUpdate.class).position()).isEqualTo(2);
        server.accept("Agent Smith");
        assertThat(received.await(id, ChatEstablished.class).name()).isEqualTo("Agent Smith");

        assertThat(context().getComponent("liveagent", LiveAgentComponent.class).sessionsByState())
                .as("health details and the liveagent.sessions{state} meters count conversations too")
                .containsEntry("ACTIVE", 1L);
        send("chatMessage", id, "hello, I need help");
        server.agentMessage("Hi Ada, how can I help?");
        await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(id).contains("Hi Ada, how can I help?"));
        assertThat(server.transcript().visitorMessages()).containsExactly("hello, I need help");
        ChatMessage said = received.bodies(id, ChatMessage.class).get(0);
        assertThat(said.name()).isEqualTo("Agent Smith");

        send("chasitorTyping", id, null);
        assertThat(server.visitorTyping()).isTrue();
        send("chasitorNotTyping", id, null);
        assertThat(server.visitorTyping()).isFalse();
        server.agentTyping();
        server.agentNotTyping();
        received.await(id, AgentNotTyping.class);
        assertThat(received.bodies(id, AgentTyping.class)).hasSize(1);

        Exchange ended = send("chatEnd", id, null);
        assertThat(server.closed()).isTrue();
        assertThat(received.await(id, ChatEnded.class).reason()).isEqualTo("client");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "ENDED".equals(sendFailingState(id)));

        List<ReceivedEvents.Event> events = received.of(id);
        System.out.println("conversation " + id + ": " + events.size() + " events " + received.types(id));
        // the visitor's own message, echoed by the stream, never reaches the routes as an agent message
        assertThat(agentTexts(id)).containsExactly("Hi Ada, how can I help?");
        assertThat(received.bodies(id, ChatEnded.class)).hasSize(1);
        assertThat(events).extracting(ReceivedEvents.Event::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, events.size()).boxed().toList());
        assertThat(events).allSatisfy(e -> assertThat(e.redelivered()).isFalse());
        assertThat(ended.getMessage().getHeader(LiveAgentConstants.SESSION_ID)).isEqualTo(id);
        Exception late = sendFailing("chatMessage", id, "still there?");
        assertThat(late).isInstanceOf(LiveAgentException.class).hasMessageContaining("ended");
    }

    private String sendFailingState(String id) {
        return context().getComponent("liveagent", LiveAgentComponent.class).enhancedChat().state(id) == null ? null
                : context().getComponent("liveagent", LiveAgentComponent.class).enhancedChat().state(id).name();
    }

    @Test
    void transferThenTheAgentEndsAndTheConversationLivesOn() {
        String id = activeChat();
        EnhancedConversation server = conversation(id);
        server.transfer("Agent Brown");
        assertThat(received.await(id, ChatTransferred.class).name()).isEqualTo("Agent Brown");
        server.agentMessage("Brown here");
        await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(id).contains("Brown here"));

        server.endChat();
        assertThat(received.await(id, ChatEnded.class).reason()).isEqualTo("agent");
        assertThat(received.bodies(id, SessionStatusChanged.class)).extracting(SessionStatusChanged::status)
                .contains("Ended");
        assertThat(server.routingStatus()).isEqualTo(RoutingStatus.NEEDS_ROUTING);

        // the conversation outlives its session: the visitor writes again and is routed again
        send("chatMessage", id, "one more question");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.bodies(id, ChatRequestSuccess.class).size() == 2);
        assertThat(server.sessionCount()).isEqualTo(2);
        server.accept("Agent Smith");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.bodies(id, ChatEstablished.class).size() == 2);
        System.out.println("conversation " + id + ": " + received.types(id));
        assertThat(received.types(id)).containsSubsequence("ChatEstablished", "ChatTransferred", "ChatMessage", "ChatEnded",
                "ChatRequestSuccess", "ChatEstablished");
    }

    @Test
    void aRoutingFailureIsChatRequestFail() {
        String id = startChat();
        received.await(id, ChatRequestSuccess.class);
        conversation(id).routingFailure("RoutingError", "No agent available");
        assertThat(received.await(id, ChatRequestFail.class).reason()).isEqualTo("RoutingError");
        assertThat(received.bodies(id, ChatEnded.class)).isEmpty();
    }

    @Test
    void endSessionKeepsTheConversationOpen() {
        String id = activeChat();
        EnhancedConversation server = conversation(id);
        send("endSession", id, null);
        assertThat(received.await(id, ChatEnded.class).reason()).isEqualTo("client");
        assertThat(server.closed()).isFalse();
        send("chatMessage", id, "back again");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.sessionCount() == 2);
        assertThat(server.transcript().visitorMessages()).containsExactly("back again");
    }

    @Test
    void aMessageRefusedWith417OpensANewSessionWithThePreChatFields() {
        Exchange started = template().request("liveagent:startChat",
                e -> e.getMessage().setBody(Map.of("_firstName", "Ada")));
        String id = started.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        EnhancedConversation server = conversation(id);
        received.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        received.await(id, ChatEstablished.class);
        server.endChat();
        received.await(id, ChatEnded.class);
        server.faults().newSessionRequired();
        send("chatMessage", id, "hello again");
        assertThat(server.transcript().visitorMessages()).containsExactly("hello again");
        assertThat(server.sessionCount()).isEqualTo(2);
        assertThat(server.routingAttributes()).containsEntry("_firstName", "Ada");
    }

    /**
     * A file carries isNewMessagingSession in its messageEntry as a message does (miaw-api.md §4.3), so a 417 on a
     * file is answered as one on a message: the same file once more, opening a new session with the pre-chat fields.
     * (Typing and acknowledgements carry no such field: the server has no way to ask them for pre-chat.)
     */
    @Test
    void aFileRefusedWith417OpensANewSessionWithThePreChatFields() {
        Exchange started = template().request("liveagent:startChat",
                e -> e.getMessage().setBody(Map.of("_firstName", "Ada")));
        String id = started.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        EnhancedConversation server = conversation(id);
        received.await(id, ChatRequestSuccess.class);
        server.accept("Agent Smith");
        received.await(id, ChatEstablished.class);
        server.endChat();
        received.await(id, ChatEnded.class);
        server.faults().newSessionRequired();
        Exchange sent = template().request("liveagent:sendFile", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setHeader(LiveAgentConstants.FILE_NAME, "receipt.pdf");
            e.getMessage().setHeader(LiveAgentConstants.FILE_CONTENT_TYPE, "application/pdf");
            e.getMessage().setBody("%PDF-1.4 after the session ended".getBytes());
        });
        List<String> posts = server.transcript().visitorPosts().stream().map(p -> p.type()).toList();
        System.out.println("417 on a file: server sessions " + server.sessionCount() + ", files " + server.uploadedFiles().size()
                           + ", visitor posts " + posts + ", new sessions opened by the component "
                           + context().getComponent("liveagent", LiveAgentComponent.class).enhancedChat().counts());
        assertThat(sent.getException()).isNull();
        assertThat(server.uploadedFiles()).singleElement()
                .satisfies(f -> assertThat(f.content()).isEqualTo("%PDF-1.4 after the session ended".getBytes()));
        assertThat(server.sessionCount()).isEqualTo(2);
        assertThat(server.routingAttributes()).containsEntry("_firstName", "Ada");
        // the new session's routing reaches the routes on their own threads, after the send's answer
        await().atMost(Duration.ofSeconds(10)).until(() -> received.bodies(id, ChatRequestSuccess.class).size() == 2);
        assertThat(context().getComponent("liveagent", LiveAgentComponent.class).enhancedChat().counts().newSessions())
                .isEqualTo(1);
    }

    @Test
    void receiptsBothWays() {
        String id = activeChat();
        EnhancedConversation server = conversation(id);
        server.agentMessage("did you get this?");
        await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(id).contains("did you get this?"));
        send("acknowledgeDelivery", id, null);
        send("acknowledgeRead", id, null);
        assertThat(server.acknowledgements()).extracting(EnhancedConversation.Acknowledgement::type)
                .containsExactly("Delivery", "Read");
        assertThat(server.acknowledgements()).extracting(EnhancedConversation.Acknowledgement::conversationEntryId)
                .doesNotContainNull().hasSize(2).allMatch(e -> e.equals(server.acknowledgements().get(0).conversationEntryId()));

        // the consumed agent message names its entry, so a route acknowledges it by passing the exchange on
        ReceivedEvents.Event said = received.of(id).stream().filter(e -> e.body() instanceof ChatMessage).findFirst()
                .orElseThrow();
        String entryId = (String) said.headers().get(LiveAgentConstants.ENTRY_ID);
        Exchange acked = template().request("liveagent:acknowledgeRead", e -> {
            e.getMessage().setHeaders(new java.util.HashMap<>(said.headers()));
            e.getMessage().setBody(said.body());
        });
        System.out.println("receipts: entry id header " + entryId + ", acknowledgements " + server.acknowledgements().size());
        assertThat(acked.getException()).isNull();
        assertThat(entryId).isNotBlank().isEqualTo(server.acknowledgements().get(0).conversationEntryId());
        assertThat(server.acknowledgements()).hasSize(3).last()
                .satisfies(a -> assertThat(a.conversationEntryId()).isEqualTo(entryId));

        send("chatMessage", id, "yes");
        server.agentReceipt("Delivery", null);
        server.agentReceipt("Read", null);
        received.await(id, ReadAcknowledgement.class);
        DeliveryAcknowledgement delivered = received.await(id, DeliveryAcknowledgement.class);
        assertThat(delivered.acknowledgedEntryId()).isNotBlank();
        assertThat(received.await(id, ReadAcknowledgement.class).acknowledgedEntryId())
                .isEqualTo(delivered.acknowledgedEntryId());
    }

    @Test
    void sendFileUpToFiveMegabytes() {
        String id = activeChat();
        EnhancedConversation server = conversation(id);
        Exchange sent = template().request("liveagent:sendFile", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setHeader(LiveAgentConstants.FILE_NAME, "receipt.pdf");
            e.getMessage().setHeader(LiveAgentConstants.FILE_CONTENT_TYPE, "application/pdf");
            e.getMessage().setBody("%PDF-1.4 tiny".getBytes());
        });
        assertThat(sent.getException()).isNull();
        assertThat(server.uploadedFiles()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("receipt.pdf");
            assertThat(f.content()).isEqualTo("%PDF-1.4 tiny".getBytes());
        });
        Exception tooLarge = template().request("liveagent:sendFile", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setHeader(LiveAgentConstants.FILE_NAME, "big.pdf");
            e.getMessage().setBody(new byte[5 * 1024 * 1024 + 1]);
        }).getException();
        assertThat(tooLarge).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 MB");
        assertThat(server.uploadedFiles()).hasSize(1);
    }

    @Test
    void messagesKeepTheirOrderAndA429BacksOff() {
        String id = activeChat();
        EnhancedConversation server = conversation(id);
        server.faults().failNextPost(429);
        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            sends.add(sendInOrder("chatMessage", id, "message " + i));
            expected.add("message " + i);
        }
        sends.forEach(f -> assertThat(f.join().getException()).isNull());
        System.out.println("visitor messages on the server: " + server.transcript().visitorMessages().size());
        assertThat(server.transcript().visitorMessages()).containsExactlyElementsOf(expected);
    }
}
