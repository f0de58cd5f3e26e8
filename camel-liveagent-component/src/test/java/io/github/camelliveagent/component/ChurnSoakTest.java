package io.github.camelliveagent.component;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.UnixOperatingSystemMXBean;
import io.github.camelliveagent.component.model.message.ChasitorIdleTimeoutWarning;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.session.store.FileSessionStore;
import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chats start and end continuously, thousands of them, while things go wrong (issue 9): the emulator injects faults
 * (hand-overs, 503s and 409s on POSTs, dropped polls, doubled events, SwitchServer, latency), the route fails now
 * and then (the event comes again), some chats are refused or get an idle warning, the consumer route is stopped and
 * started again, and the application restarts on a persistent (file) session store in the middle of it all.
 * Afterwards the emulator's transcripts are the ground truth: every agent message reached the routes once and in
 * order, every visitor message reached the server once and in order; every chat ended at the routes; the registry
 * and every per-session map are back to zero; threads and file descriptors are where they were after a warm-up.
 * <p>
 * CI size by default; longer: {@code mvn -B -pl camel-liveagent-component -am verify -Dtest=ChurnSoakTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsoak.chats=20000 -Dsoak.concurrency=200 -Dsoak.messages=5 -Dsoak.seed=7}.
 */
class ChurnSoakTest {

    private static final int CHATS = Integer.getInteger("soak.chats", 2_000);
    private static final int CONCURRENCY = Integer.getInteger("soak.concurrency", 40);
    private static final int MESSAGES = Integer.getInteger("soak.messages", 2);
    private static final long SEED = Long.getLong("soak.seed", 42L);
    private static final long PACED_POLL_INTERVAL_MS = 20;
    /** How often an exchange of the route fails at random (its event comes again). */
    private static final double ROUTE_FAILURES = Double.parseDouble(System.getProperty("soak.routeFailures", "0.03"));
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final String SECRET = "a-long-random-secret-from-the-vault";
    private static final int THREAD_SLACK = 8;
    private static final int FD_SLACK = 64;

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(5)).build();

    @TempDir
    Path store;

    /** One running application: its context, component and a template. */
    private record App(CamelContext context, LiveAgentComponent liveagent, ProducerTemplate template) {
    }

    private final ReentrantReadWriteLock appLock = new ReentrantReadWriteLock();
    private volatile App app;
    private final Recorder recorder = new Recorder(new Random(SEED));
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger pendingEarlySends = new AtomicInteger();
    private final AtomicLong agentMessagesSent = new AtomicLong();
    private final List<LiveAgentComponent> components = new ArrayList<>();

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // the application

    private App startApp() throws Exception {
        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentTestSupport.pointAt(liveagent, EMULATOR.baseUrl());
        LiveAgentConfiguration c = liveagent.getConfiguration();
        c.setVisitorName("Ada");
        c.setEstablishTimeout(STEP_TIMEOUT.toMillis());
        c.setChasitorIdleTimeout(true);
        c.setPollRetryDelay(20);
        c.setMaxPollRetries(10);
        liveagent.setSessionStore(new FileSessionStore(store, SECRET));
        // ended chats are forgotten half a second after their end, so that the end of the run can check that
        // every per-session structure is empty again
        liveagent.setEndedSessionRetention(500);
        // every other start paces the polls (option minPollInterval): paced polls wait in a queue of their own, which
        // restarts, hand-overs and ends must leave empty like every other per-session structure
        long pacing = components.size() % 2 == 1 ? PACED_POLL_INTERVAL_MS : 0;
        liveagent.setMinPollInterval(pacing);
        count("app starts with minPollInterval=" + pacing);
        CamelContext context = new DefaultCamelContext();
        context.addComponent("liveagent", liveagent);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").routeId("events").process(recorder);
            }
        });
        context.start();
        components.add(liveagent);
        return new App(context, liveagent, context.createProducerTemplate());
    }

    /** Runs a call on the running application; a restart waits until no call is being made. */
    private <T> T onApp(Function<App, T> call) {
        appLock.readLock().lock();
        try {
            return call.apply(app);
        } finally {
            appLock.readLock().unlock();
        }
    }

    private void restartApp() throws Exception {
        appLock.writeLock().lock();
        try {
            // a message that waits for ChatEstablished is a call in progress too
            await().atMost(STEP_TIMEOUT).until(() -> pendingEarlySends.get() == 0);
            app.template().stop();
            app.context().stop();
            app = startApp();
        } finally {
            appLock.writeLock().unlock();
        }
    }

    private Exchange request(String operation, String sessionId, Object body) {
        return onApp(a -> {
            java.util.concurrent.CompletableFuture<Exchange> call = a.template().asyncSend("liveagent:" + operation, e -> {
                e.setPattern(org.apache.camel.ExchangePattern.InOut);
                if (sessionId != null) {
                    e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, sessionId);
                }
                e.getMessage().setBody(body);
            });
            try {
                // bounded: a call that never completes is a problem to report with what the session looked like,
                // not a soak that hangs
                return call.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException timedOut) {
                var session = sessionId == null ? null : a.liveagent().sessions().find(sessionId);
                Exchange failed = new org.apache.camel.support.DefaultExchange(a.context());
                failed.setException(new IllegalStateException(operation + " did not complete within " + STEP_TIMEOUT
                                                              + "; " + session + " handover=" + (session == null ? null
                                                                      : session.handover() + " " + session.outbox())));
                return failed;
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    // ----------------------------------------------------------------------------------------------------------------
    // what the route received

    private record Received(String type, long sequence, LiveAgentMessage body) {
    }

    /** The route: fails now and then at random before it has processed the event, else records it. */
    private static final class Recorder implements Processor {
        private final Random random;
        private final Map<String, List<Received>> bySession = new ConcurrentHashMap<>();
        private final AtomicInteger failed = new AtomicInteger();

        Recorder(Random random) {
            this.random = random;
        }

        @Override
        public void process(Exchange exchange) {
            boolean fail;
            synchronized (random) {
                fail = random.nextDouble() < ROUTE_FAILURES;
            }
            if (fail) {
                failed.incrementAndGet();
                throw new IllegalStateException("the route failed at random (soak)");
            }
            String id = exchange.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
            List<Received> list = bySession.computeIfAbsent(id, k -> new ArrayList<>());
            synchronized (list) {
                list.add(new Received(exchange.getMessage().getHeader(LiveAgentConstants.MESSAGE_TYPE, String.class),
                        exchange.getMessage().getHeader(LiveAgentConstants.SEQUENCE, -1L, Long.class),
                        exchange.getMessage().getBody(LiveAgentMessage.class)));
                list.notifyAll();
            }
        }

        List<Received> of(String id) {
            List<Received> list = bySession.computeIfAbsent(id, k -> new ArrayList<>());
            synchronized (list) {
                return List.copyOf(list);
            }
        }

        /** Waits (on the session's list, no polling) until what the session received satisfies the condition. */
        boolean waitFor(String id, Predicate<List<Received>> condition, Duration timeout) throws InterruptedException {
            List<Received> list = bySession.computeIfAbsent(id, k -> new ArrayList<>());
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (list) {
                while (!condition.test(list)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(list, left);
                }
                return true;
            }
        }

        static Predicate<List<Received>> has(Class<? extends LiveAgentMessage> type) {
            return list -> list.stream().anyMatch(r -> type.isInstance(r.body()));
        }

        static List<String> agentTexts(List<Received> list) {
            return list.stream().filter(r -> r.body() instanceof ChatMessage).map(r -> ((ChatMessage) r.body()).text())
                    .toList();
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // one chat

    /** What a chat did, to compare with the server's transcript afterwards. */
    private record Chat(String id, boolean refused, List<String> visitorSent, List<String> agentSent) {
    }

    private final Queue<Chat> chats = new ConcurrentLinkedQueue<>();

    private void converse(int n) {
        Random random = new Random(SEED * 31 + n);
        String id = null;
        try {
            Exchange started = request("startChat", null, null);
            if (started.getException() != null) {
                problems.add("chat #" + n + ": startChat failed: " + started.getException());
                return;
            }
            id = started.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
            EmulatedSession server = EMULATOR.serverSide(id);
            if (!recorder.waitFor(id, Recorder.has(ChatRequestSuccess.class), STEP_TIMEOUT)) {
                problems.add("chat " + id + ": no ChatRequestSuccess at the route");
                return;
            }
            if (random.nextInt(20) == 0) {
                count("chats refused (ChatRequestFail)");
                server.reject("Unavailable");
                if (!recorder.waitFor(id, Recorder.has(ChatRequestFail.class), STEP_TIMEOUT)) {
                    problems.add("chat " + id + ": no ChatRequestFail at the route");
                }
                chats.add(new Chat(id, true, List.of(), List.of()));
                return;
            }
            List<String> visitorSent = new ArrayList<>();
            List<String> agentSent = new ArrayList<>();
            CompletableFuture<Exchange> early = null;
            if (random.nextInt(10) == 0) {
                // sent before an agent accepted: it waits in the component for ChatEstablished
                count("visitor messages sent before ChatEstablished");
                String sid = id;
                early = onApp(a -> {
                    // counted while the application cannot restart, so that a restart waits for it
                    pendingEarlySends.incrementAndGet();
                    return a.template().asyncSend("liveagent:chatMessage", e -> {
                        e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, sid);
                        e.getMessage().setBody("early");
                    });
                });
                early.whenComplete((e, t) -> pendingEarlySends.decrementAndGet());
                visitorSent.add("early");
            }
            server.accept("Agent Smith");
            if (early != null) {
                Exchange e;
                try {
                    // bounded: a message that never completes is a problem to report, not a soak that hangs
                    e = early.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException timedOut) {
                    problems.add("chat " + id + ": the early message did not complete within " + STEP_TIMEOUT);
                    return;
                }
                if (e.getException() != null) {
                    problems.add("chat " + id + ": the early message failed: " + e.getException());
                }
            }
            if (!recorder.waitFor(id, Recorder.has(ChatEstablished.class), STEP_TIMEOUT)) {
                problems.add("chat " + id + ": no ChatEstablished at the route");
                return;
            }
            if (random.nextInt(20) == 0) {
                count("chats with an idle warning");
                ObjectNode transferred = JsonNodeFactory.instance.objectNode().put("name", "Agent Jones")
                        .put("userId", "005000000000002").put("sneakPeekEnabled", false);
                transferred.putObject("chasitorIdleTimeout").put("isEnabled", true).put("warningTime", 1)
                        .put("timeout", 600);
                server.emit("ChatTransferred", transferred);
                // the warning is made by the component: a chat restored after the application restart watches
                // the visitor's idleness again, so the restart is no excuse
                if (!recorder.waitFor(id, Recorder.has(ChasitorIdleTimeoutWarning.class), STEP_TIMEOUT)) {
                    problems.add("chat " + id + ": no idle warning at the route");
                }
            }
            for (int m = 1; m <= MESSAGES; m++) {
                String agent = "agent " + m;
                server.agentMessage(agent);
                agentSent.add(agent);
                agentMessagesSent.incrementAndGet();
                if (random.nextInt(4) == 0) {
                    inject(server, random);
                }
                String visitor = "visitor " + m;
                Exchange sent = request("chatMessage", id, visitor);
                visitorSent.add(visitor);
                if (sent.getException() != null) {
                    problems.add("chat " + id + ": chatMessage '" + visitor + "' failed: " + sent.getException());
                }
            }
            int expected = agentSent.size();
            if (!recorder.waitFor(id, list -> Recorder.agentTexts(list).size() >= expected, STEP_TIMEOUT)) {
                problems.add("chat " + id + ": agent messages received " + Recorder.agentTexts(recorder.of(id))
                             + ", sent " + agentSent);
            }
            if (random.nextBoolean()) {
                count("chats ended by the visitor");
                Exchange end = request("chatEnd", id, null);
                if (end.getException() != null) {
                    problems.add("chat " + id + ": chatEnd failed: " + end.getException());
                }
            } else {
                count("chats ended by the agent");
                server.endChat();
            }
            if (!recorder.waitFor(id, Recorder.has(ChatEnded.class), STEP_TIMEOUT)) {
                problems.add("chat " + id + ": no ChatEnded at the route");
            }
            chats.add(new Chat(id, false, visitorSent, agentSent));
        } catch (Exception | AssertionError e) {
            problems.add("chat " + (id != null ? id : "#" + n) + ": " + e);
        } finally {
            if (id != null) {
                // a chat given up after a problem still ends, so that what it leaves behind can be checked
                EmulatedSession server = EMULATOR.emulator().session(id);
                if (!server.ended()) {
                    try {
                        server.endChat();
                    } catch (IllegalStateException e) {
                        problems.add("chat " + id + ": could not be ended on the server: " + e.getMessage());
                    }
                }
            }
        }
    }

    private void inject(EmulatedSession server, Random random) {
        switch (random.nextInt(7)) {
            case 0 -> {
                server.faults().handover();
                count("injected handover");
            }
            case 1 -> {
                server.faults().failNextPost(503);
                count("injected 503 on a POST");
            }
            case 2 -> {
                server.faults().dropNextPoll();
                count("injected dropped poll");
            }
            case 3 -> {
                server.faults().duplicateNextEvent();
                count("injected doubled event");
            }
            case 4 -> {
                server.faults().failNextPost(409);
                count("injected 409 on a POST");
            }
            case 5 -> {
                server.faults().switchServer(EMULATOR.baseUrl() + "/chat");
                count("injected SwitchServer");
            }
            default -> {
                server.faults().latency(Duration.ofMillis(5 + random.nextInt(30)));
                count("injected latency");
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // the run

    /** Runs chats {@code from} (inclusive) to {@code to} (exclusive), {@link #CONCURRENCY} at a time. */
    private void runChats(ExecutorService pool, int from, int to, Map<Integer, Runnable> milestones) throws Exception {
        Semaphore slots = new Semaphore(CONCURRENCY);
        for (int n = from; n < to; n++) {
            Runnable milestone = milestones.get(n);
            if (milestone != null) {
                milestone.run();
            }
            slots.acquire();
            int chat = n;
            pool.execute(() -> {
                try {
                    converse(chat);
                } finally {
                    slots.release();
                }
            });
        }
        slots.acquire(CONCURRENCY);
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long fileDescriptors() {
        return ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getOpenFileDescriptorCount();
    }

    /** Waits until the component holds nothing of ended chats; returns what it still holds. */
    private static Map<String, Integer> afterCleanUp(LiveAgentComponent liveagent) {
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> liveagent.perSessionEntries().values().stream()
                    .allMatch(v -> v == 0) && liveagent.pollsInFlight() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported by the caller
        }
        return liveagent.perSessionEntries();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void thousandsOfChatsStartAndEndThroughFaultsFailuresAndARestartWithNothingLost() throws Exception {
        LiveAgentEmulator emulator = EMULATOR.emulator();
        int warmUp = Math.max(CONCURRENCY, CHATS / 10);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        long started = System.nanoTime();
        app = startApp();
        int threadsBefore;
        long fdsBefore;
        Map<String, Integer> leftAfterWarmUp;
        int stoppedRouteDeliveries = 0;
        long warmUpSeconds;
        Map<String, Integer> leftAtEnd;
        int threadsAfter;
        long fdsAfter;
        try {
            runChats(pool, 0, warmUp, Map.of());
            leftAfterWarmUp = afterCleanUp(app.liveagent());
            threadsBefore = threads();
            fdsBefore = fileDescriptors();
            warmUpSeconds = (System.nanoTime() - started) / 1_000_000_000L;

            int third = warmUp + (CHATS - warmUp) / 3;
            int twoThirds = warmUp + 2 * (CHATS - warmUp) / 3;
            long[] sentWhileStopped = new long[1];
            Map<Integer, Runnable> milestones = Map.of(
                    third, () -> {
                        // the consumer route stops while chats go on, and starts again
                        long before = agentMessagesSent.get();
                        onApp(a -> {
                            try {
                                a.context().getRouteController().stopRoute("events");
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return null;
                        });
                        count("consumer route stopped and started");
                        try {
                            await().atMost(Duration.ofSeconds(10)).until(() -> agentMessagesSent.get() >= before + 20);
                        } catch (org.awaitility.core.ConditionTimeoutException e) {
                            // the chats in flight may all be waiting for events: start the route anyway
                        }
                        sentWhileStopped[0] = agentMessagesSent.get() - before;
                        onApp(a -> {
                            try {
                                a.context().getRouteController().startRoute("events");
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return null;
                        });
                    },
                    twoThirds, () -> {
                        try {
                            restartApp();
                            count("application restarted on the file store");
                        } catch (Exception e) {
                            problems.add("restart failed: " + e);
                        }
                    });
            runChats(pool, warmUp, CHATS, milestones);
            stoppedRouteDeliveries = (int) sentWhileStopped[0];
            leftAtEnd = afterCleanUp(app.liveagent());
            // measured as after the warm-up: with the chats' own threads still there
            threadsAfter = threads();
            fdsAfter = fileDescriptors();
        } finally {
            pool.shutdownNow();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        // ground truth: the emulator's transcripts
        int agentLost = 0;
        int agentDoubled = 0;
        int agentMismatched = 0;
        int visitorLost = 0;
        int visitorDoubled = 0;
        int visitorMismatched = 0;
        int notEnded = 0;
        List<String> examples = new ArrayList<>();
        for (Chat chat : chats) {
            EmulatedSession server = emulator.session(chat.id());
            List<Received> got = recorder.of(chat.id());
            List<String> agentGot = Recorder.agentTexts(got);
            List<String> serverAgent = server.transcript().agentMessages();
            agentLost += (int) serverAgent.stream().filter(t -> !agentGot.contains(t)).count();
            agentDoubled += agentGot.size() - (int) agentGot.stream().distinct().count();
            boolean agentOk = agentGot.equals(serverAgent) && serverAgent.equals(chat.agentSent());
            agentMismatched += agentOk ? 0 : 1;
            List<String> serverVisitor = server.transcript().visitorMessages();
            visitorLost += (int) chat.visitorSent().stream().filter(t -> !serverVisitor.contains(t)).count();
            visitorDoubled += serverVisitor.size() - (int) serverVisitor.stream().distinct().count();
            boolean visitorOk = serverVisitor.equals(chat.visitorSent());
            visitorMismatched += visitorOk ? 0 : 1;
            boolean ended = got.stream().anyMatch(r -> r.body() instanceof ChatEnded || r.body() instanceof ChatRequestFail);
            if (!ended) {
                notEnded++;
            }
            if (examples.size() < 5 && (!agentOk || !visitorOk || !ended)) {
                examples.add(chat.id() + ": agent sent " + serverAgent + " received " + agentGot + "; visitor sent "
                             + chat.visitorSent() + " server has " + serverVisitor + "; ended " + ended);
            }
        }
        long lost = components.stream().mapToLong(c -> c.getStatistics().sessionsLost()).sum();
        long redelivered = components.stream().mapToLong(c -> c.getStatistics().eventsRedelivered()).sum();
        long handovers = components.stream().mapToLong(c -> c.getStatistics().handovers()).sum();
        Map<String, Integer> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.get()));

        System.out.printf("soak: %d chats (%d warm-up in %d s), %d at a time, %d messages each way, seed %d, %d s%n",
                CHATS, warmUp, warmUpSeconds, CONCURRENCY, MESSAGES, SEED, seconds);
        sorted.forEach((k, v) -> System.out.printf("  %-55s %7d%n", k, v));
        System.out.printf("  %-55s %7d%n", "route exchanges failed at random", recorder.failed.get());
        System.out.printf("  %-55s %7d%n", "agent messages sent while the route was stopped", stoppedRouteDeliveries);
        System.out.printf("  %-55s %7d%n", "chats completed (transcripts compared)", chats.size());
        System.out.printf("  hand-overs %d, events redelivered %d, sessions lost %d%n", handovers, redelivered, lost);
        System.out.printf("  agent messages lost %d, doubled %d (chats not exactly as sent %d); visitor messages lost %d,"
                          + " doubled %d (chats not exactly as sent %d); chats without a final event %d%n",
                agentLost, agentDoubled, agentMismatched, visitorLost, visitorDoubled, visitorMismatched, notEnded);
        System.out.printf("  per-session entries after warm-up %s, at the end %s%n", leftAfterWarmUp, leftAtEnd);
        System.out.printf("  threads after warm-up %d, at the end %d; file descriptors after warm-up %d, at the end %d%n",
                threadsBefore, threadsAfter, fdsBefore, fdsAfter);
        problems.stream().limit(10).forEach(p -> System.out.println("  problem: " + p));
        examples.forEach(e -> System.out.println("  example: " + e));

        try {
            assertThat(problems).as("problems met by the chats").isEmpty();
            assertThat(chats).hasSize(CHATS);
            assertThat(agentMismatched).as("chats whose agent messages did not reach the routes once each, in order")
                    .isZero();
            assertThat(visitorMismatched).as("chats whose visitor messages did not reach the server once each, in order")
                    .isZero();
            assertThat(notEnded).as("chats whose end the routes never saw").isZero();
            assertThat(lost).as("sessions lost").isZero();
            assertThat(recorder.failed.get()).as("the route did fail now and then").isPositive();
            assertThat(leftAtEnd.values()).as("per-session entries at the end: %s", leftAtEnd).allMatch(v -> v == 0);
            assertThat(threadsAfter).as("threads").isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
            assertThat(fdsAfter).as("file descriptors").isLessThanOrEqualTo(fdsBefore + FD_SLACK);
        } finally {
            app.template().stop();
            app.context().stop();
        }
    }
}
