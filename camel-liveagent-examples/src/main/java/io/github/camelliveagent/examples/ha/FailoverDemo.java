package io.github.camelliveagent.examples.ha;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.examples.demo.DemoAgent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.h2.tools.Server;

/**
 * The high-availability demo: a chat survives the loss of the node that started it. One embedded emulator with an
 * agent that answers from a script, one H2 database in server mode (the nodes' shared session store), a lock directory
 * (the file-lock cluster service's), and two nodes ({@link FailoverDemoNode}): {@code node-a} in a JVM of its own starts
 * the chat and says hello; when the agent has answered, {@code node-a} is killed ({@code kill -9}: no goodbye, no
 * hand-over); {@code node-b}, in this JVM, takes the chat over once the dead node's locks are free, the visitor's next
 * message goes through {@code node-b}, and the agent's answer and the chat's end reach {@code node-b}'s route.
 * Prints every step with the time, and the emulator's transcript at the end; exits 0 when the chat went on as it should.
 * <p>
 * H2 in server mode rather than PostgreSQL: the examples already ship H2, its server runs inside this JVM in
 * milliseconds, while an embedded PostgreSQL brings about 75 MB of server binaries and a server process of its own
 * (the component's failover tests use one).
 */
public final class FailoverDemo {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    static final List<String> AGENT_SCRIPT = List.of(
            "Hello Ada, I am Agent Smith. Let me look parcel 4711 up.",
            "Yes, still here: your chat moved to another node and lost nothing. Parcel 4711 arrives today. Goodbye!");
    static final String SECOND_MESSAGE = "Are you still there? The node I was talking through just died.";

    /** What the demo saw. */
    public record Result(String sessionId, List<String> visitorSaid, List<String> agentSaid, List<String> nodeBLines,
                         int duplicatePolls, Duration takeover) {
    }

    private FailoverDemo() {
    }

    public static void main(String[] args) throws Exception {
        Result r = run(System.out::println);
        boolean ok = r.visitorSaid().equals(List.of("Hello, where is my parcel 4711?", SECOND_MESSAGE))
                     && r.agentSaid().equals(AGENT_SCRIPT) && r.duplicatePolls() == 0;
        System.exit(ok ? 0 : 1);
    }

    /** Runs the demo, printing through {@code print}; returns what happened. */
    public static Result run(Consumer<String> print) throws Exception {
        Consumer<String> say = line -> print.accept(LocalTime.now().format(TIME) + "  " + line);
        System.setProperty("h2.bindAddress", "127.0.0.1"); // the database server listens on loopback only
        int dbPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dbPort = free.getLocalPort();
        }
        Server h2 = Server.createTcpServer("-tcpPort", String.valueOf(dbPort), "-ifNotExists").start();
        Path locks = Files.createTempDirectory("liveagent-ha-locks");
        String jdbc = "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/mem:liveagent-ha;DB_CLOSE_DELAY=-1";
        Process nodeA = null;
        CamelContext nodeB = null;
        try (LiveAgentEmulator emulator = LiveAgentEmulator.builder()
                .agent(new DemoAgent(AGENT_SCRIPT, Duration.ofMillis(300), Duration.ofMillis(200))).build().start()) {
            say.accept("[demo] emulator at " + emulator.baseUrl() + ", shared session store " + jdbc + ", locks in " + locks);

            CompletableFuture<String> chatStarted = new CompletableFuture<>();
            CompletableFuture<Boolean> answeredAtA = new CompletableFuture<>();
            CompletableFuture<Boolean> answeredAtB = new CompletableFuture<>();
            CompletableFuture<Boolean> endedAtB = new CompletableFuture<>();
            nodeA = new ProcessBuilder(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), FailoverDemoNode.class.getName(), "node-a", emulator.baseUrl(),
                    jdbc, locks.toString()).redirectErrorStream(true).start();
            say.accept("[demo] node-a started in its own JVM (pid " + nodeA.pid() + ")");
            Process a = nodeA;
            Thread relay = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(a.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("CHAT ")) {
                            chatStarted.complete(line.substring(5));
                        }
                        if (line.contains(AGENT_SCRIPT.get(0))) {
                            answeredAtA.complete(true);
                        }
                        if (line.startsWith("[") || line.startsWith("CHAT ")) {
                            say.accept(line);
                        }
                    }
                } catch (java.io.IOException e) {
                    // the node is gone
                }
            }, "node-a-output");
            relay.setDaemon(true);
            relay.start();

            String id = waitFor("node-a to start the chat", chatStarted, say);
            EmulatedSession server = emulator.session(id);
            waitFor("the agent's first answer at node-a", answeredAtA, say);

            // only now: with the file-lock service the first node to ask takes every free shard, and node-a must own
            // the chat for the demo to show anything
            List<String> bLines = new CopyOnWriteArrayList<>();
            nodeB = FailoverDemoNode.start("node-b", emulator.baseUrl(), jdbc, locks, line -> {
                bLines.add(line);
                say.accept(line);
                if (line.contains(AGENT_SCRIPT.get(1))) {
                    answeredAtB.complete(true);
                }
                if (line.contains("ChatEnded")) {
                    endedAtB.complete(true);
                }
            });
            say.accept("[demo] node-b started in this JVM; node-a holds every shard, so node-b waits for free ones");

            Instant killed = Instant.now();
            nodeA.destroyForcibly();
            nodeA.waitFor(10, TimeUnit.SECONDS);
            Instant gone = Instant.now(); // a poll after this cannot be node-a's
            say.accept("[demo] node-a killed (kill -9) in the middle of the chat; Ada now writes through node-b");
            CompletableFuture<Exchange> sent = nodeB.createProducerTemplate().asyncSend("direct:visitor-says", e -> {
                e.getMessage().setBody(SECOND_MESSAGE);
                e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
                e.getMessage().setHeader(LiveAgentConstants.MESSAGE_ID, id + "-2"); // a retry through another node cannot send it twice
            });
            say.accept("[node-b] Ada says \"" + SECOND_MESSAGE + "\"");
            waitFor("node-b to take the chat over (node-a's shards are free once its heartbeat is 3 s old) and the"
                    + " agent's answer", answeredAtB, say);
            Instant firstPoll = server.polls().stream().filter(p -> p.at().isAfter(gone)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no poll of chat " + id + " since node-a died")).at();
            Duration takeover = Duration.between(killed, firstPoll);
            say.accept(String.format("[demo] node-b polled the chat first %.1f s after the kill", takeover.toMillis() / 1000.0));
            Exchange done = waitFor("node-b's send of Ada's message to complete", sent, say);
            if (done.getException() != null) {
                say.accept("[demo] node-b could not send Ada's message: " + done.getException().getMessage());
            }
            waitFor("the chat's end at node-b", endedAtB, say);

            say.accept("[demo] the server's transcript of chat " + id + ":");
            server.transcript().entries().forEach(e -> say.accept("         " + e.direction() + " " + e.type() + " " + e.body()));
            Result r = new Result(id, server.transcript().visitorMessages(), server.transcript().agentMessages(),
                    List.copyOf(bLines), server.conflictCount(), takeover);
            say.accept(String.format("[demo] visitor messages %d (each once: %b), agent messages %d, events at node-b %d,"
                                     + " duplicate polls %d", r.visitorSaid().size(),
                    r.visitorSaid().stream().distinct().count() == r.visitorSaid().size(), r.agentSaid().size(),
                    r.nodeBLines().size(), r.duplicatePolls()));
            return r;
        } finally {
            if (nodeA != null) {
                nodeA.destroyForcibly();
            }
            if (nodeB != null) {
                nodeB.stop();
            }
            h2.stop();
        }
    }

    /** Waits for {@code value} for at most 60 s, saying so every 2 s. */
    private static <T> T waitFor(String what, CompletableFuture<T> value, Consumer<String> say) throws Exception {
        say.accept("[demo] waiting for " + what);
        for (int waited = 0; waited < 60; waited += 2) {
            try {
                return value.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                say.accept(String.format("[demo] ... still waiting for %s (%d s)", what, waited + 2));
            }
        }
        throw new IllegalStateException("gave up waiting for " + what + " after 60 s");
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
