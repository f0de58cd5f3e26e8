package io.github.camelliveagent.emulator.enhanced;

import io.github.camelliveagent.emulator.agent.AgentBehaviours;
import io.github.camelliveagent.emulator.junit.LiveAgentEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JUnit 5 extension configures and serves Enhanced Chat next to Live Agent. */
class EnhancedExtensionTest {

    @RegisterExtension
    static final LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .agent(AgentBehaviours.scripted("Ann", java.util.List.of("Sure, one moment.")))
            .enhancedChat(EnhancedChatSettings.builder().esDeveloperName("Test_Deployment").orgId("00DXX0000001abc").build())
            .build();

    @Test
    void extensionServesEnhancedChatWithItsSettingsAndAgent() {
        EnhancedClient c = new EnhancedClient(EMULATOR.baseUrl(), EMULATOR.emulator().enhancedChat()).login();
        String id = EnhancedClient.uuid();
        try (SseStream s = c.stream()) {
            assertThat(c.create(id, Map.of()).status()).isEqualTo(201);
            s.await(f -> f.event().equals("CONVERSATION_MESSAGE") && f.role().equals("Agent"));
            c.message(id, "Can you help?");

            var replies = s.awaitCount(f -> f.event().equals("CONVERSATION_MESSAGE") && f.role().equals("Agent"), 2);

            assertThat(c.deployment).isEqualTo("Test_Deployment");
            assertThat(replies).extracting(f -> f.payload().path("abstractMessage").path("staticContent").path("text").asText())
                    .containsExactly("Hi, I am Ann. How can I help?", "Sure, one moment.");
            assertThat(EMULATOR.emulator().session(id)).isSameAs(EMULATOR.emulator().conversation(id));
        }
    }
}
