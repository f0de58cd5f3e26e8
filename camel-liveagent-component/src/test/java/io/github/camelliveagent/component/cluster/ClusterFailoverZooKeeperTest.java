package io.github.camelliveagent.component.cluster;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ClusterFailoverTestBase} with Camel's ZooKeeper cluster service against a real ZooKeeper in this JVM: a node's
 * session times out 2 s after its last heartbeat, when its leaderships end; {@link ClusterHarnessTest} measures the
 * survivor leading about 2 s after a kill. Not in CI (the file-lock run is; each takes about 2 minutes):
 * {@code mvn -B verify -pl camel-liveagent-component -am -Dtest=ClusterFailoverZooKeeperTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailover.zookeeper=true}.
 */
@EnabledIfSystemProperty(named = "failover.zookeeper", matches = "true",
                         disabledReason = "about 2 minutes; CI runs the file-lock case: add -Dfailover.zookeeper=true")
class ClusterFailoverZooKeeperTest extends ClusterFailoverTestBase {

    @RegisterExtension
    static final ZooKeeperExtension ZOOKEEPER = new ZooKeeperExtension();

    @Override
    String cluster(String caseName) {
        return "zookeeper:" + ZOOKEEPER.connectString();
    }

    @Override
    Map<String, String> engineArgs() {
        return Map.of("zkSessionTimeoutMs", "2000");
    }

    @Override
    Map<String, String> caseArgs(String caseName) {
        return Map.of("zkBasePath", "/failover-" + caseName); // a case's elections apart from the last case's dead nodes
    }

    @Override
    Duration engineNotice() {
        return Duration.ofSeconds(3); // the session time-out, plus a tick and the election
    }

    @Override
    String engine() {
        return "ZooKeeper (2 s session time-out)";
    }
}
