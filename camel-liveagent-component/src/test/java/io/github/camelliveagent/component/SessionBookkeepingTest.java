package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.model.message.ChasitorSessionData;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.QueueUpdate;
import io.github.camelliveagent.component.session.SessionState;
import io.github.camelliveagent.component.session.SessionSnapshot;
import io.github.camelliveagent.component.session.store.SessionStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pins the session's bookkeeping against a scripted server (README, Reliability): the POST sequence restarts at 1
 * after ReconnectSession; ReconnectSession names the offset of the last reply the routes processed completely;
 * events a route keeps failing on after the chat ended are handed again exactly maxPollRetries times; a route that
 * completes later is waited for before the ack; the session store hears of every change and of the end.
 */
class SessionBookkeepingTest {

    private static final String ESTABLISHED = "{\"name\":\"Agent Smith\",\"userId\":\"005000000000001\"}";

    private ScriptedClient client;
    private CamelContext context;
    private final ReceivedEvents received = new ReceivedEvents();

    private LiveAgentComponent component(ScriptedClient scripted, int maxPollRetries) {
        client = scripted;
        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentTestSupport.pointAt(liveagent, "http://127.0.0.1:9");
        liveagent.setClient(client);
        liveagent.getConfiguration().setPollRetryDelay(10);
        liveagent.getConfiguration().setMaxPollRetries(maxPollRetries);
        liveagent.getConfiguration().setEstablishTimeout(10_000);
        return liveagent;
    }

    private String startChat() {
        Exchange out = context.createProducerTemplate().request("liveagent:startChat", e -> {
        });
        assertThat(out.getException()).isNull();
        return out.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
    }

    private CompletableFuture<Exchange> chatMessage(String id, String text) {
        return context.createProducerTemplate().asyncSend("liveagent:chatMessage", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setBody(text);
        });
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (client != null) {
            client.close();
        }
    }

    /** The n-th Messages poll (from 1) is answered by the n-th future; later polls stay open. */
    private static List<CompletableFuture<LiveAgentReply>> polls(int count) {
        List<CompletableFuture<LiveAgentReply>> polls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            polls.add(new CompletableFuture<>());
        }
        return polls;
    }

    private static java.util.function.Function<ScriptedClient.Call, CompletableFuture<LiveAgentReply>> answeredBy(
            List<CompletableFuture<LiveAgentReply>> polls) {
        AtomicInteger n = new AtomicInteger();
        return c -> {
            int i = n.getAndIncrement();
            return i < polls.size() ? polls.get(i) : null;
        };
    }

    @Test
    void theFirstPostAfterReconnectSessionIsNumberedOneAndNamesTheLastCompletelyProcessedOffset() throws Exception {
        List<CompletableFuture<LiveAgentReply>> polls = polls(3);
        ScriptedClient scripted = new ScriptedClient(30).messages(answeredBy(polls))
                .reconnect(c -> ScriptedClient.reconnected("ffff0000", true));
        context = LiveAgentTestSupport.startedContext(component(scripted, 3), received);
        String id = startChat();
        polls.get(0).complete(ScriptedClient.events(1, 11, "ChatRequestSuccess", "{\"queuePosition\":1}", "ChatEstablished",
                ESTABLISHED).join());
        received.await(id, ChatEstablished.class);
        assertThat(chatMessage(id, "before").join().getException()).isNull();

        // the server hands the session over: the parked poll is answered 503
        polls.get(1).complete(new LiveAgentReply(503, new byte[0]));
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.calls("System/ReconnectSession").isEmpty());
        CompletableFuture<Exchange> after = chatMessage(id, "after");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.calls("System/Messages").size() >= 3);
        polls.get(2).complete(ScriptedClient.events(2, 21, "ChasitorSessionData", "{\"queuePosition\":0}").join());
        assertThat(after.join().getException()).isNull();
        received.await(id, ChasitorSessionData.class);

        List<ScriptedClient.Call> posts = client.calls("Chasitor/ChatMessage");
        String reconnectQuery = client.calls("System/ReconnectSession").get(0).query();
        System.out.printf("bookkeeping: ChatMessage sequences %s, ReconnectSession query %s, resync posts %d%n",
                posts.stream().map(ScriptedClient.Call::sequence).toList(), reconnectQuery,
                client.calls("Chasitor/ChasitorResyncState").size());
        assertThat(posts).extracting(ScriptedClient.Call::sequence).containsExactly(2L, 1L);
        assertThat(reconnectQuery).isEqualTo("ReconnectSession.offset=11");
        assertThat(client.calls("Chasitor/ChasitorResyncState")).hasSize(1);
        assertThat(received.bodies(id, ChasitorSessionData.class)).hasSize(1);
    }

    @Test
    void reconnectSessionNamesTheOffsetOfTheLastReplyTheRoutesProcessedCompletely() throws Exception {
        AtomicInteger failures = new AtomicInteger(1);
        List<CompletableFuture<LiveAgentReply>> polls = polls(3);
        ScriptedClient scripted = new ScriptedClient(30).messages(answeredBy(polls))
                .reconnect(c -> ScriptedClient.reconnected("ffff0000", true));
        context = new DefaultCamelContext();
        context.addComponent("liveagent", component(scripted, 3));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(e -> {
                    ChatMessage m = e.getMessage().getBody(ChatMessage.class);
                    if (m != null && m.text().equals("fail") && failures.getAndDecrement() > 0) {
                        throw new IllegalStateException("the route fails once on this one");
                    }
                }).process(received);
            }
        });
        context.start();
        String id = startChat();
        polls.get(0).complete(ScriptedClient.events(1, 11, "ChatRequestSuccess", "{\"queuePosition\":1}", "ChatEstablished",
                ESTABLISHED).join());
        received.await(id, ChatEstablished.class);
        // a reply the routes process only in part: its offset must not be named by a reconnect
        polls.get(1).complete(ScriptedClient.events(3, 22, "ChatMessage", "{\"name\":\"Agent Smith\",\"text\":\"ok\"}",
                "ChatMessage", "{\"name\":\"Agent Smith\",\"text\":\"fail\"}").join());
        await().atMost(Duration.ofSeconds(10)).until(() -> client.calls("System/Messages").size() >= 3);
        polls.get(2).complete(new LiveAgentReply(503, new byte[0]));
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.calls("System/ReconnectSession").isEmpty());

        String reconnectQuery = client.calls("System/ReconnectSession").get(0).query();
        System.out.printf("bookkeeping: polls %s, ReconnectSession query %s%n",
                client.calls("System/Messages").stream().map(ScriptedClient.Call::query).toList(), reconnectQuery);
        // acknowledged at reply boundaries only: a reply processed in part is not acknowledged at all, whatever its
        // sequence counts (liveagent-api.md §3.2)
        assertThat(client.calls("System/Messages").get(2).query()).as("ack after the partly processed reply")
                .isEqualTo("ack=1");
        assertThat(reconnectQuery).isEqualTo("ReconnectSession.offset=11");
    }

    /**
     * A reply of the old server delivered again after the ReconnectSession, before the new server's
     * ChasitorSessionData, is dropped unacknowledged: the new stream sends its events again after the named offset,
     * and they keep their numbers, so the routes process each once.
     */
    @Test
    void aReplyOfTheOldStreamArrivingAfterTheReconnectIsNotHandedTwice() throws Exception {
        AtomicInteger failures = new AtomicInteger(1);
        List<CompletableFuture<LiveAgentReply>> polls = polls(5);
        ScriptedClient scripted = new ScriptedClient(30).messages(answeredBy(polls))
                .reconnect(c -> ScriptedClient.reconnected("ffff0000", true));
        context = new DefaultCamelContext();
        context.addComponent("liveagent", component(scripted, 3));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(e -> {
                    ChatMessage m = e.getMessage().getBody(ChatMessage.class);
                    if (m != null && m.text().equals("fail") && failures.getAndDecrement() > 0) {
                        throw new IllegalStateException("the route fails once on this one");
                    }
                }).process(received);
            }
        });
        context.start();
        String id = startChat();
        String ok = "{\"name\":\"Agent Smith\",\"text\":\"ok\"}";
        String fail = "{\"name\":\"Agent Smith\",\"text\":\"fail\"}";
        polls.get(0).complete(ScriptedClient.events(1, 11, "ChatRequestSuccess", "{\"queuePosition\":1}", "ChatEstablished",
                ESTABLISHED).join());
        received.await(id, ChatEstablished.class);
        polls.get(1).complete(ScriptedClient.events(3, 22, "ChatMessage", ok, "ChatMessage", fail).join());
        await().atMost(Duration.ofSeconds(10)).until(() -> client.calls("System/Messages").size() >= 3);
        polls.get(2).complete(new LiveAgentReply(503, new byte[0]));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.calls("System/Messages").size() >= 4);
        // the old reply again, then the new server's stream: ChasitorSessionData and what followed the named offset
        polls.get(3).complete(ScriptedClient.events(3, 22, "ChatMessage", ok, "ChatMessage", fail).join());
        await().atMost(Duration.ofSeconds(10)).until(() -> client.calls("System/Messages").size() >= 5);
        polls.get(4).complete(ScriptedClient.events(3, 33, "ChasitorSessionData", "{\"queuePosition\":0}",
                "ChatMessage", ok, "ChatMessage", fail).join());
        received.await(id, ChasitorSessionData.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.bodies(id, ChatMessage.class).size() >= 2);

        List<String> texts = received.bodies(id, ChatMessage.class).stream().map(ChatMessage::text).toList();
        System.out.printf("bookkeeping: agent messages processed %s, polls %s%n", texts,
                client.calls("System/Messages").stream().map(ScriptedClient.Call::query).toList());
        assertThat(texts).containsExactly("ok", "fail");
        // the dropped old reply was not acknowledged: the poll after it still named the reconnect's point
        assertThat(client.calls("System/Messages").get(4).query()).isEqualTo("ack=1");
    }

    @Test
    void eventsARouteKeepsFailingOnAfterTheChatEndedAreHandedAgainMaxPollRetriesTimes() throws Exception {
        AtomicInteger deliveries = new AtomicInteger();
        List<CompletableFuture<LiveAgentReply>> polls = polls(2);
        ScriptedClient scripted = new ScriptedClient(30).messages(answeredBy(polls));
        context = new DefaultCamelContext();
        context.addComponent("liveagent", component(scripted, 3));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(e -> {
                    ChatMessage m = e.getMessage().getBody(ChatMessage.class);
                    if (m != null && m.text().equals("last words")) {
                        deliveries.incrementAndGet();
                        throw new IllegalStateException("the route always fails on this one");
                    }
                }).process(received);
            }
        });
        context.start();
        String id = startChat();
        polls.get(0).complete(ScriptedClient.events(1, 11, "ChatRequestSuccess", "{\"queuePosition\":1}", "ChatEstablished",
                ESTABLISHED).join());
        received.await(id, ChatEstablished.class);
        polls.get(1).complete(ScriptedClient.events(3, 22, "ChatMessage",
                "{\"name\":\"Agent Smith\",\"text\":\"last words\"}", "ChatEnded", "{\"reason\":\"agent\"}").join());
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.get() >= 4);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> deliveries.get() == 4);
        System.out.printf("bookkeeping: 'last words' handed to the route %d times; polls after the end %d%n",
                deliveries.get(), client.calls("System/Messages").size() - 2);
        assertThat(deliveries.get()).as("the first delivery and maxPollRetries (3) more").isEqualTo(4);
        assertThat(client.calls("System/Messages")).as("an ended chat is not polled again").hasSize(2);
    }

    @Test
    void aRouteThatCompletesLaterIsWaitedForBeforeTheNextPollAcknowledges() throws Exception {
        Map<Long, Long> completedAt = new ConcurrentHashMap<>();
        List<CompletableFuture<LiveAgentReply>> polls = polls(2);
        ScriptedClient scripted = new ScriptedClient(30).messages(answeredBy(polls));
        context = new DefaultCamelContext();
        context.addComponent("liveagent", component(scripted, 3));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the exchange completes later, on another thread: the dispatcher must wait for it
                from("liveagent:messages").delay(100).asyncDelayed().process(received).process(e -> completedAt
                        .put(e.getMessage().getHeader(LiveAgentConstants.SEQUENCE, Long.class), System.nanoTime()));
            }
        });
        context.start();
        String id = startChat();
        polls.get(0).complete(ScriptedClient.events(2, 11, "ChatRequestSuccess", "{\"queuePosition\":1}", "QueueUpdate",
                "{\"position\":1}", "ChatEstablished", ESTABLISHED).join());
        await().atMost(Duration.ofSeconds(10)).until(() -> client.calls("System/Messages").size() >= 2);
        ScriptedClient.Call next = client.calls("System/Messages").get(1);
        System.out.printf("bookkeeping: events %s with sequences %s; next poll %s%n", received.types(id),
                received.of(id).stream().map(ReceivedEvents.Event::sequence).toList(), next.query());
        assertThat(received.types(id)).containsExactly("ChatRequestSuccess", "QueueUpdate", "ChatEstablished");
        assertThat(next.query()).isEqualTo("ack=2");
        assertThat(next.nanos()).as("the ack leaves after the route completed the last event")
                .isGreaterThanOrEqualTo(completedAt.get(2L));
        assertThat(received.bodies(id, QueueUpdate.class)).hasSize(1);
    }

    /** A session store that remembers every save and removal. */
    private static final class RecordingStore implements SessionStore {
        final List<SessionSnapshot> saved = new CopyOnWriteArrayList<>();
        final List<String> removed = new CopyOnWriteArrayList<>();
        final List<String> operations = new CopyOnWriteArrayList<>();

        @Override
        public void save(SessionSnapshot snapshot) {
            saved.add(snapshot);
            operations.add("save " + snapshot.state());
        }

        @Override
        public void remove(String sessionId) {
            removed.add(sessionId);
            operations.add("remove");
        }

        @Override
        public List<SessionSnapshot> loadAll() {
            return List.of();
        }

        SessionSnapshot last() {
            return saved.get(saved.size() - 1);
        }
    }

    @Test
    void theSessionStoreHearsOfEveryChangeAndOfTheEnd() throws Exception {
        RecordingStore store = new RecordingStore();
        List<CompletableFuture<LiveAgentReply>> polls = polls(3);
        ScriptedClient scripted = new ScriptedClient(30).messages(answeredBy(polls));
        LiveAgentComponent liveagent = component(scripted, 3);
        liveagent.setSessionStore(store);
        context = LiveAgentTestSupport.startedContext(liveagent, received);
        String id = startChat();
        await().atMost(Duration.ofSeconds(5)).until(() -> !store.saved.isEmpty()
                                                          && store.last().state() == SessionState.REQUESTED);
        long sequenceAfterInit = store.last().nextSequence();

        polls.get(0).complete(ScriptedClient.events(1, 11, "ChatRequestSuccess", "{\"queuePosition\":1}", "ChatEstablished",
                ESTABLISHED).join());
        received.await(id, ChatEstablished.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.last().ack() == 1 && store.last().offset() == 11
                                                          && store.last().state() == SessionState.ACTIVE);
        assertThat(chatMessage(id, "hello").join().getException()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.last().nextSequence() == sequenceAfterInit + 1);

        polls.get(1).complete(ScriptedClient.events(2, 22, "ChatEnded", "{\"reason\":\"agent\"}").join());
        received.await(id, ChatEnded.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.removed.contains(id));
        System.out.printf("bookkeeping: %d saves (first %s, last %s), operations %s%n", store.saved.size(),
                store.saved.get(0), store.last(), store.operations);
        assertThat(store.saved).allSatisfy(s -> assertThat(s.id()).isEqualTo(id));
        assertThat(store.removed).containsOnly(id);
        // nothing is saved once the session was removed: a restart must not bring an ended chat back
        List<String> ops = store.operations;
        assertThat(ops.subList(ops.indexOf("remove"), ops.size())).containsOnly("remove");
    }
}
