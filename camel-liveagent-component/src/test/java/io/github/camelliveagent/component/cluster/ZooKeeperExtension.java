package io.github.camelliveagent.component.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real ZooKeeper server (Apache Curator's {@link TestingServer}, in-process) for one test class: a free port,
 * clients served on 127.0.0.1 only, its data directory removed afterwards. The tick is short (250 ms), so that a client
 * may ask for session time-outs from 0.5 s (ZooKeeper allows 2 to 20 ticks): a dead node's session, and so its
 * leaderships, then end within the few seconds the failover tests allow. Register it as a static field with
 * {@code @RegisterExtension}.
 */
public final class ZooKeeperExtension implements BeforeAllCallback, AfterAllCallback {

    static final int TICK_MILLIS = 250;

    private TestingServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // data directory: a new temp directory (null), random ports (-1), server id 1, no connection limit (-1 = default)
        InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, 1, TICK_MILLIS, -1,
                Map.of("clientPortAddress", "127.0.0.1", "admin.enableServer", "false"), "127.0.0.1");
        server = new TestingServer(spec, true);
        System.out.printf("ZooKeeper started at %s%n", server.getConnectString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("stopping the ZooKeeper test server", e);
            }
            server = null;
        }
    }

    /** {@code 127.0.0.1:<port>}, for a ZooKeeper client. */
    public String connectString() {
        if (server == null) {
            throw new IllegalStateException("ZooKeeper runs only between beforeAll and afterAll: register the extension"
                                            + " on a static field");
        }
        return server.getConnectString();
    }
}
