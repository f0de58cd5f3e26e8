package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelliveagent.component.model.message.ChatEnded;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pins the numbers of the retry rules (README, Reliability): a failed poll is retried after pollRetryDelay, doubled
 * per failure in a row and capped at a quarter of clientPollTimeout; maxPollRetries failures in a row are survived,
 * one more ends the session with connectionLost; a success resets the count; a POST that failed on the network goes
 * out three times in all, with one sequence number. The server is a scripted client, so counts are exact.
 */
class RetryScheduleTest {

    private ScriptedClient client;
    private CamelContext context;
    private final ReceivedEvents received = new ReceivedEvents();

    private String startChat(ScriptedClient scripted, long pollRetryDelayMs, int maxPollRetries) throws Exception {
        client = scripted;
        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentTestSupport.pointAt(liveagent, "http://127.0.0.1:9");
        liveagent.setClient(client);
        liveagent.getConfiguration().setPollRetryDelay(pollRetryDelayMs);
        liveagent.getConfiguration().setMaxPollRetries(maxPollRetries);
        liveagent.getConfiguration().setEstablishTimeout(10_000);
        context = LiveAgentTestSupport.startedContext(liveagent, received);
        Exchange out = within(context.createProducerTemplate().asyncSend("liveagent:startChat",
                e -> e.setPattern(ExchangePattern.InOut)));
        assertThat(out.getException()).isNull();
        return out.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
    }

    /** Waits a bounded time: a session that never answers fails the test instead of hanging it. */
    private static <T> T within(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer within 10 s", e);
        }
    }

    @AfterEach
    void stop() {
        if (context != null) {
            // a broken session must not hold the test in Camel's graceful shutdown (45 s by default)
            context.getShutdownStrategy().setTimeout(5);
            context.stop();
        }
        if (client != null) {
            client.close();
        }
    }

    private static List<Long> gapsMs(List<ScriptedClient.Call> calls) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < calls.size(); i++) {
            gaps.add((calls.get(i).nanos() - calls.get(i - 1).nanos()) / 1_000_000);
        }
        return gaps;
    }

    @Test
    void pollRetriesDoubleFromPollRetryDelayUpToAQuarterOfClientPollTimeout() throws Exception {
        // clientPollTimeout 2 s: the cap is 500 ms; delays 100, 200, 400, 500, 500
        // the first poll fails at once: the gaps are then the component's delays alone (its 1.7 s of retries leave
        // startChat ample time)
        String id = startChat(new ScriptedClient(2).messages(c -> ScriptedClient.networkFailure()), 100, 5);
        received.await(id, ChatEnded.class);
        List<ScriptedClient.Call> polls = client.calls("System/Messages");
        List<Long> gaps = gapsMs(polls);
        System.out.printf("retry schedule: %d polls, gaps %s ms%n", polls.size(), gaps);
        long[] expected = {100, 200, 400, 500, 500};
        assertThat(gaps).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            // never earlier than the rule says; later only by scheduling jitter, less than the next step would be
            assertThat(gaps.get(i)).as("delay before retry %d", i + 1).isBetween(expected[i] - 5, expected[i] * 7 / 4);
        }
    }

    @Test
    void maxPollRetriesFailuresInARowAreSurvivedAndOneMoreEndsTheSessionWithConnectionLost() throws Exception {
        ScriptedClient scripted = new ScriptedClient(30);
        String id = startChat(scripted.messages(c -> scripted.afterInit(ScriptedClient::networkFailure)), 10, 3);
        ChatEnded ended = received.await(id, ChatEnded.class);
        int polls = client.calls("System/Messages").size();
        LiveAgentComponent liveagent = context.getComponent("liveagent", LiveAgentComponent.class);
        System.out.printf("retry schedule: %d polls, ended %s, sessions lost %d%n", polls, ended.reason(),
                liveagent.getStatistics().sessionsLost());
        assertThat(polls).isEqualTo(1 + 3);
        assertThat(ended.reason()).isEqualTo("connectionLost");
        assertThat(liveagent.getStatistics().sessionsLost()).isEqualTo(1);
    }

    @Test
    void aReplyWithEventsResetsTheFailureCount() throws Exception {
        // with maxPollRetries 2: fail, fail, events, fail, fail, events, fail, fail, fail -> ends at the ninth poll
        AtomicInteger n = new AtomicInteger();
        ScriptedClient scripted = new ScriptedClient(30);
        String id = startChat(scripted.messages(c -> scripted.afterInit(() -> switch (n.incrementAndGet()) {
            case 3 -> ScriptedClient.events(0, 1, "ChatRequestSuccess", "{\"queuePosition\":1}");
            case 6 -> ScriptedClient.events(1, 2, "QueueUpdate", "{\"position\":1}");
            default -> ScriptedClient.networkFailure();
        })), 10, 2);
        received.await(id, ChatEnded.class);
        int polls = client.calls("System/Messages").size();
        System.out.printf("retry schedule: %d polls, events %s%n", polls, received.types(id));
        assertThat(polls).isEqualTo(9);
        assertThat(received.types(id)).containsExactly("ChatRequestSuccess", "QueueUpdate", "ChatEnded");
    }

    @Test
    void aPostThatFailsOnTheNetworkGoesOutThreeTimesWithOneSequenceNumberAndThenFails() throws Exception {
        AtomicInteger n = new AtomicInteger();
        String id = startChat(new ScriptedClient(30)
                .messages(c -> n.incrementAndGet() == 1
                        ? ScriptedClient.events(1, 1, "ChatRequestSuccess", "{\"queuePosition\":1}", "ChatEstablished",
                                "{\"name\":\"Agent Smith\",\"userId\":\"005000000000001\"}")
                        : null)
                .posts(c -> ScriptedClient.networkFailure()), 10, 3);
        received.await(id, io.github.camelliveagent.component.model.message.ChatEstablished.class);
        Exchange out = within(context.createProducerTemplate().asyncSend("liveagent:chatMessage", e -> {
            e.setPattern(ExchangePattern.InOut);
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setBody("hello");
        }));
        List<ScriptedClient.Call> posts = client.calls("Chasitor/ChatMessage");
        System.out.printf("retry schedule: ChatMessage sent %d times with sequences %s; exchange failed with %s%n",
                posts.size(), posts.stream().map(ScriptedClient.Call::sequence).toList(), out.getException());
        assertThat(posts).hasSize(3);
        assertThat(posts).extracting(ScriptedClient.Call::sequence).containsOnly(posts.get(0).sequence());
        assertThat(out.getException()).isInstanceOf(LiveAgentException.class).hasMessageContaining("could not be reached");
        // the session itself goes on: the poll is untouched
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> received.bodies(id, ChatEnded.class).isEmpty());
    }

    @Test
    void aReplyARouteKeepsFailingOnIsPolledAgainAfterDoublingDelays() throws Exception {
        // clientPollTimeout 4 s: the cap is 1 s; the reply comes again after 100, 200, 400, 800 ms
        AtomicInteger n = new AtomicInteger();
        client = new ScriptedClient(4).messages(c -> {
            int i = n.incrementAndGet();
            if (i == 1) {
                return ScriptedClient.events(1, 11, "ChatRequestSuccess", "{\"queuePosition\":1}", "ChatEstablished",
                        "{\"name\":\"Agent Smith\",\"userId\":\"005000000000001\"}");
            }
            return i <= 6 ? ScriptedClient.events(2, 22, "ChatMessage", "{\"name\":\"Agent Smith\",\"text\":\"x\"}")
                    : null;
        });
        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentTestSupport.pointAt(liveagent, "http://127.0.0.1:9");
        liveagent.setClient(client);
        liveagent.getConfiguration().setPollRetryDelay(100);
        liveagent.getConfiguration().setMaxPollRetries(3);
        context = new org.apache.camel.impl.DefaultCamelContext();
        context.addComponent("liveagent", liveagent);
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(received).process(e -> {
                    if (e.getMessage().getBody() instanceof io.github.camelliveagent.component.model.message.ChatMessage) {
                        throw new IllegalStateException("the route always fails on this one");
                    }
                });
            }
        });
        context.start();
        within(context.createProducerTemplate().asyncSend("liveagent:startChat", e -> e.setPattern(ExchangePattern.InOut)));
        await().atMost(Duration.ofSeconds(15)).until(() -> client.calls("System/Messages").size() >= 7);
        List<ScriptedClient.Call> polls = client.calls("System/Messages").subList(1, 6);
        List<Long> gaps = gapsMs(polls);
        System.out.printf("retry schedule: the failed reply polled again after gaps %s ms, with %s%n", gaps,
                polls.stream().map(ScriptedClient.Call::query).toList());
        assertThat(polls).extracting(ScriptedClient.Call::query).containsOnly("ack=1");
        long[] expected = {100, 200, 400, 800};
        assertThat(gaps).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            // never earlier than the rule says; later by the hand-over to the route and by scheduling on a busy
            // machine (the first round also pays for Camel's first failed exchange: its error handler, its logging)
            assertThat(gaps.get(i)).as("delay before redelivery round %d", i + 1).isGreaterThanOrEqualTo(expected[i] - 5);
            if (i > 0) {
                assertThat(gaps.get(i)).as("delay before redelivery round %d", i + 1).isLessThan(expected[i] + 400);
            }
        }
    }
}
