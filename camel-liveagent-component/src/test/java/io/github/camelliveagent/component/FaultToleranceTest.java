package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.github.camelliveagent.component.model.message.Availability;
import io.github.camelliveagent.component.model.message.ChasitorSessionData;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.poll.Poller;
import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The failure paths of the protocol: hand-over, expiry, dropped polls, doubled events, SwitchServer. */
class FaultToleranceTest extends LiveAgentTestSupport {

    @Override
    protected void configure(LiveAgentComponent liveagent) {
        super.configure(liveagent);
        liveagent.getConfiguration().setPollRetryDelay(50);
        liveagent.setMaxResponseSize(64 * 1024);
    }

    @AfterEach
    void clearFaults() {
        emulator().faults().clear();
    }

    private List<String> agentTexts(String id) {
        return received.bodies(id, ChatMessage.class).stream().map(ChatMessage::text).toList();
    }

    @Test
    void handoverInTheMiddleOfAConversationLosesNothing() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        String oldAffinity = server.affinityToken();

        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            sends.add(sendInOrder("chatMessage", id, "before " + i));
            server.agentMessage("agent before " + i);
        }
        server.faults().handover();
        for (int i = 1; i <= 10; i++) {
            sends.add(sendInOrder("chatMessage", id, "after " + i));
            server.agentMessage("agent after " + i);
        }
        sends.forEach(f -> assertThat(f.join().getException()).isNull());

        List<String> expectedVisitor = new ArrayList<>();
        List<String> expectedAgent = new ArrayList<>();
        IntStream.rangeClosed(1, 10).forEach(i -> {
            expectedVisitor.add("before " + i);
            expectedAgent.add("agent before " + i);
        });
        IntStream.rangeClosed(1, 10).forEach(i -> {
            expectedVisitor.add("after " + i);
            expectedAgent.add("agent after " + i);
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> agentTexts(id).size() >= 20);
        assertThat(server.transcript().visitorMessages()).containsExactlyElementsOf(expectedVisitor);
        assertThat(agentTexts(id)).containsExactlyElementsOf(expectedAgent);
        assertThat(server.affinityToken()).isNotEqualTo(oldAffinity);
        assertThat(server.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(received.types(id)).contains("ChasitorSessionData");
        assertThat(received.bodies(id, ChasitorSessionData.class)).isNotEmpty();
        assertThat(server.transcript().visitorPosts()).extracting(p -> p.type()).contains("ChasitorResyncState");
        assertThat(server.conflictCount()).isZero();
    }

    @Test
    void a503OnAPostStartsTheHandoverAndThePostIsSentAgain() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        server.faults().handover();
        // the poll may be parked on the old server; the POST meets the 503 first or second, either way it gets through
        send("chatMessage", id, "through the hand-over");
        assertThat(server.transcript().visitorMessages()).containsExactly("through the hand-over");
        server.agentMessage("still here");
        await().until(() -> agentTexts(id).contains("still here"));
    }

    @Test
    void a503WithoutHandoverOnTheServerIsSurvived() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        server.faults().failNextPost(503);
        send("chatMessage", id, "once only");
        send("chatMessage", id, "and the next");
        assertThat(server.transcript().visitorMessages()).containsExactly("once only", "and the next");
    }

    @Test
    void expiredSessionEndsCleanlyAndTheRoutesAreTold() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        server.faults().expire();
        ChatEnded ended = received.await(id, ChatEnded.class);
        assertThat(ended.reason()).isEqualTo(Poller.SESSION_INVALID);
        Exception late = sendFailing("chatMessage", id, "hello?");
        assertThat(late).isInstanceOf(LiveAgentException.class).hasMessageContaining("ended");
        // nothing loops: no poll in flight for the session any more
        await().until(() -> !server.pollInFlight());
    }

    @Test
    void droppedPollIsRetriedWithNothingLost() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        server.faults().dropNextPoll();
        server.agentMessage("one");
        server.faults().dropNextPoll();
        server.agentMessage("two");
        server.agentMessage("three");
        await().atMost(Duration.ofSeconds(15)).until(() -> agentTexts(id).size() >= 3);
        assertThat(agentTexts(id)).containsExactly("one", "two", "three");
        assertThat(server.conflictCount()).isZero();
    }

    @Test
    void anEventDeliveredTwiceReachesTheRoutesOnce() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        server.faults().duplicateNextEvent();
        server.agentMessage("only once");
        server.agentMessage("and then this");
        await().until(() -> agentTexts(id).contains("and then this"));
        assertThat(agentTexts(id)).containsExactly("only once", "and then this");
    }

    @Test
    void aServerErrorOnAPostFailsThatExchangeOnly() {
        String id = activeChat();
        EmulatedSession server = serverSide(id);
        server.faults().failNextPost(500);
        Exception failed = sendFailing("chatMessage", id, "lost to a 500");
        assertThat(failed).isInstanceOf(LiveAgentException.class).hasMessageContaining("500");
        assertThat(((LiveAgentException) failed).getStatusCode()).isEqualTo(500);
        // the next one gets through, the sequence is repaired if the server needs it
        send("chatMessage", id, "after the 500");
        assertThat(server.transcript().visitorMessages()).containsExactly("after the 500");
    }

    @Test
    void anEventOfTheWrongShapeArrivesRawAndStopsNothing() {
        String id = activeChat();
        String other = activeChat();
        EmulatedSession server = serverSide(id);
        com.fasterxml.jackson.databind.node.ObjectNode odd = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        odd.putObject("text").put("unexpected", true);
        server.emit("ChatMessage", odd);
        server.agentMessage("after the odd one");
        serverSide(other).agentMessage("meanwhile elsewhere");

        await().until(() -> agentTexts(id).contains("after the odd one"));
        var raw = received.of(id).stream()
                .filter(e -> e.body() instanceof io.github.camelliveagent.component.model.message.UnknownMessage).findFirst()
                .orElseThrow();
        assertThat(raw.type()).isEqualTo("ChatMessage");
        assertThat(((io.github.camelliveagent.component.model.message.UnknownMessage) raw.body()).rawJson()).contains("unexpected");
        await().until(() -> agentTexts(other).contains("meanwhile elsewhere"));
        assertThat(serverSide(id).state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void anOversizedReplyEndsOnlyItsSessionAndSaysWhy() {
        String id = activeChat();
        String other = activeChat();
        serverSide(id).agentMessage("x".repeat(100 * 1024));

        ChatEnded ended = received.await(id, ChatEnded.class);
        assertThat(ended.reason()).isEqualTo(Poller.CONNECTION_LOST);
        Exception late = sendFailing("chatMessage", id, "hello?");
        assertThat(late).isInstanceOf(LiveAgentException.class).hasMessageContaining("maxResponseSize");

        serverSide(other).agentMessage("the other chat goes on");
        await().until(() -> agentTexts(other).contains("the other chat goes on"));
    }

    @Test
    void switchServerOnAvailabilityIsFollowedForThisAndLaterCalls() throws Exception {
        try (LiveAgentEmulator other = LiveAgentEmulator.builder().holdTime(Duration.ofSeconds(5)).build().start()) {
            emulator().faults().switchServer(other.baseUrl() + "/chat");
            Availability first = template().requestBody("liveagent:availability", null, Availability.class);
            assertThat(first).isNotNull();
            assertThat(first.results()).singleElement().satisfies(r -> assertThat(r.isAvailable()).isTrue());
            other.setAvailable(BUTTON_ID, false);
            Availability second = template().requestBody("liveagent:availability", null, Availability.class);
            assertThat(second.results()).singleElement().satisfies(r -> assertThat(r.isAvailable()).isFalse());
        }
    }
}
