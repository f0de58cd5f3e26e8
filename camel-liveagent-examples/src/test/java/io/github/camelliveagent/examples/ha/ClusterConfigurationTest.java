package io.github.camelliveagent.examples.ha;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelliveagent.component.LiveAgentComponent;
import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.emulator.junit.LiveAgentChats;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's high-availability configuration, as Camel Main reads it: a cluster service and a DataSource made with
 * {@code camel.beans.*}, the component's options by name; the component finds the cluster service by itself
 * (autowired), owns the shards and runs a chat.
 */
class ClusterConfigurationTest {

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(2)).build();

    @TempDir
    Path clusterRoot;

    @Test
    void camelMainPropertiesMakeTheComponentAClusterNode() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Main main = new Main();
        Map<String, String> properties = Map.ofEntries(
                Map.entry("camel.beans.cluster", "#class:org.apache.camel.component.file.cluster.FileLockClusterService"),
                Map.entry("camel.beans.cluster.id", "node-1"),
                Map.entry("camel.beans.cluster.root", clusterRoot.toString()),
                Map.entry("camel.beans.ds", "#class:org.h2.jdbcx.JdbcDataSource"),
                Map.entry("camel.beans.ds.url", "jdbc:h2:mem:cluster-config-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
                Map.entry("camel.component.liveagent.hostname", EMULATOR.baseUrl()),
                Map.entry("camel.component.liveagent.organization-id", "00D000000000001"),
                Map.entry("camel.component.liveagent.deployment-id", "572000000000001"),
                Map.entry("camel.component.liveagent.button-id", "573000000000001"),
                Map.entry("camel.component.liveagent.session-store-data-source", "#ds"),
                Map.entry("camel.component.liveagent.session-store-secret", "a-long-random-secret-from-the-vault"),
                Map.entry("camel.component.liveagent.cluster-shards", "2"));
        // only these properties: not the examples' application.properties, which is on this module's class path
        main.setDefaultPropertyPlaceholderLocation("false");
        properties.forEach(main::addOverrideProperty);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("liveagent:messages").process(e -> events.add(
                        e.getMessage().getHeader(LiveAgentConstants.MESSAGE_TYPE, String.class)));
            }
        });
        main.start();
        try {
            LiveAgentComponent liveagent = main.getCamelContext().getComponent("liveagent", LiveAgentComponent.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> List.of(0, 1).equals(liveagent.clusterStatus().get("owned")));
            String id = LiveAgentChats.startChat(main.getCamelContext().createProducerTemplate());
            EMULATOR.serverSide(id).accept("Agent Smith");
            await().atMost(Duration.ofSeconds(15)).until(() -> events.contains("ChatEstablished"));
            System.out.printf("cluster configuration: %s; events %s%n", liveagent.clusterStatus(), events);
            assertThat(liveagent.getClusterService()).as("autowired from the camel.beans bean").isNotNull();
            assertThat(liveagent.clusterStatus()).containsEntry("shards", 2);
            assertThat(events).startsWith("ChatRequestSuccess", "ChatEstablished");
        } finally {
            main.stop();
        }
    }
}
