package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.junit.LiveAgentChats;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many chats start and end within minutes (issue 9, defect 1): every ended chat leaves clean-up work on the
 * component's timer. Neither that work nor the sessions it cleans up may pile up: a live chat must still get its
 * waiting messages sent and its failed polls retried, and once ended chats are cleaned up nothing of them is left.
 */
class SessionChurnTest extends LiveAgentTestSupport {

    /** More than the 1,000 tasks Camel's default scheduled executor queues: each ended chat left two 5-minute tasks. */
    private static final int ENDED_CHATS = Integer.getInteger("churn.endedChats", 1_200);

    @Override
    protected void configure(LiveAgentComponent liveagent) {
        super.configure(liveagent);
        liveagent.getConfiguration().setPollRetryDelay(50);
    }

    @Test
    void aLiveChatStillSendsWaitingMessagesAndRetriesPollsAfterThousandsOfChatsEnded() {
        List<String> ended = Churn.startRefusedChats(context(), emulator(), ENDED_CHATS, 100);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(ChatRequestFail.class) >= ENDED_CHATS);
        LiveAgentComponent liveagent = context().getComponent("liveagent", LiveAgentComponent.class);

        // a chat whose first message waits for ChatEstablished (it needs the timer for its establish deadline)
        String id = startChat();
        EmulatedSession server = serverSide(id);
        received.await(id, ChatRequestSuccess.class);
        CompletableFuture<Exchange> waiting = sendInOrder("chatMessage", id, "waiting for an agent");
        server.accept("Agent Smith");
        Exchange sent = waiting.join();

        // a poll that fails is retried (after a delay on the timer)
        server.faults().dropNextPoll();
        server.agentMessage("after a dropped poll");
        boolean agentMessageArrived;
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> received.bodies(id, ChatMessage.class).stream()
                    .anyMatch(m -> m.text().equals("after a dropped poll")));
            agentMessageArrived = true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            agentMessageArrived = false;
        }
        System.out.printf("churn: %d chats started and ended; registry holds %d, per-session entries %s; waiting message"
                          + " exchange failed: %s; visitor messages on the server: %s; agent message after a dropped poll"
                          + " arrived: %s%n",
                ended.size(), liveagent.sessionCount(), liveagent.perSessionEntries(), sent.getException(),
                server.transcript().visitorMessages(), agentMessageArrived);
        assertThat(sent.getException()).as("the message that waited for ChatEstablished").isNull();
        assertThat(server.transcript().visitorMessages()).containsExactly("waiting for an agent");
        assertThat(agentMessageArrived).as("the agent's message after a dropped (and retried) poll arrived").isTrue();
    }

    /**
     * With a short retention of ended sessions (component option {@code endedSessionRetention}, in milliseconds),
     * chats ended every way (refused, ended by the agent, ended by the visitor) leave nothing in the registry or in
     * any per-session map of the poll loop.
     */
    @Test
    void endedChatsLeaveNothingInTheRegistryOrThePollLoop() throws Exception {
        LiveAgentComponent liveagent = new LiveAgentComponent();
        pointAt(liveagent, EMULATOR.baseUrl());
        liveagent.setEndedSessionRetention(500);
        ReceivedEvents events = new ReceivedEvents();
        CamelContext own = startedContext(liveagent, events);
        try {
            List<String> refused = Churn.startRefusedChats(own, emulator(), ENDED_CHATS, 100);
            int byAgent = 0;
            int byVisitor = 0;
            for (int i = 0; i < 10; i++) {
                String id = LiveAgentChats.startChat(own.createProducerTemplate());
                EmulatedSession server = EMULATOR.serverSide(id);
                events.await(id, ChatRequestSuccess.class);
                server.accept("Agent Smith");
                server.agentMessage("hello " + i);
                if (i % 2 == 0) {
                    server.endChat();
                    byAgent++;
                } else {
                    own.createProducerTemplate().request("liveagent:chatEnd",
                            e -> e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id));
                    byVisitor++;
                }
                events.await(id, ChatEnded.class);
            }
            boolean emptied;
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> liveagent.perSessionEntries().values().stream()
                        .allMatch(n -> n == 0));
                emptied = true;
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                emptied = false;
            }
            Map<String, Integer> left = liveagent.perSessionEntries();
            System.out.printf("churn: %d refused, %d ended by the agent, %d by the visitor; left behind: %s%n",
                    refused.size(), byAgent, byVisitor, left);
            assertThat(emptied).as("every per-session entry is gone after the retention: %s", left).isTrue();
            assertThat(liveagent.sessionCount()).isZero();
            assertThat(liveagent.pollsInFlight()).isZero();
        } finally {
            own.stop();
        }
    }

    private long count(Class<?> type) {
        return received.all().stream().filter(e -> type.isInstance(e.body())).count();
    }
}
