package io.github.camelliveagent.component.cluster;

import javax.sql.DataSource;

import io.github.camelliveagent.component.LiveAgentComponent;
import org.apache.camel.cluster.CamelClusterService;

/**
 * Whether the component has its high-availability options yet ({@code clusterService}, {@code sessionStoreDataSource}):
 * the failover tests run from the moment it has ({@code @EnabledIf}), and are skipped, saying why, before. They were
 * written alongside the component's HA core and land before it.
 */
final class HaCore {

    private HaCore() {
    }

    static boolean available() {
        try {
            LiveAgentComponent.class.getMethod("setClusterService", CamelClusterService.class);
            LiveAgentComponent.class.getMethod("setSessionStoreDataSource", DataSource.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
