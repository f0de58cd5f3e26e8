package io.github.camelliveagent.component.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.camelliveagent.emulator.agent.AgentBehaviours;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failover tests' harness on its own, without the component's high availability: node JVMs start, elect exactly
 * one leader per namespace with the file-lock service and with ZooKeeper, and when the leader is killed with
 * {@code kill -9} the survivor leads within the engine's notice time (printed: it is the floor under every takeover the
 * component can do); a node's control channel starts a chat and its route records the events in the shared PostgreSQL.
 */
class ClusterHarnessTest {

    private static final int PROBES = 4;
    private static final String SECRET = "cluster-harness-test-secret";

    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();
    @RegisterExtension
    static final ZooKeeperExtension ZOOKEEPER = new ZooKeeperExtension();
    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(5)).agent(AgentBehaviours.echo("Agent Echo")).build();

    @TempDir
    static Path shared;

    private final List<ClusterNodeProcess> nodes = new ArrayList<>();

    @BeforeAll
    static void schema() throws Exception {
        ReceivedEventTable.create(POSTGRES.dataSource());
    }

    @AfterEach
    void killNodes() {
        nodes.forEach(ClusterNodeProcess::close);
        nodes.clear();
    }

    private ClusterNodeProcess node(String name, String cluster) throws Exception {
        ClusterNodeProcess n = ClusterNodeProcess.start(name, Path.of("target", "cluster-nodes", "harness"),
                Map.of("emulator", EMULATOR.baseUrl(), "jdbc", POSTGRES.jdbcUrl(), "cluster", cluster, "ha", "false",
                        "probes", String.valueOf(PROBES)), SECRET, Duration.ofSeconds(90));
        nodes.add(n);
        return n;
    }

    @Test
    void fileLockServiceElectsOneLeaderPerNamespaceAndTheSurvivorTakesOver() throws Exception {
        String cluster = "file:" + shared.resolve("locks");
        leadershipMovesToTheSurvivor(node("file-a", cluster), node("file-b", cluster), "file-lock (interval 1 s, 3 missed"
                                                                                         + " heartbeats)");
    }

    @Test
    void zooKeeperElectsOneLeaderPerNamespaceAndTheSurvivorTakesOver() throws Exception {
        String cluster = "zookeeper:" + ZOOKEEPER.connectString();
        leadershipMovesToTheSurvivor(node("zk-a", cluster), node("zk-b", cluster), "ZooKeeper (session time-out 2 s)");
    }

    private void leadershipMovesToTheSurvivor(ClusterNodeProcess a, ClusterNodeProcess b, String engine) {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < PROBES; i++) {
            all.add("probe-" + i);
        }
        await("every namespace led").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> union(a.leaders(), b.leaders()).equals(all));
        List<String> ledByA = a.leaders();
        List<String> ledByB = b.leaders();
        ClusterNodeProcess victim = ledByA.size() >= ledByB.size() ? a : b;
        ClusterNodeProcess survivor = victim == a ? b : a;
        Instant killed = victim.kill();
        Instant[] tookOver = new Instant[1];
        await("the survivor leads every namespace").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    boolean all4 = survivor.leaders().size() == PROBES;
                    if (all4) {
                        tookOver[0] = Instant.now();
                    }
                    return all4;
                });
        Duration takeover = Duration.between(killed, tookOver[0]);
        System.out.printf("%s: before the kill %s led %s, %s led %s; %s killed (exit %d); %s led all %d namespaces %d ms"
                          + " after the kill%n", engine, a.name(), ledByA, b.name(), ledByB, victim.name(),
                victim.exitValue(), survivor.name(), PROBES, takeover.toMillis());
        Set<String> both = new HashSet<>(ledByA);
        both.retainAll(ledByB);
        assertThat(both).as("namespaces led by both").isEmpty();
        assertThat(victim.alive()).isFalse();
        assertThat(victim.exitValue()).as("SIGKILL").isEqualTo(137);
        assertThat(takeover).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aNodeStartsAChatAndRecordsItsEventsInPostgreSql() throws Exception {
        ClusterNodeProcess n = node("recorder", "file:" + shared.resolve("recorder-locks"));
        String id = n.startChat("Ada");
        assertThat(n.sendMessage(id, "m-1", "hello from the harness").join().answerOrThrow()).isEqualTo("sent");
        await("the echo recorded").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> ReceivedEventTable.received(POSTGRES.dataSource()).getOrDefault(id, List.of()).stream()
                        .anyMatch(r -> "echo: hello from the harness".equals(r.text())));
        List<ReceivedEventTable.Row> rows = ReceivedEventTable.received(POSTGRES.dataSource()).get(id);
        System.out.printf("recorded for %s: %s%n", id, rows.stream().map(r -> r.sequence() + ":" + r.type())
                .collect(Collectors.joining(", ")));
        assertThat(rows).extracting(ReceivedEventTable.Row::type).startsWith("ChatRequestSuccess", "ChatEstablished")
                .contains("ChatMessage");
        assertThat(rows).extracting(ReceivedEventTable.Row::node).containsOnly("recorder");
        assertThat(rows).extracting(ReceivedEventTable.Row::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(EMULATOR.serverSide(id).transcript().visitorMessages()).containsExactly("hello from the harness");
        // the same row again counts as a redelivery
        ReceivedEventTable.Row first = rows.get(0);
        assertThat(ReceivedEventTable.record(POSTGRES.dataSource(), first)).isFalse();
        assertThat(ReceivedEventTable.redelivered(POSTGRES.dataSource()).get(id)).containsExactly(first);
        assertThat(n.status()).as("cluster status (empty until the component has HA)").isNotNull();
        n.stopGracefully(Duration.ofSeconds(30));
        assertThat(n.exitValue()).as("graceful stop").isZero();
    }

    private static Set<String> union(List<String> x, List<String> y) {
        Set<String> u = new HashSet<>(x);
        u.addAll(y);
        return u;
    }
}
