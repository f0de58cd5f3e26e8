package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
import org.apache.camel.ExchangePattern;
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
        Exchange out = within(context.createProducerTemplate().asyncSend("liveagent:startChat",
                e -> e.setPattern(ExchangePattern.InOut)));
        assertThat(out.getException()).isNull();
        return out.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
    }

    private CompletableFuture<Exchange> chatMessage(String id, String text) {
        return context.createProducerTemplate().asyncSend("liveagent:chatMessage", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setBody(text);
        });
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
        assertThat(within(chatMessage(id, "before")).getException()).isNull();

        // the server hands the session over: the parked poll is answered 503
        polls.get(1).complete(new LiveAgentReply(503, new byte[0]));
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.calls("System/ReconnectSession").isEmpty());
        CompletableFuture<Exchange> after = chatMessage(id, "after");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.calls("System/Messages").size() >= 3);
        polls.get(2).complete(ScriptedClient.events(2, 21, "ChasitorSessionData", "{\"queuePosition\":0}").join());
        assertThat(within(after).getException()).isNull();
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

    /**
     * A context whose route fails once on the agent message "fail" (the event comes again), with a scripted server
     * that answers the n-th poll with the n-th future and accepts a ReconnectSession.
     */
    private void startFailingOnceOnFail(List<CompletableFuture<LiveAgentReply>> polls) throws Exception {
        AtomicInteger failures = new AtomicInteger(1);
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
    }

    @Test
    void reconnectSessionNamesTheOffsetOfTheLastReplyTheRoutesProcessedCompletely() throws Exception {
        List<CompletableFuture<LiveAgentReply>> polls = polls(3);
        startFailingOnceOnFail(polls);
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
        List<CompletableFuture<LiveAgentReply>> polls = polls(5);
        startFailingOnceOnFail(polls);
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
        List<Long> deliveredAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<LiveAgentReply>> polls = polls(2);
        ScriptedClient scripted = new ScriptedClient(30).messages(answeredBy(polls));
        context = new DefaultCamelContext();
        LiveAgentComponent component = component(scripted, 3);
        // rounds 100, 200, 400 ms apart: long enough that a round going out without its delay shows
        component.getConfiguration().setPollRetryDelay(100);
        context.addComponent("liveagent", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(e -> {
                    ChatMessage m = e.getMessage().getBody(ChatMessage.class);
                    if (m != null && m.text().equals("last words")) {
                        deliveredAt.add(System.nanoTime());
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
        // each round waits its back-off first (a timer never fires early, so these lower bounds hold on any machine)
        for (int round = 1; round < 4; round++) {
            long gapMs = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deliveredAt.get(round) - deliveredAt.get(round - 1));
            assertThat(gapMs).as("delay before redelivery round %d", round).isGreaterThanOrEqualTo(100L << (round - 1));
        }
        assertThat(client.calls("System/Messages")).as("an ended chat is not polled again").hasSize(2);
        // given up after the last round: the poller keeps nothing of the session
        LiveAgentComponent liveagent = context.getComponent("liveagent", LiveAgentComponent.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> liveagent.perSessionEntries().get("poller.loops") == 0);
        System.out.printf("bookkeeping: per-session entries after giving up %s%n", liveagent.perSessionEntries());
        assertThat(liveagent.perSessionEntries()).containsEntry("poller.heldEvents", 0).containsEntry("poller.inFlight", 0);
    }

    @Test
    void anEventOneRouteFailedOnComesAgainOnlyToThatRouteWhenTheOtherCompletedItLater() throws Exception {
        anEventOneRouteFailedOnComesAgainOnlyToThatRoute(true);
    }

    @Test
    void anEventOneRouteFailedOnComesAgainOnlyToThatRouteWhenTheOtherCompletedItAtOnce() throws Exception {
        anEventOneRouteFailedOnComesAgainOnlyToThatRoute(false);
    }

    /** Two routes: the first processes the event (later, on another thread, or at once), the second fails once. */
    private void anEventOneRouteFailedOnComesAgainOnlyToThatRoute(boolean completesLater) throws Exception {
        AtomicInteger failures = new AtomicInteger(1);
        List<String> later = new CopyOnWriteArrayList<>();
        List<String> failing = new CopyOnWriteArrayList<>();
        List<CompletableFuture<LiveAgentReply>> polls = polls(3);
        ScriptedClient scripted = new ScriptedClient(30).messages(answeredBy(polls));
        context = new DefaultCamelContext();
        context.addComponent("liveagent", component(scripted, 3));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the first consumer completes its exchange on another thread, after the dispatcher moved on, or
                // on the dispatcher's own thread
                var first = from("liveagent:messages?messageTypes=ChatMessage").routeId("later").startupOrder(1);
                if (completesLater) {
                    first.delay(50).asyncDelayed();
                }
                first.process(e -> later.add(e.getMessage().getBody(ChatMessage.class).text()));
                from("liveagent:messages").routeId("failing").startupOrder(2).process(e -> {
                    ChatMessage m = e.getMessage().getBody(ChatMessage.class);
                    if (m != null) {
                        failing.add(m.text());
                        if (failures.getAndDecrement() > 0) {
                            throw new IllegalStateException("the route fails once on this one");
                        }
                    }
                }).process(received);
            }
        });
        context.start();
        String id = startChat();
        polls.get(0).complete(ScriptedClient.events(1, 11, "ChatRequestSuccess", "{\"queuePosition\":1}", "ChatEstablished",
                ESTABLISHED).join());
        received.await(id, ChatEstablished.class);
        // the reply comes again after the failure, as a server gives it again for the same ack
        LiveAgentReply hello = ScriptedClient.events(2, 22, "ChatMessage", "{\"name\":\"Agent Smith\",\"text\":\"hello\"}")
                .join();
        polls.get(1).complete(hello);
        polls.get(2).complete(hello);
        received.await(id, ChatMessage.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.calls("System/Messages").size() >= 4);
        System.out.printf("bookkeeping: the later route got %s, the failing route %s; polls %s%n", later, failing,
                client.calls("System/Messages").stream().map(ScriptedClient.Call::query).toList());
        assertThat(failing).as("failed once, then processed").containsExactly("hello", "hello");
        assertThat(later).as("processed the first time: not handed it again").containsExactly("hello");
        assertThat(client.calls("System/Messages")).extracting(ScriptedClient.Call::query)
                .containsExactly("ack=-1", "ack=1", "ack=1", "ack=2");
    }

    @Test
    void theSessionStoreHearsHowFarTheRoutesGotInAReplyTheyProcessedInPart() throws Exception {
        RecordingStore store = new RecordingStore();
        List<CompletableFuture<LiveAgentReply>> polls = polls(2);
        ScriptedClient scripted = new ScriptedClient(30).messages(answeredBy(polls));
        LiveAgentComponent liveagent = component(scripted, 3);
        liveagent.setSessionStore(store);
        context = new DefaultCamelContext();
        context.addComponent("liveagent", liveagent);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(e -> {
                    ChatMessage m = e.getMessage().getBody(ChatMessage.class);
                    if (m != null && m.text().equals("fail")) {
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
        await().atMost(Duration.ofSeconds(5)).until(() -> !store.saved.isEmpty() && store.last().ack() == 1
                                                          && store.last().processed() == 1);
        // positions 2 (processed) and 3 (failed): the store must hear of 2, though the reply is not acknowledged
        polls.get(1).complete(ScriptedClient.events(3, 22, "ChatMessage", "{\"name\":\"Agent Smith\",\"text\":\"ok\"}",
                "ChatMessage", "{\"name\":\"Agent Smith\",\"text\":\"fail\"}").join());
        received.await(id, ChatMessage.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.last().processed() == 2);
        System.out.printf("bookkeeping: last save %s (processed %d, offset %d)%n", store.last(), store.last().processed(),
                store.last().offset());
        assertThat(store.last().ack()).as("a reply processed in part is not acknowledged").isEqualTo(1);
        assertThat(store.last().offset()).isEqualTo(11);
        assertThat(store.last().pendingPositions()).containsExactly(2L, 3L);
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
        private final List<SessionSnapshot> toLoad;

        RecordingStore() {
            this(List.of());
        }

        /** A store that hands these sessions to the component when it starts, as after a restart. */
        RecordingStore(List<SessionSnapshot> toLoad) {
            this.toLoad = toLoad;
        }

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
            return toLoad;
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
        assertThat(within(chatMessage(id, "hello")).getException()).isNull();
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

    @Test
    void afterARestartTheStoreHearsTheAckOfAReplyWhoseEventsTheRoutesHadProcessedAlready() throws Exception {
        // saved after the routes processed both events of the reply with sequence 1, before its ack was saved
        SessionSnapshot saved = new SessionSnapshot("s-restored", "s-restored!1700000000000!a2V5", "abcd1234",
                "http://127.0.0.1:9", "52", LiveAgentTestSupport.ORG_ID, 30, SessionState.ACTIVE, 3, -1, 0, null, 2, 1,
                List.of(0L, 1L), List.of(), 0, 0, false);
        RecordingStore store = new RecordingStore(List.of(saved));
        List<CompletableFuture<LiveAgentReply>> polls = polls(1);
        ScriptedClient scripted = new ScriptedClient(30).messages(answeredBy(polls));
        LiveAgentComponent liveagent = component(scripted, 3);
        liveagent.setSessionStore(store);
        context = LiveAgentTestSupport.startedContext(liveagent, received);
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.calls("System/Messages").isEmpty());
        polls.get(0).complete(ScriptedClient.events(1, 11, "ChatRequestSuccess", "{\"queuePosition\":1}", "ChatEstablished",
                ESTABLISHED).join());
        await().atMost(Duration.ofSeconds(10)).until(() -> client.calls("System/Messages").size() >= 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.saved.stream().anyMatch(s -> s.ack() == 1));
        System.out.printf("bookkeeping: after the restart polls %s, events to the routes %d, saves %s%n",
                client.calls("System/Messages").stream().map(ScriptedClient.Call::query).toList(), received.all().size(),
                store.saved.stream().map(s -> "ack=" + s.ack() + " offset=" + s.offset()).toList());
        assertThat(received.all()).as("events the routes processed before the restart are not handed again").isEmpty();
        assertThat(client.calls("System/Messages")).extracting(ScriptedClient.Call::query).containsExactly("ack=-1", "ack=1");
        assertThat(store.last().ack()).isEqualTo(1);
        assertThat(store.last().offset()).isEqualTo(11);
        assertThat(store.last().pendingPositions()).isEmpty();
    }
    /**
     * The application stopped between ReconnectSession and ChasitorResyncState: the restored chat still finishes the
     * hand-over (the server refuses every other POST until the resync) and holds its POSTs until then.
     */
    @Test
    void aChatRestoredInTheMiddleOfAHandOverSendsChasitorResyncStateBeforeAnyPost() throws Exception {
        SessionSnapshot saved = new SessionSnapshot("s-restored", "s-restored!1700000000000!a2V5", "ffff0000",
                "http://127.0.0.1:9", "52", LiveAgentTestSupport.ORG_ID, 30, SessionState.ACTIVE, 1, 2, 22, null, 3, 2,
                List.of(), List.of(), 0, 0, true);
        RecordingStore store = new RecordingStore(List.of(saved));
        List<CompletableFuture<LiveAgentReply>> polls = polls(1);
        ScriptedClient scripted = new ScriptedClient(30).messages(answeredBy(polls));
        LiveAgentComponent liveagent = component(scripted, 3);
        liveagent.setSessionStore(store);
        context = LiveAgentTestSupport.startedContext(liveagent, received);
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.calls("System/Messages").isEmpty());
        CompletableFuture<Exchange> message = chatMessage("s-restored", "after the restart");
        polls.get(0).complete(ScriptedClient.events(5, 33, "ChasitorSessionData", "{\"queuePosition\":0}",
                "ChatMessage", "{\"name\":\"Agent Smith\",\"text\":\"still here\"}").join());
        assertThat(message.get(10, java.util.concurrent.TimeUnit.SECONDS).getException()).isNull();

        List<String> posts = client.calls().stream().map(ScriptedClient.Call::path).filter(p -> p.startsWith("Chasitor/"))
                .toList();
        System.out.printf("bookkeeping: after a restart mid hand-over the POSTs went %s%n", posts);
        assertThat(posts).containsExactly("Chasitor/ChasitorResyncState", "Chasitor/ChatMessage");
        // the POST's answer may come before the agent's message has been routed: the routes run on their own threads
        received.await("s-restored", ChatMessage.class);
        assertThat(received.bodies("s-restored", ChatMessage.class)).extracting(ChatMessage::text)
                .containsExactly("still here");
        // the snapshot saved after the resync says the hand-over is over
        await().atMost(Duration.ofSeconds(5)).until(() -> !store.last().resyncPending());
    }
}
