package io.github.camelliveagent.component.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.camelliveagent.component.LiveAgentComponent;
import io.github.camelliveagent.component.LiveAgentConfiguration;
import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.component.cluster.ClusterCoordinator;
import io.github.camelliveagent.component.model.message.ChatMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One node of a failover test, run as its own JVM ({@link ClusterNodeProcess} starts it): a CamelContext with the
 * {@code liveagent} component in high-availability mode (a Camel cluster service, the session store in the shared
 * PostgreSQL), a {@code liveagent:messages} route that records every event it processes in {@link ReceivedEventTable},
 * and a loopback HTTP control channel for the test's driver:
 * <ul>
 * <li>{@code POST /start} (body: the visitor's name): {@code startChat}; answers the session id</li>
 * <li>{@code POST /message?session=&id=} (body: the text): {@code chatMessage} with {@code CamelLiveAgentMessageId}</li>
 * <li>{@code POST /end?session=}: {@code chatEnd}</li>
 * <li>{@code GET /leaders}: the probe namespaces this node leads (the engine alone, without the component)</li>
 * <li>{@code GET /status}: the shards this node owns and how long its shard takeovers took, when the component says</li>
 * <li>{@code POST /stop}: a graceful stop (the CamelContext stops, then the JVM exits 0)</li>
 * </ul>
 * A failed call answers 500 with the exception's message. Once ready the node prints
 * {@code CLUSTER-NODE <name> READY <port>}. It exits when its standard input ends (the test JVM is gone).
 * <p>
 * Arguments, {@code key=value}: {@code name}, {@code emulator} (base URL), {@code jdbc} (JDBC URL), {@code cluster}
 * ({@code file:<directory>} or {@code zookeeper:<host:port>}), {@code shards} (16), {@code ha} ({@code true}: set the
 * component's cluster options; {@code false} leaves the component single-node, for harness tests), {@code probes}
 * (0: namespaces {@code probe-<n>} to elect leaders in), {@code lockIntervalMs} (1000: how often the file-lock service
 * tries to take a lock, also its heartbeat), {@code heartbeatMultiplier} (3: a file-lock leader is dead after that many
 * intervals without a heartbeat), {@code zkSessionTimeoutMs} (2000: a ZooKeeper member is dead after this), {@code zkBasePath}
 * ({@code /camel-liveagent}: where its elections live). The
 * session store's secret comes from the environment variable {@code LIVEAGENT_STORE_SECRET}, never the command line.
 */
public final class ClusterNode {

    static final String READY = "CLUSTER-NODE";

    private final Map<String, String> args;
    private final String name;
    private CamelContext context;
    private ProducerTemplate template;
    private CamelClusterService clusterService;
    private final List<CamelClusterView> probeViews = new ArrayList<>();
    private HikariDataSource dataSource;
    private HttpServer control;
    private ExecutorService controlThreads;

    private ClusterNode(Map<String, String> args) {
        this.args = args;
        this.name = required("name");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("argument '" + a + "' is not key=value");
            }
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        ClusterNode node = new ClusterNode(args);
        exitWhenTheTestIsGone();
        node.start();
    }

    /** The test JVM holds our standard input: when it ends, the test is gone and so must we be. */
    private static void exitWhenTheTestIsGone() {
        Thread watch = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() != -1) {
                    // nothing is sent; read until the end
                }
            } catch (IOException e) {
                // the pipe broke: the same
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private String required(String key) {
        String v = args.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return v;
    }

    private int intArg(String key, int defaultValue) {
        String v = args.get(key);
        return v == null ? defaultValue : Integer.parseInt(v);
    }

    private void start() throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(required("jdbc"));
        pool.setMaximumPoolSize(8);
        pool.setPoolName(name);
        dataSource = new HikariDataSource(pool);

        context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        clusterService = clusterService();
        // a service of the context, not a registry bean: the component autowires a registry's cluster service, and with
        // ha=false it must stay single-node
        context.addService(clusterService);

        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentConfiguration c = liveagent.getConfiguration();
        c.setHostname(required("emulator"));
        c.setOrganizationId("00D000000000001");
        c.setDeploymentId("572000000000001");
        c.setButtonId("573000000000001");
        c.setEstablishTimeout(60_000);
        if (Boolean.parseBoolean(args.getOrDefault("ha", "true"))) {
            String secret = System.getenv("LIVEAGENT_STORE_SECRET");
            if (secret == null) {
                throw new IllegalArgumentException("set the environment variable LIVEAGENT_STORE_SECRET");
            }
            liveagent.setClusterService(clusterService);
            liveagent.setClusterShards(intArg("shards", 16));
            liveagent.setSessionStoreDataSource(dataSource);
            liveagent.setSessionStoreSecret(secret);
        }
        context.addComponent("liveagent", liveagent);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").routeId("record-" + name).process(ClusterNode.this::record);
            }
        });
        context.start();
        template = context.createProducerTemplate();

        int probes = intArg("probes", 0);
        for (int i = 0; i < probes; i++) {
            probeViews.add(clusterService.getView("probe-" + i));
        }
        startControl();
        System.out.printf("%s %s READY %d%n", READY, name, control.getAddress().getPort());
        System.out.flush();
    }

    private CamelClusterService clusterService() {
        String cluster = required("cluster");
        if (cluster.startsWith("file:")) {
            FileLockClusterService file = new FileLockClusterService();
            file.setId(name);
            file.setRoot(cluster.substring("file:".length()));
            file.setAcquireLockDelay(intArg("lockIntervalMs", 1000), TimeUnit.MILLISECONDS);
            file.setAcquireLockInterval(intArg("lockIntervalMs", 1000), TimeUnit.MILLISECONDS);
            file.setHeartbeatTimeoutMultiplier(intArg("heartbeatMultiplier", 3));
            return file;
        }
        if (cluster.startsWith("zookeeper:")) {
            ZooKeeperClusterService zk = new ZooKeeperClusterService();
            zk.setId(name);
            zk.setNodes(cluster.substring("zookeeper:".length()));
            zk.setBasePath(args.getOrDefault("zkBasePath", "/camel-liveagent"));
            zk.setSessionTimeout(intArg("zkSessionTimeoutMs", 2000));
            zk.setConnectTimeout(10_000);
            return zk;
        }
        throw new IllegalArgumentException("cluster=" + cluster + ": expected file:<directory> or zookeeper:<host:port>");
    }

    private void record(Exchange e) throws Exception {
        Object body = e.getMessage().getBody();
        ReceivedEventTable.record(dataSource, new ReceivedEventTable.Row(
                e.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class),
                e.getMessage().getHeader(LiveAgentConstants.SEQUENCE, Long.class), name,
                e.getMessage().getHeader(LiveAgentConstants.MESSAGE_TYPE, String.class),
                body instanceof ChatMessage m ? m.text() : null));
    }

    private void startControl() throws IOException {
        control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        controlThreads = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, name + "-control");
            t.setDaemon(true);
            return t;
        });
        control.setExecutor(controlThreads);
        control.createContext("/", this::handle);
        control.start();
    }

    private void handle(HttpExchange http) throws IOException {
        int status = 200;
        String answer;
        try {
            Map<String, String> q = query(http.getRequestURI().getRawQuery());
            String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = http.getRequestURI().getPath();
            switch (path) {
                case "/start" -> answer = call("startChat", null, null, Map.of("visitorName", body))
                        .getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
                case "/message" -> {
                    call("chatMessage", q.get("session"), q.get("id"), body);
                    answer = "sent";
                }
                case "/end" -> {
                    call("chatEnd", q.get("session"), q.get("id"), null);
                    answer = "ended";
                }
                case "/leaders" -> answer = probeViews.stream().filter(v -> v.getLocalMember().isLeader())
                        .map(CamelClusterView::getNamespace).collect(Collectors.joining(","));
                case "/status" -> answer = clusterStatus();
                case "/stop" -> {
                    answer = "stopping";
                    Thread stopper = new Thread(this::stopAndExit, "graceful-stop");
                    stopper.start();
                }
                default -> {
                    status = 404;
                    answer = "unknown control path " + path;
                }
            }
        } catch (Exception e) {
            status = 500;
            answer = String.valueOf(e.getMessage());
        }
        byte[] bytes = (answer == null ? "" : answer).getBytes(StandardCharsets.UTF_8);
        http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Exchange call(String operation, String session, String messageId, Object body) throws Exception {
        Exchange out = template.request("liveagent:" + operation, e -> {
            if (session != null) {
                e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, session);
            }
            if (messageId != null) {
                e.getMessage().setHeader(LiveAgentConstants.MESSAGE_ID, messageId);
            }
            e.getMessage().setBody(body);
        });
        if (out.getException() != null) {
            throw out.getException();
        }
        return out;
    }

    /**
     * What the component says of its cluster: {@code owned=[shards];takeoverMillis=[ms, ...]} (each takeover of a shard
     * by this node, from its election to the chats resumed); empty when the component is not on a cluster.
     */
    private String clusterStatus() {
        ClusterCoordinator cluster = context.getComponent("liveagent", LiveAgentComponent.class).cluster();
        return cluster == null ? "" : "owned=" + cluster.ownership().owned() + ";takeoverMillis=" + cluster.takeoverMillis();
    }

    private void stopAndExit() {
        int code = 0;
        try {
            context.stop();
            control.stop(0);
            dataSource.close();
            System.out.printf("%s %s STOPPED%n", READY, name);
        } catch (RuntimeException e) {
            e.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    static List<String> jvmFlags() {
        return List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");
    }
}
