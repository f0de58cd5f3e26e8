package io.github.camelliveagent.component;

import java.time.Duration;

import io.github.camelliveagent.component.model.message.ChatEnded;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server that misbehaves on Messages polls (issue 9, defect 7) must not make a session spin or hang: the poll
 * backs off, a poll has an overall deadline, and when the misbehaviour keeps up the session ends with a ChatEnded the
 * routes see. Each test runs a chat against a tiny misbehaving server on loopback.
 */
class MisbehavingServerTest {

    /** Far more polls than a session that backs off from 20 ms, 3 retries, could make before it ends. */
    private static final int POLL_LIMIT = 50;

    private record Outcome(int polls, boolean ended, String endReason, long millis) {
    }

    private static Outcome chatAgainst(MisbehavingChatServer server, int maxPollRetries, Duration atMost) throws Exception {
        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentTestSupport.pointAt(liveagent, server.baseUrl());
        liveagent.getConfiguration().setPollRetryDelay(20);
        liveagent.getConfiguration().setMaxPollRetries(maxPollRetries);
        ReceivedEvents received = new ReceivedEvents();
        CamelContext context = LiveAgentTestSupport.startedContext(liveagent, received);
        try {
            long start = System.nanoTime();
            Exchange out = context.createProducerTemplate().request("liveagent:startChat", e -> {
            });
            assertThat(out.getException()).as("startChat against the test server").isNull();
            String id = out.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
            try {
                await().atMost(atMost).until(() -> !received.bodies(id, ChatEnded.class).isEmpty()
                                                   || server.polls() > POLL_LIMIT);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported below
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            var ended = received.bodies(id, ChatEnded.class);
            return new Outcome(server.polls(), !ended.isEmpty(), ended.isEmpty() ? null : ended.get(0).reason(), millis);
        } finally {
            context.stop();
        }
    }

    private static void assertBoundedAndEnded(String what, Outcome o) {
        System.out.printf("misbehaving server (%s): %d polls in %d ms, ChatEnded received: %s (reason %s)%n", what,
                o.polls(), o.millis(), o.ended(), o.endReason());
        assertThat(o.polls()).as("Messages polls while the server %s", what).isLessThanOrEqualTo(POLL_LIMIT);
        assertThat(o.ended()).as("a ChatEnded reached the routes").isTrue();
    }

    @Test
    void aMessagesReplyThatIsNeverJsonBacksOffAndEndsTheSession() throws Exception {
        try (MisbehavingChatServer server = new MisbehavingChatServer(30,
                (exchange, poll, s) -> MisbehavingChatServer.json(exchange, 200, "<html>gateway says hello</html>"))) {
            assertBoundedAndEnded("answers HTML", chatAgainst(server, 3, Duration.ofSeconds(20)));
        }
    }

    @Test
    void anInstant204EveryTimeBacksOffAndEndsTheSession() throws Exception {
        try (MisbehavingChatServer server = new MisbehavingChatServer(30,
                (exchange, poll, s) -> MisbehavingChatServer.noContent(exchange))) {
            assertBoundedAndEnded("answers 204 at once", chatAgainst(server, 3, Duration.ofSeconds(20)));
        }
    }

    @Test
    void anEmptyMessagesListEveryTimeBacksOffAndEndsTheSession() throws Exception {
        try (MisbehavingChatServer server = new MisbehavingChatServer(30, (exchange, poll, s) -> MisbehavingChatServer
                .json(exchange, 200, "{\"messages\":[],\"sequence\":0,\"offset\":0}"))) {
            assertBoundedAndEnded("answers an empty messages list", chatAgainst(server, 3, Duration.ofSeconds(20)));
        }
    }

    @Test
    void aSequenceGoingBackwardsBacksOffAndEndsTheSession() throws Exception {
        try (MisbehavingChatServer server = new MisbehavingChatServer(30, (exchange, poll, s) -> MisbehavingChatServer
                .json(exchange, 200, poll == 1
                        ? "{\"messages\":[{\"type\":\"ChatRequestSuccess\",\"message\":{\"queuePosition\":1}}],"
                          + "\"sequence\":5,\"offset\":1}"
                        : "{\"messages\":[{\"type\":\"AgentTyping\",\"message\":{}}],\"sequence\":2,\"offset\":2}"))) {
            assertBoundedAndEnded("sends old sequence numbers", chatAgainst(server, 3, Duration.ofSeconds(20)));
        }
    }

    /**
     * A body that trickles in one byte every 500 ms never trips the socket timeout; the poll's overall deadline (here
     * the server's clientPollTimeout of 1 s plus the margin the component allows) ends each attempt, and the session
     * ends after its retries.
     */
    @Test
    void aBodyTricklingInForeverHitsThePollDeadlineAndEndsTheSession() throws Exception {
        try (MisbehavingChatServer server = new MisbehavingChatServer(1,
                (exchange, poll, s) -> s.trickle(exchange, 500))) {
            Outcome o = chatAgainst(server, 1, Duration.ofSeconds(40));
            assertBoundedAndEnded("trickles a body forever", o);
            assertThat(o.polls()).as("attempts: the first and one retry").isLessThanOrEqualTo(2);
        }
    }
}
