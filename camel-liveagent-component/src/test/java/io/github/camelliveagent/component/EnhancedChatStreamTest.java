package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelliveagent.component.enhanced.EnhancedChat;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event stream's guarantees over {@code api=enhancedChat}: events in order, a dropped stream resumed from the last
 * event the routes processed (nothing lost, nothing twice, replayed doubles dropped), a failed exchange gets its event
 * again.
 */
class EnhancedChatStreamTest extends EnhancedChatTestSupport {

    private final AtomicBoolean failNextAgentMessage = new AtomicBoolean();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(e -> {
                    if (e.getMessage().getBody() instanceof ChatMessage && failNextAgentMessage.compareAndSet(true, false)) {
                        throw new IllegalStateException("route failure injected by the test");
                    }
                }).process(received);
            }
        };
    }

    @Override
    protected void configure(LiveAgentComponent liveagent) {
        super.configure(liveagent);
        // wide enough for the gap test to emit events between a drop and the reconnect
        liveagent.getConfiguration().setPollRetryDelay(300);
    }

    @AfterEach
    void clearFaults() {
        emulator().faults().clear();
    }

    private List<String> agentTexts(String id) {
        return received.bodies(id, ChatMessage.class).stream().map(ChatMessage::text).toList();
    }

    @Test
    void aDroppedStreamResumesWithNothingLostOrDoubled() {
        String id = activeChat();
        EnhancedConversation server = conversation(id);
        List<String> expected = new ArrayList<>();
        for (int round = 1; round <= 5; round++) {
            for (int i = 1; i <= 4; i++) {
                String text = "round " + round + " message " + i;
                server.agentMessage(text);
                expected.add(text);
            }
            if (round % 2 == 1) {
                server.faults().duplicateNextEvent();
            }
            server.faults().dropStream();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> agentTexts(id).size() >= expected.size());
        System.out.println("agent messages sent " + expected.size() + ", received " + agentTexts(id).size() + "; "
                           + context().getComponent("liveagent", LiveAgentComponent.class).enhancedChat().counts());
        assertThat(agentTexts(id)).containsExactlyElementsOf(expected);
        // the stream still works after the drops
        server.agentMessage("after the drops");
        await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(id).contains("after the drops"));
        assertThat(agentTexts(id)).hasSize(expected.size() + 1);
    }

    @Test
    void aGapTheReopenedStreamDoesNotReplayIsFilledFromTheHistory() {
        String id = activeChat();
        EnhancedConversation server = conversation(id);
        server.agentMessage("before the gap");
        await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(id).contains("before the gap"));
        EnhancedChat chat = context().getComponent("liveagent", LiveAgentComponent.class).enhancedChat();
        long reconnects = chat.counts().reconnects();
        server.faults().replayGap();
        server.faults().dropStream();
        // the component has seen the drop and waits pollRetryDelay before it reconnects: these fall in the gap
        await().atMost(Duration.ofSeconds(10)).until(() -> chat.counts().reconnects() > reconnects);
        server.agentMessage("in the gap 1");
        server.agentMessage("in the gap 2");
        // the reopened stream's first event (or ping) starts the history check
        await().atMost(Duration.ofSeconds(10)).until(() -> chat.openStreams() == 1);
        server.agentMessage("after the gap");
        await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(id).contains("after the gap"));
        System.out.println("gap: " + chat.counts() + ", received " + agentTexts(id));
        assertThat(agentTexts(id)).containsExactly("before the gap", "in the gap 1", "in the gap 2", "after the gap");
        assertThat(chat.counts().backfilled()).isEqualTo(2);
    }

    @Test
    void aFailedExchangeGetsItsEventAgainAndTheStreamPositionWaitsForIt() {
        String id = activeChat();
        EnhancedConversation server = conversation(id);
        failNextAgentMessage.set(true);
        server.agentMessage("first");
        server.agentMessage("second");
        await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(id).size() >= 2);
        server.faults().dropStream();
        server.agentMessage("third");
        await().atMost(Duration.ofSeconds(10)).until(() -> agentTexts(id).size() >= 3);
        System.out.println("received " + received.types(id));
        assertThat(agentTexts(id)).containsExactly("first", "second", "third");
        List<ReceivedEvents.Event> messages = received.of(id).stream().filter(e -> e.body() instanceof ChatMessage).toList();
        assertThat(messages.get(0).redelivered()).as("the event the route failed on comes again, marked").isTrue();
        assertThat(messages.get(1).redelivered()).isFalse();
    }
}
