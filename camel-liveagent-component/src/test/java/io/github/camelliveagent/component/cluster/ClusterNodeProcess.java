package io.github.camelliveagent.component.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A {@link ClusterNode} in a JVM of its own, seen from the test: started with the test's class path and java, its output
 * in a log file, its control channel over loopback HTTP; killed with {@code kill -9} ({@link Process#destroyForcibly}
 * sends SIGKILL on Linux) or stopped gracefully. Every wait is bounded. {@link #close} kills it if it still runs, so a
 * failed test leaves no JVM behind.
 */
public final class ClusterNodeProcess implements AutoCloseable {

    private static final Pattern TAKEOVERS = Pattern.compile("takeoverMillis=\\[([^\\]]*)\\]");
    private static final Pattern READY = Pattern.compile(ClusterNode.READY + " (\\S+) READY (\\d+)");

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http;
    private volatile Instant exitedAt;

    private ClusterNodeProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Starts a node and waits (at most {@code startTimeout}) until it says it is ready.
     *
     * @param args   {@link ClusterNode}'s arguments besides {@code name}
     * @param secret the session store's secret, handed over in the environment
     */
    public static ClusterNodeProcess start(String name, Path logDir, Map<String, String> args, String secret,
                                           Duration startTimeout) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(ClusterNode.jvmFlags());
        command.add("-Dlog4j2.configurationFile=cluster-node-log4j2.xml");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClusterNode.class.getName());
        command.add("name=" + name);
        args.forEach((k, v) -> command.add(k + "=" + v));
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log"); // written anew: no READY line of an earlier run
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().put("LIVEAGENT_STORE_SECRET", secret);
        Process p = pb.start(); // standard input stays a pipe from us: the node exits when it ends
        try {
            int[] port = new int[1];
            await("node " + name + " ready (log " + log + ")").atMost(startTimeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!p.isAlive()) {
                            throw new IllegalStateException("node " + name + " exited with " + p.exitValue() + " before it"
                                                            + " was ready; its log: " + log);
                        }
                        Matcher m = READY.matcher(Files.readString(log));
                        while (m.find()) {
                            if (m.group(1).equals(name)) {
                                port[0] = Integer.parseInt(m.group(2));
                            }
                        }
                        return port[0] > 0;
                    });
            return new ClusterNodeProcess(name, p, log, port[0]);
        } catch (RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Starts a chat on this node; returns its session id. */
    public String startChat(String visitorName) {
        return startChatAsync(visitorName).join();
    }

    /** Starts a chat on this node; completes with its session id, or exceptionally with the node's error. */
    public CompletableFuture<String> startChatAsync(String visitorName) {
        return post("/start", visitorName, Duration.ofSeconds(60)).thenApply(Outcome::answerOrThrow);
    }

    /**
     * Sends a visitor message through this node with {@code CamelLiveAgentMessageId} = {@code messageId}; completes with
     * empty when the node accepted it, or with the node's error (its HTTP answer, or the failed connection of a dead node).
     */
    public CompletableFuture<Outcome> sendMessage(String sessionId, String messageId, String text) {
        return post("/message?session=" + enc(sessionId) + "&id=" + enc(messageId), text, Duration.ofSeconds(90))
                .handle((r, e) -> e != null ? new Outcome(false, name + ": " + e) : r);
    }

    /** Ends a chat from the visitor's side through this node. */
    public CompletableFuture<Outcome> endChat(String sessionId, String messageId) {
        return post("/end?session=" + enc(sessionId) + "&id=" + enc(messageId), "", Duration.ofSeconds(90))
                .handle((r, e) -> e != null ? new Outcome(false, name + ": " + e) : r);
    }

    /** The probe namespaces this node leads now. */
    public List<String> leaders() {
        String s = get("/leaders");
        return s.isEmpty() ? List.of() : List.of(s.split(","));
    }

    /** The component's cluster status as text ({@code owned=[...];takeoverMillis=[...]}), empty if it has none. */
    public String status() {
        return get("/status");
    }

    /** The durations of this node's shard takeovers so far, in ms (from its election to the chats resumed). */
    public List<Long> takeoverMillis() {
        Matcher m = TAKEOVERS.matcher(status());
        if (!m.find() || m.group(1).isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(m.group(1).split(",")).map(String::trim).map(Long::valueOf).toList();
    }

    /** {@code kill -9}: SIGKILL, no goodbye; returns when the process is gone, and the moment the signal was sent. */
    public Instant kill() {
        Instant at = Instant.now();
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
        return at;
    }

    /** A graceful stop through the control channel; returns when the process exited, and the moment it was asked. */
    public Instant stopGracefully(Duration timeout) {
        Instant at = Instant.now();
        post("/stop", "", Duration.ofSeconds(10)).join();
        waitForExit(timeout);
        return at;
    }

    /**
     * When the process was seen gone (after {@link #kill} or {@link #stopGracefully}): a poll the server receives after
     * this cannot come from this node.
     */
    public Instant exitedAt() {
        return exitedAt;
    }

    /** The process's exit code (after {@link #kill} or {@link #stopGracefully}). */
    public int exitValue() {
        return process.exitValue();
    }

    private void waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("node " + name + " did not exit within " + timeout + "; killed");
            }
            exitedAt = Instant.now();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What a node answered: ok with its answer (a session id, ...), or not with the error. */
    public record Outcome(boolean ok, String text) {
        /** The answer; {@link IllegalStateException} with the error when the call failed. */
        public String answerOrThrow() {
            if (!ok) {
                throw new IllegalStateException(text);
            }
            return text;
        }
    }

    private CompletableFuture<Outcome> post(String path, String body, Duration timeout) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(r -> r.statusCode() == 200 ? new Outcome(true, r.body())
                        : new Outcome(false, name + " answered " + r.statusCode() + ": " + r.body()));
    }

    private String get(String path) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IllegalStateException(name + " answered " + r.statusCode() + " to " + path + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
