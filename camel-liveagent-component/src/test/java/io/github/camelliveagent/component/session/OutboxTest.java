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

        @Override
        public CompletableFuture<LiveAgentReply> send(LiveAgentRequest request) {
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            sent.add(request.path() + (request.body() == null ? "" : " " + new String(request.body(), StandardCharsets.UTF_8)));
            Integer status = script.poll();
            int answer = status == null ? 200 : status;
            return CompletableFuture.supplyAsync(() -> {
                inFlight.decrementAndGet();
                return new LiveAgentReply(answer, "OK".getBytes(StandardCharsets.UTF_8));
            }, CompletableFuture.delayedExecutor(2, TimeUnit.MILLISECONDS));
        }

        @Override
        public void close() {
        }
    }

    private ChatSession activeSession(ScriptedClient client) {
        SessionSnapshot saved = new SessionSnapshot("s-1", KEY, "abcd1234", "http://127.0.0.1:1", "52",
                "00D000000000001", 40, SessionState.ACTIVE, 1, -1, 0, null, 0, -1, List.of(), List.of(), 0, 0);
        SessionSettings settings = new SessionSettings(ChatServer.of("http://127.0.0.1:1", "52", false),
                "00D000000000001", 1_000, 3, 1, false);
        return ChatSession.restore(saved, settings, new ChatSession.Hooks(s -> new Outbox(s, client, timer),
                s -> { }, s -> { }, s -> { }, s -> null, s -> ends.add(s.end())));
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
}
