package io.github.camelliveagent.component.springboot;

import java.time.Duration;

import io.github.camelliveagent.component.LiveAgentApi;
import io.github.camelliveagent.component.LiveAgentComponent;
import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.emulator.agent.AgentBehaviours;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import io.github.camelliveagent.emulator.session.SessionState;
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
 * The same Spring Boot application on Enhanced Chat: {@code camel.component.liveagent.api=enhancedChat} and the
 * deployment's values from application properties alone, a conversation against the emulator's Enhanced Chat side.
 */
@SpringBootTest(classes = StarterTestApplication.class, properties = {
        "camel.component.liveagent.api=enhancedChat",
        "camel.component.liveagent.organization-id=00D000000000001AAA",
        "camel.component.liveagent.es-developer-name=Emulated_Custom_Client",
        "camel.component.liveagent.consumer-threads=3"})
class EnhancedChatStarterTest {

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .agent(AgentBehaviours.echo("Agent Smith")).build();

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
    void aConversationRunsWithTheComponentConfiguredForEnhancedChat() {
        LiveAgentComponent liveagent = camelContext.getComponent("liveagent", LiveAgentComponent.class);
        assertThat(liveagent.getConfiguration().getApi()).isEqualTo(LiveAgentApi.enhancedChat);

        Exchange started = producer.request("liveagent:startChat", e -> {
        });
        assertThat(started.getException()).isNull();
        String id = started.getMessage().getHeader(LiveAgentConstants.SESSION_ID, String.class);
        // the echoing agent answers only once it has joined (Enhanced Chat takes messages while queued)
        await().atMost(Duration.ofSeconds(10))
                .until(() -> EMULATOR.serverSide(id).state() == SessionState.ACTIVE);
        Exchange said = producer.request("liveagent:chatMessage", e -> {
            e.getMessage().setHeader(LiveAgentConstants.SESSION_ID, id);
            e.getMessage().setBody("Hello from Spring Boot");
        });
        assertThat(said.getException()).isNull();

        await().atMost(Duration.ofSeconds(20)).until(() -> !routes.agentSaid.isEmpty());
        System.out.println("agent messages received over Enhanced Chat: " + routes.agentSaid.size() + " " + routes.agentSaid);
        assertThat(routes.agentSaid).containsExactly(id + ": echo: Hello from Spring Boot");
        assertThat(EMULATOR.emulator().awaitConversation(id, Duration.ofSeconds(5)).transcript().visitorMessages())
                .containsExactly("Hello from Spring Boot");
    }
}
