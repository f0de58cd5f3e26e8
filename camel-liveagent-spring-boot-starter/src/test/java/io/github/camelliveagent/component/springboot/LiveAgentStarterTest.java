package io.github.camelliveagent.component.springboot;

import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelliveagent.component.LiveAgentComponent;
import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.emulator.agent.AgentBehaviours;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boots a Spring Boot application with the starter against the emulator (loopback): the component is configured from
 * {@code camel.component.liveagent.*} alone, runs a chat, and the starter ships the properties' IDE metadata.
 */
@SpringBootTest(classes = StarterTestApplication.class, properties = {
        "camel.component.liveagent.organization-id=00D000000000001",
        "camel.component.liveagent.deployment-id=572000000000001",
        "camel.component.liveagent.button-id=573000000000001",
        "camel.component.liveagent.establish-timeout=2m",
        "camel.component.liveagent.consumer-threads=3",
        "camel.component.liveagent.visitor-name=Ada"})
class LiveAgentStarterTest {

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofSeconds(5)).agent(AgentBehaviours.echo("Agent Smith")).build();

    @DynamicPropertySource
    static void emulatorAddress(DynamicPropertyRegistry registry) {
        registry.add("camel.component.liveagent.hostname", EMULATOR::baseUrl);
    }

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    StarterTestApplication.ChatRoutes routes;

    @Test
    void theComponentIsConfiguredFromApplicationProperties() {
        LiveAgentComponent liveagent = camelContext.getComponent("liveagent", LiveAgentComponent.class);

        assertThat(liveagent.getConfiguration().getHostname()).isEqualTo(EMULATOR.baseUrl());
        assertThat(liveagent.getConfiguration().getOrganizationId()).isEqualTo("00D000000000001");
        assertThat(liveagent.getConfiguration().getButtonId()).isEqualTo("573000000000001");
        assertThat(liveagent.getConfiguration().getEstablishTimeout()).as("2m in ms").isEqualTo(120_000L);
        assertThat(liveagent.getConsumerThreads()).isEqualTo(3);
    }

    @Test
    void aChatRunsWithTheAutoConfiguredComponent() {
        Exchange started = producer.request("direct:visitor", e -> e.getMessage().setBody("Hello from Spring Boot"));
        assertThat(started.getException()).isNull();
        String sessionId = started.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        assertThat(sessionId).isNotBlank();

        await().atMost(Duration.ofSeconds(20)).until(() -> !routes.agentSaid.isEmpty());
        System.out.println("agent messages received: " + routes.agentSaid.size() + " " + routes.agentSaid);
        assertThat(routes.agentSaid).containsExactly(sessionId + ": echo: Hello from Spring Boot");
        assertThat(EMULATOR.emulator().session(sessionId).visitorName()).as("visitor-name property").isEqualTo("Ada");
    }

    @Test
    void theStarterShipsConfigurationMetadataForIdes() throws Exception {
        JsonNode liveagent = null;
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode metadata = new ObjectMapper().readTree(in);
                if (metadata.toString().contains("camel.component.liveagent.")) {
                    liveagent = metadata;
                }
            }
        }
        assertThat(liveagent).as("the starter's spring-configuration-metadata.json").isNotNull();
        JsonNode establishTimeout = property(liveagent, "camel.component.liveagent.establish-timeout");
        assertThat(establishTimeout.path("defaultValue").asText()).isEqualTo("5m");
        assertThat(establishTimeout.path("description").asText()).contains("chat activity");
        JsonNode hostname = property(liveagent, "camel.component.liveagent.hostname");
        assertThat(hostname.path("type").asText()).isEqualTo("java.lang.String");
        assertThat(hostname.path("description").asText()).contains("Chat API endpoint");
        assertThat(property(liveagent, "camel.component.liveagent.consumer-threads").path("defaultValue").asInt())
                .isEqualTo(10);
        // every option of the component's catalog (liveagent.json) is there, by its kebab-case name
        JsonNode catalog;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/io/github/camelliveagent/component/liveagent.json")) {
            catalog = new ObjectMapper().readTree(in);
        }
        List<String> expected = new ArrayList<>();
        catalog.path("componentProperties").fields().forEachRemaining(option -> {
            // Spring Boot's metadata processor leaves DataSource properties out of the metadata on purpose (its
            // TypeExcludeFilter): IDEs do not offer such an option for completion
            if (!"javax.sql.DataSource".equals(option.getValue().path("javaType").asText())) {
                expected.add("camel.component.liveagent." + option.getKey().replaceAll("([A-Z])", "-$1").toLowerCase());
            }
        });
        List<String> names = new ArrayList<>();
        liveagent.path("properties").forEach(p -> names.add(p.path("name").asText()));
        System.out.println("component options in liveagent.json: " + expected.size()
                + ", camel.component.liveagent.* properties in the metadata: "
                + names.stream().filter(n -> n.startsWith("camel.component.liveagent.")).count());
        assertThat(names).containsAll(expected).contains("camel.component.liveagent.enabled");
    }

    private static JsonNode property(JsonNode metadata, String name) {
        for (JsonNode p : metadata.path("properties")) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
        }
        throw new AssertionError("no property " + name + " in the metadata");
    }
}
