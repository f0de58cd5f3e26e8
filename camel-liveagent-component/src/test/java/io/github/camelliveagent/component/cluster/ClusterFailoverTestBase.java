package io.github.camelliveagent.component.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.camelliveagent.emulator.agent.AgentBehaviours;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.PollRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13's failover test: three node JVMs ({@link ClusterNode}) against the emulator and one PostgreSQL (both in this
 * JVM), coordinated by a Camel cluster service ({@link #engine()}); {@value #CHATS} chats started at random nodes, the
 * emulated agent accepting at once and answering each visitor message ({@code echo: ...}) besides writing on its own;
 * each visitor message sent through a random live node with {@code CamelLiveAgentMessageId} (a call a dying node did not
 * answer is sent again, same id, through another); mid-conversation the node owning the most chats is killed with
 * {@code kill -9} (or, in the second case, stopped gracefully); the conversations go on and end. Then, per chat, the
 * emulator's transcript is compared with what was sent and what the nodes' routes recorded ({@link ReceivedEventTable}):
 * no visitor message lost or sent twice, no agent message lost or processed twice under two sequences, order kept, no
 * duplicate poll; and the takeover time of each of the dead node's chats (from the kill to the chat's first poll after
 * it, as the emulator saw it) stays within the engine's notice time plus 5 s. Everything is printed before it is
 * asserted.
 * <p>
 * Sizes: {@code -Dfailover.chats=200 -Dfailover.rounds=6 -Dfailover.seed=13}.
 */
abstract class ClusterFailoverTestBase {

    static final int CHATS = 200;
    private static final int CHAT_COUNT = Integer.getInteger("failover.chats", CHATS);
    private static final int ROUNDS = Integer.getInteger("failover.rounds", 6);
    private static final long SEED = Long.getLong("failover.seed", 13L);
    /** The round during which the victim goes: its sends are in flight when it dies. */
    private static final int FAILURE_ROUND = Math.max(1, ROUNDS / 2);
    private static final String SECRET = "cluster-failover-test-secret";
    /** The bound: chats taken over within 5 s of the engine noticing. */
    static final Duration TAKEOVER_BOUND = Duration.ofSeconds(5);

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();
    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(10)).agent(AgentBehaviours.echo("Agent Echo")).build();

    @TempDir
    static Path shared;

    private final List<ClusterNodeProcess> nodes = new ArrayList<>();

    /** {@code file:<dir>} or {@code zookeeper:<address>}, for a case's nodes ({@code caseName} keeps cases apart). */
    abstract String cluster(String caseName);

    /** The engine's settings for the nodes, besides {@code cluster}. */
    abstract Map<String, String> engineArgs();

    /** Settings of one case's nodes. */
    Map<String, String> caseArgs(String caseName) {
        return Map.of();
    }

    /** How long the engine may take to notice a dead node with {@link #engineArgs()}: the takeover bound's start. */
    abstract Duration engineNotice();

    /** The engine's name and settings, for the report. */
    abstract String engine();

    @AfterEach
    void killNodes() {
        nodes.forEach(ClusterNodeProcess::close);
        nodes.clear();
    }

    @Test
    void chatsOfANodeKilledMidConversationAreTakenOver() throws Exception {
        failover("kill", true);
    }

    @Test
    void chatsOfANodeStoppedGracefullyAreHandedOver() throws Exception {
        failover("stop", false);
    }

    private void failover(String caseName, boolean kill) throws Exception {
        String jdbc = POSTGRES.createDatabase("failover_" + caseName);
        DataSource db = EmbeddedPostgresExtension.dataSource(jdbc);
        ReceivedEventTable.create(db);
        Map<String, String> args = new LinkedHashMap<>(engineArgs());
        args.putAll(caseArgs(caseName));
        args.put("emulator", EMULATOR.baseUrl());
        args.put("jdbc", jdbc);
        args.put("cluster", cluster(caseName));
        // -Dfailover.ha=false runs the same scenario on single-node components: a dry run of the harness, whose
        // takeover assertions must then fail
        args.put("ha", System.getProperty("failover.ha", "true"));
        ExecutorService starters = Executors.newFixedThreadPool(3);
        try {
            List<Future<ClusterNodeProcess>> starting = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String name = caseName + "-node" + i;
                starting.add(starters.submit(() -> ClusterNodeProcess.start(name,
                        Path.of("target", "cluster-nodes", getClass().getSimpleName()), args, SECRET, Duration.ofSeconds(120))));
            }
            for (Future<ClusterNodeProcess> f : starting) {
                nodes.add(f.get(150, TimeUnit.SECONDS));
            }
        } finally {
            starters.shutdownNow();
        }
        List<ClusterNodeProcess> live = Collections.synchronizedList(new ArrayList<>(nodes));
        Random random = new Random(SEED);
        Conversation talk = new Conversation(live, new Random(SEED + 1));

        // 200 chats, each started at a random node
        List<CompletableFuture<String>> starts = new ArrayList<>();
        for (int i = 0; i < CHAT_COUNT; i++) {
            ClusterNodeProcess at = nodes.get(random.nextInt(nodes.size()));
            starts.add(talk.limited(() -> at.startChatAsync("Visitor")));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> s : starts) {
            ids.add(s.get(180, TimeUnit.SECONDS));
        }
        await("every chat established at its node").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> ids.stream().allMatch(id -> types(db, id).contains("ChatEstablished")));

        Instant failedAt = null;
        Map<String, Integer> takeoversBefore = new HashMap<>();
        ClusterNodeProcess victim = null;
        Map<String, String> ownerBefore = Map.of();
        for (int round = 1; round <= ROUNDS; round++) {
            List<CompletableFuture<Boolean>> sends = new ArrayList<>();
            for (String id : ids) {
                sends.add(talk.visitorSays(id, "v" + round));
                EMULATOR.serverSide(id).agentMessage("a" + round);
            }
            if (round == FAILURE_ROUND) {
                // mid-conversation: this round's messages are in flight
                ownerBefore = owners(db, ids);
                Map<String, Long> perNode = ownerBefore.values().stream()
                        .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
                String most = perNode.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
                victim = nodes.stream().filter(n -> n.name().equals(most)).findFirst().orElseThrow();
                live.remove(victim);
                System.out.printf("%s, %s: chats per owning node before the failure %s; %s goes (%d%% of the chats)%n",
                        engine(), caseName, perNode, victim.name(), 100 * perNode.get(most) / ids.size());
                for (ClusterNodeProcess n : live) {
                    takeoversBefore.put(n.name(), n.takeoverMillis().size());
                }
                failedAt = kill ? victim.kill() : victim.stopGracefully(Duration.ofSeconds(60));
            }
            for (CompletableFuture<Boolean> s : sends) {
                s.get(180, TimeUnit.SECONDS);
            }
        }
        // every chat ends: half by the visitor (through a random node), half by the agent
        List<CompletableFuture<Boolean>> ends = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (i % 2 == 0) {
                ends.add(talk.visitorEnds(ids.get(i)));
            } else {
                EMULATOR.serverSide(ids.get(i)).endChat();
            }
        }
        for (CompletableFuture<Boolean> e : ends) {
            e.get(180, TimeUnit.SECONDS);
        }
        try {
            await("every chat's ChatEnded recorded").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ids.stream().allMatch(id -> types(db, id).contains("ChatEnded")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // counted and reported below
        }

        // the component's own account: each survivor's shard takeovers since the failure, election to chats resumed
        List<Long> engineSide = new ArrayList<>();
        for (ClusterNodeProcess n : live) {
            List<Long> all = n.takeoverMillis();
            engineSide.addAll(all.subList(Math.min(all.size(), takeoversBefore.getOrDefault(n.name(), 0)), all.size()));
        }
        report(caseName, kill, db, ids, victim, failedAt, ownerBefore, talk, engineSide);
    }

    private void report(String caseName, boolean kill, DataSource db, List<String> ids, ClusterNodeProcess victim,
                        Instant failedAt, Map<String, String> ownerBefore, Conversation talk, List<Long> engineSide)
            throws Exception {
        Map<String, List<ReceivedEventTable.Row>> received = ReceivedEventTable.received(db);
        Map<String, List<ReceivedEventTable.Row>> redelivered = ReceivedEventTable.redelivered(db);
        List<String> expectedVisitor = new ArrayList<>();
        for (int r = 1; r <= ROUNDS; r++) {
            expectedVisitor.add("v" + r);
        }
        int visitorLost = 0, visitorDoubled = 0, agentLost = 0, agentDoubled = 0, notInOrder = 0, notEnded = 0;
        int duplicatePolls = 0, redeliveries = 0, redeliveredOtherwise = 0;
        List<String> victimChats = new ArrayList<>();
        // the failed node's connections to the server: those its chats polled on in the 10 s before the failure
        Set<String> victimClients = ids.stream().filter(id -> victim.name().equals(ownerBefore.get(id)))
                .flatMap(id -> EMULATOR.serverSide(id).polls().stream())
                .filter(p -> p.at().isBefore(failedAt) && p.at().isAfter(failedAt.minusSeconds(10)))
                .map(PollRecord::client).collect(Collectors.toSet());
        List<Long> takeoverMillis = new ArrayList<>();
        List<String> notTakenOver = new ArrayList<>();
        for (String id : ids) {
            EmulatedSession server = EMULATOR.serverSide(id);
            List<String> sent = server.transcript().visitorMessages();
            visitorLost += (int) expectedVisitor.stream().filter(t -> !sent.contains(t)).count();
            visitorDoubled += sent.size() - (int) sent.stream().distinct().count();
            List<ReceivedEventTable.Row> rows = received.getOrDefault(id, List.of());
            List<String> got = rows.stream().filter(r -> "ChatMessage".equals(r.type())).map(ReceivedEventTable.Row::text).toList();
            List<String> said = server.transcript().agentMessages();
            agentLost += (int) said.stream().filter(t -> !got.contains(t)).count();
            agentDoubled += got.size() - (int) got.stream().distinct().count();
            notInOrder += sent.equals(expectedVisitor) && got.equals(said) ? 0 : 1;
            notEnded += rows.stream().filter(r -> "ChatEnded".equals(r.type())).count() == 1 ? 0 : 1;
            duplicatePolls += server.conflictCount();
            Map<Long, ReceivedEventTable.Row> bySequence = rows.stream()
                    .collect(Collectors.toMap(ReceivedEventTable.Row::sequence, r -> r));
            for (ReceivedEventTable.Row again : redelivered.getOrDefault(id, List.of())) {
                redeliveries++;
                ReceivedEventTable.Row first = bySequence.get(again.sequence());
                if (first == null || !first.type().equals(again.type()) || !java.util.Objects.equals(first.text(), again.text())) {
                    redeliveredOtherwise++;
                }
            }
            if (victim.name().equals(ownerBefore.get(id))) {
                victimChats.add(id);
                PollRecord firstAfter = server.polls().stream().filter(p -> kill
                        // the first poll after the node was seen gone: one between the signal and its death may be its own
                        ? p.at().isAfter(victim.exitedAt())
                        // a stopping node hands over before it exits: the first poll on a connection it did not use
                        : !p.at().isBefore(failedAt) && !victimClients.contains(p.client())).findFirst().orElse(null);
                if (firstAfter == null) {
                    notTakenOver.add(id);
                } else {
                    takeoverMillis.add(Duration.between(failedAt, firstAfter.at()).toMillis());
                }
            }
        }
        Collections.sort(takeoverMillis);
        long max = takeoverMillis.isEmpty() ? -1 : takeoverMillis.get(takeoverMillis.size() - 1);
        long p99 = takeoverMillis.isEmpty() ? -1
                : takeoverMillis.get(Math.max(0, (int) Math.ceil(takeoverMillis.size() * 0.99) - 1));
        long median = takeoverMillis.isEmpty() ? -1 : takeoverMillis.get(takeoverMillis.size() / 2);
        long visitorSent = ids.size() * (long) ROUNDS;
        long agentSaid = ids.stream().mapToLong(id -> EMULATOR.serverSide(id).transcript().agentMessages().size()).sum();
        System.out.printf("%s, %s (%s): %d chats x %d rounds on 3 nodes, %s %s at round %d%n", engine(), caseName,
                kill ? "kill -9" : "graceful stop", ids.size(), ROUNDS, kill ? "killed" : "stopped", victim.name(),
                FAILURE_ROUND);
        System.out.printf("  visitor messages: %d sent, lost %d, doubled %d; calls retried on another node %d, failed for"
                          + " good %d%n", visitorSent, visitorLost, visitorDoubled, talk.retried.get(), talk.failed.get());
        System.out.printf("  agent messages: %d said, lost %d, processed twice under two sequences %d; chats not in order"
                          + " %d; chats without exactly one ChatEnded %d%n", agentSaid, agentLost, agentDoubled, notInOrder,
                notEnded);
        System.out.printf("  duplicate polls %d; redeliveries (same sequence again) %d, of which carrying another event %d%n",
                duplicatePolls, redeliveries, redeliveredOtherwise);
        System.out.printf("  %s's chats %d (its connections %d); taken over %d, not polled since %d; takeover from the %s to the chat's first"
                          + " poll after the node was gone: median %d ms, p99 %d ms, max %d ms (engine notice allowed: %d ms, bound %d ms)%n",
                victim.name(), victimChats.size(), victimClients.size(), takeoverMillis.size(), notTakenOver.size(), kill ? "kill" : "stop request",
                median, p99, max, engineNotice().toMillis(), engineNotice().plus(TAKEOVER_BOUND).toMillis());
        Collections.sort(engineSide);
        long engineMax = engineSide.isEmpty() ? -1 : engineSide.get(engineSide.size() - 1);
        System.out.printf("  the survivors' shard takeovers since the failure, as the component reports them (election to"
                          + " chats resumed): %d, max %d ms %s%n", engineSide.size(), engineMax, engineSide);
        Map<String, Long> after = owners(db, victimChats).values().stream()
                .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
        System.out.printf("  %s's chats now at %s%n", victim.name(), after);
        for (ClusterNodeProcess n : nodes) {
            if (n.alive()) {
                System.out.printf("  %s cluster status: %s%n", n.name(), n.status());
            }
        }
        if (!notTakenOver.isEmpty()) {
            System.out.printf("  not taken over, e.g. %s%n", notTakenOver.subList(0, Math.min(5, notTakenOver.size())));
        }

        assertThat(visitorLost).as("visitor messages lost").isZero();
        assertThat(visitorDoubled).as("visitor messages sent twice").isZero();
        assertThat(talk.failed.get()).as("visitor calls that failed on every node").isZero();
        assertThat(agentLost).as("agent messages lost").isZero();
        assertThat(agentDoubled).as("agent messages processed under two sequences").isZero();
        assertThat(notInOrder).as("chats not in order").isZero();
        assertThat(notEnded).as("chats without exactly one ChatEnded").isZero();
        assertThat(duplicatePolls).as("duplicate polls").isZero();
        assertThat(redeliveredOtherwise).as("redeliveries carrying another event than the first delivery").isZero();
        assertThat(victimChats).as("chats the failed node owned").isNotEmpty();
        assertThat(notTakenOver).as("chats of the failed node never polled again").isEmpty();
        assertThat(Duration.ofMillis(max)).as("slowest takeover from the failure to the chat's first poll")
                .isLessThanOrEqualTo(engineNotice().plus(TAKEOVER_BOUND));
        assertThat(Duration.ofMillis(engineMax)).as("slowest shard takeover after the engine's election")
                .isLessThanOrEqualTo(TAKEOVER_BOUND);
    }

    /** The node that recorded each chat's latest event: its owner, as far as the routes show. */
    private static Map<String, String> owners(DataSource db, List<String> ids) throws Exception {
        Map<String, List<ReceivedEventTable.Row>> received = ReceivedEventTable.received(db);
        Map<String, String> owner = new HashMap<>();
        for (String id : ids) {
            List<ReceivedEventTable.Row> rows = received.getOrDefault(id, List.of());
            if (!rows.isEmpty()) {
                owner.put(id, rows.get(rows.size() - 1).node());
            }
        }
        return owner;
    }

    private static List<String> types(DataSource db, String id) {
        try {
            return ReceivedEventTable.received(db).getOrDefault(id, List.of()).stream().map(ReceivedEventTable.Row::type)
                    .toList();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The visitors' side: each call through a random live node, at most 32 calls in flight, and a call that a node did
     * not answer (it died, or answered an error) sent again with the same message id through another live node, up to
     * three times.
     */
    static final class Conversation {
        private final List<ClusterNodeProcess> live;
        private final Random random;
        private final Semaphore inFlight = new Semaphore(32);
        private final Map<String, AtomicInteger> messageIds = new ConcurrentHashMap<>();
        final AtomicInteger retried = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        /** Per chat, the previous call: a chat's messages go one after another, as one visitor types them. */
        private final Map<String, CompletableFuture<Boolean>> previous = new ConcurrentHashMap<>();

        Conversation(List<ClusterNodeProcess> live, Random random) {
            this.live = live;
            this.random = random;
        }

        <T> CompletableFuture<T> limited(java.util.function.Supplier<CompletableFuture<T>> call) {
            inFlight.acquireUninterruptibly();
            return call.get().whenComplete((r, e) -> inFlight.release());
        }

        CompletableFuture<Boolean> visitorSays(String id, String text) {
            String messageId = id + "-" + messageIds.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return chain(id, () -> attempt(id, messageId, 1, n -> n.sendMessage(id, messageId, text)));
        }

        CompletableFuture<Boolean> visitorEnds(String id) {
            String messageId = id + "-end";
            return chain(id, () -> attempt(id, messageId, 1, n -> n.endChat(id, messageId)));
        }

        private CompletableFuture<Boolean> chain(String id, java.util.function.Supplier<CompletableFuture<Boolean>> next) {
            return previous.compute(id, (k, before) -> (before == null ? CompletableFuture.completedFuture(true) : before)
                    .thenCompose(ok -> next.get()));
        }

        private CompletableFuture<Boolean> attempt(String id, String messageId, int attempt,
                                                   java.util.function.Function<ClusterNodeProcess, CompletableFuture<ClusterNodeProcess.Outcome>> call) {
            ClusterNodeProcess node;
            synchronized (random) {
                List<ClusterNodeProcess> now = List.copyOf(live);
                node = now.get(random.nextInt(now.size()));
            }
            return limited(() -> call.apply(node)).thenCompose(outcome -> {
                if (outcome.ok()) {
                    return CompletableFuture.completedFuture(true);
                }
                if (attempt < 3) {
                    retried.incrementAndGet();
                    return attempt(id, messageId, attempt + 1, call);
                }
                failed.incrementAndGet();
                System.out.printf("  %s: %s failed three times, last: %s%n", id, messageId, outcome.text());
                return CompletableFuture.completedFuture(false);
            });
        }
    }
}
