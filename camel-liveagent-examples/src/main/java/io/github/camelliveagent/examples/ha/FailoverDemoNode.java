package io.github.camelliveagent.examples.ha;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.camelliveagent.component.LiveAgentComponent;
import io.github.camelliveagent.component.LiveAgentConfiguration;
import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.component.model.message.ChatMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;

/**
 * One node of the high-availability demo: a CamelContext whose {@code liveagent} component shares its chats with the
 * other nodes through Camel's file-lock cluster service (a directory all nodes see) and a JDBC session store (a
 * database all nodes reach). Its routes print every chat event with the node's name, and send what arrives on
 * {@code direct:visitor-says} as the visitor's message. {@link FailoverDemo} runs one in its own JVM and one in its own.
 * <p>
 * As a JVM of its own ({@link #main}): {@code <name> <emulator URL> <JDBC URL> <lock directory>}; it starts a chat, says
 * hello once an agent accepted, prints {@code CHAT <session id>} and runs until it is killed.
 */
public final class FailoverDemoNode {

    static final String ORG_ID = "00D000000000001";
    static final String DEPLOYMENT_ID = "572000000000001";
    static final String BUTTON_ID = "573000000000001";
    /** A demo's secret; a real deployment takes it from the environment ({@code {{env:LIVEAGENT_STORE_SECRET}}}). */
    static final String SECRET = "failover-demo-secret-not-for-production";

    private FailoverDemoNode() {
    }

    /** Starts a node; {@code out} gets one line per chat event it processes. */
    public static CamelContext start(String name, String emulatorUrl, String jdbcUrl, Path lockDirectory,
                                     Consumer<String> out) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);

        // the engine that decides which node polls which chat: here a file lock per shard in a shared directory; on
        // Kubernetes camel-kubernetes' KubernetesClusterService, with ZooKeeper camel-zookeeper's ZooKeeperClusterService
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(name);
        cluster.setRoot(lockDirectory.toString());
        cluster.setAcquireLockDelay(1, TimeUnit.SECONDS);
        cluster.setAcquireLockInterval(1, TimeUnit.SECONDS); // try for free shards, and beat the heart, every second
        cluster.setHeartbeatTimeoutMultiplier(3);            // a node silent for 3 s is dead: its shards are free
        context.addService(cluster);

        // where the chats' state lives, shared by all nodes
        JdbcDataSource db = new JdbcDataSource();
        db.setURL(jdbcUrl);

        LiveAgentComponent liveagent = new LiveAgentComponent();
        LiveAgentConfiguration c = liveagent.getConfiguration();
        c.setHostname(emulatorUrl);
        c.setOrganizationId(ORG_ID);
        c.setDeploymentId(DEPLOYMENT_ID);
        c.setButtonId(BUTTON_ID);
        c.setVisitorName("Ada");
        // high availability: in application.properties these are camel.component.liveagent.cluster-service (a bean,
        // autowired when there is one), cluster-shards, session-store-data-source and session-store-secret
        liveagent.setClusterService(cluster);
        liveagent.setClusterShards(4);
        liveagent.setSessionStoreDataSource(db);
        liveagent.setSessionStoreSecret(SECRET);
        context.addComponent("liveagent", liveagent);

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").routeId(name + "-events").process(e -> {
                    Object body = e.getMessage().getBody();
                    String text = body instanceof ChatMessage m ? ": " + m.name() + " says \"" + m.text() + "\"" : "";
                    out.accept(String.format("[%s] event #%s %s%s", name,
                            e.getMessage().getHeader(LiveAgentConstants.SEQUENCE),
                            e.getMessage().getHeader(LiveAgentConstants.MESSAGE_TYPE), text));
                });
                from("direct:visitor-says").routeId(name + "-visitor").to("liveagent:chatMessage");
            }
        });
        context.start();
        return context;
    }

    /** The node that starts the demo's chat, in a JVM of its own (so that the demo can kill it). */
    public static void main(String[] args) throws Exception {
        String name = args[0];
        Thread parentWatch = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the demo sends nothing: read until its end
                }
            } catch (java.io.IOException e) {
                // the same
            }
            Runtime.getRuntime().halt(3); // the demo's JVM is gone: so is this node
        }, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        CamelContext context = start(name, args[1], args[2], Path.of(args[3]), line -> {
            System.out.println(line);
            System.out.flush();
        });
        String id = context.createProducerTemplate().request("liveagent:startChat", e -> {
        }).getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        System.out.println("CHAT " + id);
        System.out.flush();
        // sent once the agent has accepted (the component waits for ChatEstablished)
        context.createProducerTemplate().sendBodyAndHeaders("direct:visitor-says", "Hello, where is my parcel 4711?",
                Map.of(LiveAgentConstants.SESSION_ID, id, LiveAgentConstants.MESSAGE_ID, id + "-1"));
        System.out.printf("[%s] Ada says \"Hello, where is my parcel 4711?\"%n", name);
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
