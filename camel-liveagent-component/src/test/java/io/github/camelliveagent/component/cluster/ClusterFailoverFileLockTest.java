package io.github.camelliveagent.component.cluster;

import java.time.Duration;
import java.util.Map;


/**
 * {@link ClusterFailoverTestBase} with Camel's file-lock cluster service on a shared directory: the nodes try for their
 * locks every second and hold them with a heartbeat of the same period; a leader is taken for dead after 3 missed
 * heartbeats, so the engine notices a killed node within 4 s (3 s of stale heartbeat plus the next try), which
 * {@link ClusterHarnessTest} measures at about 3.7 s.
 */
class ClusterFailoverFileLockTest extends ClusterFailoverTestBase {

    @Override
    String cluster(String caseName) {
        return "file:" + shared.resolve("locks-" + caseName);
    }

    @Override
    Map<String, String> engineArgs() {
        return Map.of("lockIntervalMs", "1000", "heartbeatMultiplier", "3");
    }

    @Override
    Duration engineNotice() {
        return Duration.ofSeconds(4);
    }

    @Override
    String engine() {
        return "file-lock (1 s interval, 3 heartbeats)";
    }
}
