package io.github.camelliveagent.component.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelliveagent.component.client.ChatServer;
import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import io.github.camelliveagent.component.session.SessionSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's own rules, against a scripted client (the emulator cannot answer 503 twenty-one times to one POST, nor
 * show two POSTs of one session overlapping): one POST in flight per session, whatever the answers; a POST given up
 * after a hand-over that never completes is not also queued again; the 403 of a POST ends the session through its
 * one end path.
 */
class OutboxTest {

    private static final String KEY = "3f2c9a7e-1111-2222-3333-444455556666!1700000000000!c2VjcmV0";

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final Timer timer = new Timer(executor, () -> true);
    private final List<SessionEnd> ends = new ArrayList<>();

    /** Waits a bounded time: a POST that is never answered fails the test instead of hanging it. */
    static <T> T within(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer within 10 s", e);
        }
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A client that answers each POST with the next status of its script (then 200), a little later. */
    private static final class ScriptedClient implements LiveAgentClient {
        final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        final List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Long> sequences = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** The body of each scripted answer, in step with the statuses (then "OK"). */
        final ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();

        @Override
        public CompletableFuture<LiveAgentReply> send(LiveAgentRequest request) {
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            sent.add(request.path() + (request.body() == null ? "" : " " + new String(request.body(), StandardCharsets.UTF_8)));
            sequences.add(request.sequence());
            Integer status = script.poll();
            int answer = status == null ? 200 : status;
            String body = bodies.poll();
            byte[] text = (body == null ? "OK" : body).getBytes(StandardCharsets.UTF_8);
            return CompletableFuture.supplyAsync(() -> {
                inFlight.decrementAndGet();
                return new LiveAgentReply(answer, text);
            }, CompletableFuture.delayedExecutor(2, TimeUnit.MILLISECONDS));
        }

        @Override
        public void close() {
        }
    }

    private final AtomicInteger unavailable = new AtomicInteger();

    private ChatSession activeSession(ScriptedClient client) {
        return session(client, SessionState.ACTIVE);
    }

    /** A session in this state whose first POST is numbered 101 (restored: 1 plus the restart margin). */
    private ChatSession session(LiveAgentClient client, SessionState state) {
        SessionSnapshot saved = new SessionSnapshot("s-1", KEY, "abcd1234", "http://127.0.0.1:1", "52",
                "00D000000000001", 40, state, 1, -1, 0, null, 0, -1, List.of(), List.of(), 0, 0, false);
        SessionSettings settings = new SessionSettings(ChatServer.of("http://127.0.0.1:1", "52", false),
                "00D000000000001", 1_000, 3, 1, false);
        return ChatSession.restore(saved, settings, new ChatSession.Hooks(s -> new Outbox(s, client, timer),
                s -> unavailable.incrementAndGet(), s -> { }, s -> { }, s -> null, s -> ends.add(s.end())));
    }

    @Test
    void aPostRefusedWhileTheSessionIsHandedOverIsGivenUpOnceAndNeverOverlapsTheNext() {
        ScriptedClient client = new ScriptedClient();
        // the first POST meets a hand-over that never completes on our side (no Handover here): 21 refusals
        for (int i = 0; i < 21; i++) {
            client.script.add(503);
        }
        ChatSession session = activeSession(client);
        CompletableFuture<LiveAgentReply> first = session.outbox().submit("chatMessage", "POST", "Chasitor/ChatMessage",
                "{\"text\":\"one\"}".getBytes(StandardCharsets.UTF_8), true, false, 0);
        List<CompletableFuture<LiveAgentReply>> later = new ArrayList<>();
        for (int i = 2; i <= 5; i++) {
            later.add(session.outbox().submit("chatMessage", "POST", "Chasitor/ChatMessage",
                    ("{\"text\":\"" + i + "\"}").getBytes(StandardCharsets.UTF_8), true, false, 0));
        }
        Throwable failure = within(first.handle((r, e) -> e));
        later.forEach(OutboxTest::within);
        System.out.printf("outbox: %d calls sent, at most %d in flight at once, first POST failed: %s%n",
                client.sent.size(), client.mostInFlight.get(), failure);
        assertThat(failure).isInstanceOf(SessionCallException.class).hasMessageContaining("while handing the session over");
        assertThat(client.mostInFlight.get()).as("POSTs of one session in flight at once").isEqualTo(1);
        assertThat(client.sent.subList(0, 21)).as("the first 21 calls are the given-up POST")
                .containsOnly("Chasitor/ChatMessage {\"text\":\"one\"}");
        assertThat(client.sent).as("the given-up POST is sent 21 times, then each later one once, in order")
                .hasSize(25).endsWith("Chasitor/ChatMessage {\"text\":\"2\"}", "Chasitor/ChatMessage {\"text\":\"3\"}",
                        "Chasitor/ChatMessage {\"text\":\"4\"}", "Chasitor/ChatMessage {\"text\":\"5\"}");
        assertThat(session.outbox().pending()).isZero();
    }

    @Test
    void aPostAnswered403EndsTheSessionThroughItsOneEndPath() {
        ScriptedClient client = new ScriptedClient();
        client.script.add(403);
        ChatSession session = activeSession(client);
        Throwable failure = within(session.outbox().submit("chatMessage", "POST", "Chasitor/ChatMessage",
                "{\"text\":\"one\"}".getBytes(StandardCharsets.UTF_8), true, false, 0).handle((r, e) -> e));
        assertThat(failure).isInstanceOf(SessionCallException.class);
        assertThat(session.state()).isEqualTo(SessionState.ENDED);
        assertThat(ends).singleElement().satisfies(end -> {
            assertThat(end.kind()).isEqualTo(SessionEnd.Kind.LOST);
            assertThat(end.reason()).isEqualTo(SessionEnd.SESSION_INVALID);
            assertThat(end.failure()).isSameAs(failure);
        });
    }

    private static byte[] text(String text) {
        return ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A POST that left just as a hand-over began, answered 500 by the new server before ChasitorResyncState (as the
     * emulator does, liveagent-api.md §5.3): it goes again once the hand-over is complete, instead of failing.
     */
    @Test
    void aPostRefusedWith500DuringAHandOverGoesAgainAfterTheResync() {
        List<CompletableFuture<LiveAgentReply>> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> affinities = new java.util.concurrent.CopyOnWriteArrayList<>();
        LiveAgentClient client = new LiveAgentClient() {
            @Override
            public CompletableFuture<LiveAgentReply> send(LiveAgentRequest request) {
                CompletableFuture<LiveAgentReply> answer = new CompletableFuture<>();
                affinities.add(request.affinity());
                answers.add(answer);
                return answer;
            }

            @Override
            public void close() {
            }
        };
        ChatSession session = session(client, SessionState.ACTIVE);
        CompletableFuture<LiveAgentReply> post = session.outbox().submit("chatMessage", "POST", "Chasitor/ChatMessage",
                text("one"), true, false, 0);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> answers.size() == 1);
        // the hand-over begins and reconnects while the POST is on its way; the new server refuses it
        assertThat(session.beginHandover()).isTrue();
        session.reconnected("ffff0000", true);
        answers.get(0).complete(new LiveAgentReply(500, "ChasitorResyncState expected after ReconnectSession"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(post).as("held, not failed, while the hand-over is under way").isNotDone();
        session.resynced();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> answers.size() == 2);
        answers.get(1).complete(new LiveAgentReply(200, "OK".getBytes(StandardCharsets.UTF_8)));
        LiveAgentReply reply = within(post);
        System.out.printf("outbox: POST sent with affinities %s, answered %d at last%n", affinities, reply.status());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(affinities).containsExactly("abcd1234", "ffff0000");
        assertThat(ends).isEmpty();
    }

    /** A network failure (as the async client reports it, wrapped) reaches the caller as its own cause and text. */
    @Test
    void aPostThatNeverReachesTheServerFailsWithTheNetworkErrorAsItsCause() {
        java.io.IOException refused = new java.io.IOException("Connection refused");
        AtomicInteger attempts = new AtomicInteger();
        LiveAgentClient client = new LiveAgentClient() {
            @Override
            public CompletableFuture<LiveAgentReply> send(LiveAgentRequest request) {
                attempts.incrementAndGet();
                return CompletableFuture.failedFuture(new java.util.concurrent.CompletionException(refused));
            }

            @Override
            public void close() {
            }
        };
        ChatSession session = session(client, SessionState.ACTIVE);
        Throwable failure = within(session.outbox().submit("chatMessage", "POST", "Chasitor/ChatMessage", text("one"),
                true, false, 0).handle((r, e) -> e));
        System.out.printf("outbox: %d attempts; failure %s%n", attempts.get(), failure);
        assertThat(failure).isInstanceOf(SessionCallException.class).hasCause(refused)
                .hasMessageContaining("IOException Connection refused")
                .hasMessageNotContaining("CompletionException");
    }

    @Test
    void aPostAnsweredOutOfSyncIsRenumberedAfterTheServersLastNumberAtMostThreeTimes() {
        ScriptedClient client = new ScriptedClient();
        client.script.add(409);
        client.bodies.add("Out of sync. Expected 101. Actual 4");
        ChatSession session = activeSession(client);
        within(session.outbox().submit("chatMessage", "POST", "Chasitor/ChatMessage", text("one"), true, false, 0));
        // a POST the server keeps refusing as out of sync: repaired three times, then given up
        for (int i = 0; i < 4; i++) {
            client.script.add(409);
            client.bodies.add("Expected 7. Actual 4");
        }
        Throwable failure = within(session.outbox().submit("chatMessage", "POST", "Chasitor/ChatMessage", text("two"),
                true, false, 0).handle((r, e) -> e));
        System.out.printf("outbox: sequences sent %s; second POST failed with %s%n", client.sequences, failure);
        assertThat(client.sequences).as("101 refused, renumbered after the server's 4; then 6 and three repairs")
                .containsExactly(101L, 5L, 6L, 5L, 5L, 5L);
        assertThat(failure).isInstanceOf(SessionCallException.class).hasMessageContaining("409");
        assertThat(((SessionCallException) failure).getStatusCode()).isEqualTo(409);
        assertThat(session.outbox().pending()).isZero();
    }

    @Test
    void aPostAnswered503IsReportedForTheHandOverAndGoesAgainWithANewNumber() {
        ScriptedClient client = new ScriptedClient();
        client.script.add(503);
        ChatSession session = activeSession(client);
        LiveAgentReply reply = within(session.outbox().submit("chatMessage", "POST", "Chasitor/ChatMessage", text("one"),
                true, false, 0));
        System.out.printf("outbox: sequences sent %s, hand-overs asked for %d%n", client.sequences, unavailable.get());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(unavailable.get()).as("the 503 starts a hand-over").isEqualTo(1);
        assertThat(client.sequences).as("numbered again when it goes again").containsExactly(101L, 102L);
    }

    @Test
    void chatActivityWaitsForChatEstablishedAndFailsWhenItsWaitRunsOut() {
        ScriptedClient client = new ScriptedClient();
        ChatSession session = session(client, SessionState.QUEUED);
        Throwable expired = within(session.outbox().submit("chatMessage", "POST", "Chasitor/ChatMessage", text("early"),
                true, true, 50).handle((r, e) -> e));
        assertThat(expired).isInstanceOf(SessionCallException.class).hasMessageContaining("establishTimeout (50 ms)")
                .hasMessageContaining("QUEUED");
        assertThat(client.sent).as("chat activity is never sent before ChatEstablished").isEmpty();

        CompletableFuture<LiveAgentReply> waiting = session.outbox().submit("chatMessage", "POST", "Chasitor/ChatMessage",
                text("waits"), true, true, 10_000);
        assertThat(session.outbox().pending()).isEqualTo(1);
        assertThat(client.sent).isEmpty();
        session.apply(List.of(new io.github.camelliveagent.component.model.message.ChatEstablished("Agent Smith",
                "005000000000001", null, null, null)), List.of(0L));
        assertThat(within(waiting).status()).isEqualTo(200);
        System.out.printf("outbox: sent %s%n", client.sent);
        assertThat(client.sent).containsExactly("Chasitor/ChatMessage {\"text\":\"waits\"}");
        assertThat(session.outbox().pending()).isZero();
    }

    @Test
    void aCallThatIsNotChatActivityGoesBeforeChatEstablished() {
        ScriptedClient client = new ScriptedClient();
        ChatSession session = session(client, SessionState.QUEUED);
        LiveAgentReply reply = within(session.outbox().submit("chatEnd", "POST", "Chasitor/ChatEnd",
                "{\"reason\":\"client\"}".getBytes(StandardCharsets.UTF_8), true, false, 0));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(client.sent).containsExactly("Chasitor/ChatEnd {\"reason\":\"client\"}");
    }

    @Test
    void anEndedSessionFailsEveryWaitingPostAtOnce() {
        ScriptedClient client = new ScriptedClient();
        ChatSession session = session(client, SessionState.QUEUED);
        CompletableFuture<LiveAgentReply> one = session.outbox().submit("chatMessage", "POST", "Chasitor/ChatMessage",
                text("one"), true, true, 10_000);
        CompletableFuture<LiveAgentReply> two = session.outbox().submit("chatMessage", "POST", "Chasitor/ChatMessage",
                text("two"), true, true, 10_000);
        assertThat(session.outbox().pending()).isEqualTo(2);
        session.end(SessionEnd.lost(SessionEnd.CONNECTION_LOST, new SessionCallException("x", "s-1", 0, "gone")));
        Throwable first = within(one.handle((r, e) -> e));
        Throwable second = within(two.handle((r, e) -> e));
        assertThat(first).isInstanceOf(SessionCallException.class).hasMessageContaining("the chat has ended");
        assertThat(second).isInstanceOf(SessionCallException.class).hasMessageContaining("the chat has ended");
        assertThat(session.outbox().pending()).isZero();
        assertThat(client.sent).isEmpty();
    }
}
