package io.github.camelliveagent.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.component.model.message.ChatEnded;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many concurrent conversations while the emulator injects faults at random (hand-overs, 503s and 409s on POSTs,
 * dropped polls, events delivered twice, SwitchServer, latency) and the route fails now and then (its event comes
 * again); then every chat ends, half by the visitor, half by the agent. Afterwards every session's transcript on the
 * server is compared with what the visitor sent and what the route received: nothing lost, nothing doubled,
 * everything in order, every end seen by the route.
 * <p>
 * Short by default for CI; a soak: {@code mvn -B -pl camel-liveagent-component test -Dtest=ChaosTest
 * -Dchaos.sessions=1000 -Dchaos.messages=50 -Dchaos.seed=7}.
 */
class ChaosTest extends LiveAgentTestSupport {

    private static final int SESSIONS = Integer.getInteger("chaos.sessions", 200);
    private static final int MESSAGES = Integer.getInteger("chaos.messages", 5);
    private static final long SEED = Long.getLong("chaos.seed", 42L);
    /** How often an exchange of the route fails at random, before it has processed its event. */
    private static final double ROUTE_FAILURES = Double.parseDouble(System.getProperty("chaos.routeFailures", "0.05"));

    private final Random routeRandom = new Random(SEED);
    private final AtomicInteger routeFailed = new AtomicInteger();

    private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(e -> {
                    boolean fail;
                    synchronized (routeRandom) {
                        fail = routeRandom.nextDouble() < ROUTE_FAILURES;
                    }
                    if (fail) {
                        routeFailed.incrementAndGet();
                        throw new IllegalStateException("the route failed at random (chaos)");
                    }
                }).process(received);
            }
        };
    }

    @Override
    protected void configure(LiveAgentComponent liveagent) {
        super.configure(liveagent);
        liveagent.getConfiguration().setPollRetryDelay(20);
        liveagent.getConfiguration().setMaxPollRetries(10);
        liveagent.getConfiguration().setEstablishTimeout(60_000);
    }

    private void inject(EmulatedSession server, Random random) {
        String fault;
        switch (random.nextInt(7)) {
            case 0 -> {
                server.faults().handover();
                fault = "handover (503 on every call until ReconnectSession)";
            }
            case 1 -> {
                server.faults().failNextPost(503);
                fault = "503 on a POST";
            }
            case 2 -> {
                server.faults().dropNextPoll();
                fault = "poll connection dropped";
            }
            case 3 -> {
                server.faults().duplicateNextEvent();
                fault = "events delivered twice";
            }
            case 4 -> {
                server.faults().failNextPost(409);
                fault = "409 Out of sync on a POST";
            }
            case 5 -> {
                server.faults().switchServer(emulator().baseUrl() + "/chat");
                fault = "SwitchServer event";
            }
            default -> {
                server.faults().latency(Duration.ofMillis(5 + random.nextInt(30)));
                fault = "added latency";
            }
        }
        injected.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
    }

    @Test
    void conversationsSurviveRandomFaultsWithNothingLostOrDoubled() {
        Random random = new Random(SEED);
        List<CompletableFuture<Exchange>> starts = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            starts.add(template().asyncSend("liveagent:startChat", e -> {
            }));
        }
        List<String> ids = starts.stream().map(f -> {
            Exchange e = f.join();
            assertThat(e.getException()).isNull();
            return e.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        }).toList();
        for (String id : ids) {
            received.await(id, ChatRequestSuccess.class);
            serverSide(id).accept("Agent Smith");
        }
        for (String id : ids) {
            received.await(id, ChatEstablished.class);
        }

        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        for (int m = 1; m <= MESSAGES; m++) {
            for (String id : ids) {
                EmulatedSession server = serverSide(id);
                sends.add(sendInOrder("chatMessage", id, "visitor " + m));
                server.agentMessage("agent " + m);
                if (random.nextInt(4) == 0) {
                    inject(server, random);
                }
            }
        }
        long sendsFailed = sends.stream().filter(f -> f.join().getException() != null).count();
        await().atMost(Duration.ofSeconds(120)).until(() -> ids.stream()
                .allMatch(id -> received.bodies(id, ChatMessage.class).size() >= MESSAGES));
        // every chat ends: even ones by the visitor, odd ones by the agent
        List<CompletableFuture<Exchange>> ends = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (i % 2 == 0) {
                ends.add(sendInOrder("chatEnd", ids.get(i), null));
            } else {
                serverSide(ids.get(i)).endChat();
            }
        }
        long endsFailed = ends.stream().filter(f -> f.join().getException() != null).count();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                    .allMatch(id -> !received.bodies(id, ChatEnded.class).isEmpty()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // counted and reported below
        }

        List<String> expectedVisitor = new ArrayList<>();
        List<String> expectedAgent = new ArrayList<>();
        for (int m = 1; m <= MESSAGES; m++) {
            expectedVisitor.add("visitor " + m);
            expectedAgent.add("agent " + m);
        }
        int lost = 0;
        int doubled = 0;
        int notAsSent = 0;
        int notEnded = 0;
        int conflicts = 0;
        for (String id : ids) {
            EmulatedSession server = serverSide(id);
            List<String> got = received.bodies(id, ChatMessage.class).stream().map(ChatMessage::text).toList();
            List<String> sent = server.transcript().visitorMessages();
            lost += (int) expectedAgent.stream().filter(t -> !got.contains(t)).count()
                    + (int) expectedVisitor.stream().filter(t -> !sent.contains(t)).count();
            doubled += got.size() - (int) got.stream().distinct().count() + sent.size() - (int) sent.stream().distinct().count();
            notAsSent += got.equals(expectedAgent) && sent.equals(expectedVisitor) ? 0 : 1;
            notEnded += received.bodies(id, ChatEnded.class).size() == 1 ? 0 : 1;
            conflicts += server.conflictCount();
        }
        var stats = context().getComponent("liveagent", LiveAgentComponent.class).getStatistics();
        Map<String, Integer> counts = new TreeMap<>();
        injected.forEach((k, v) -> counts.put(k, v.get()));
        System.out.printf("chaos: %d sessions x %d messages each way, seed %d%n", SESSIONS, MESSAGES, SEED);
        counts.forEach((k, v) -> System.out.printf("  injected %-55s %5d%n", k, v));
        System.out.printf("  injected %-55s %5d%n", "route exchange failed", routeFailed.get());
        System.out.printf("  survived: hand-overs run %d, sessions lost %d, messages lost %d, doubled %d, events redelivered %d%n",
                stats.handovers(), stats.sessionsLost(), lost, doubled, stats.eventsRedelivered());
        System.out.printf("  ended: %d by the visitor, %d by the agent, not seen ending once by the route %d;"
                          + " chats not exactly as sent %d; sends failed %d, chatEnd failed %d, 409 on polls %d%n",
                (ids.size() + 1) / 2, ids.size() / 2, notEnded, notAsSent, sendsFailed, endsFailed, conflicts);

        for (String id : ids) {
            EmulatedSession server = serverSide(id);
            List<String> got = received.bodies(id, ChatMessage.class).stream().map(ChatMessage::text).toList();
            assertThat(got).as("agent messages received on %s", id).containsExactlyElementsOf(expectedAgent);
            assertThat(server.transcript().visitorMessages()).as("visitor messages accepted on %s", id)
                    .containsExactlyElementsOf(expectedVisitor);
            assertThat(received.bodies(id, ChatEnded.class)).as("ChatEnded received on %s", id).hasSize(1);
        }
        assertThat(sendsFailed + endsFailed).as("visitor calls that failed").isZero();
        assertThat(conflicts).as("409s on polls").isZero();
        assertThat(stats.sessionsLost()).isZero();
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
        assertThat(routeFailed.get()).as("route exchanges failed at random").isPositive();
        assertThat(stats.eventsRedelivered()).as("events redelivered after the route failed").isPositive();
    }
}
