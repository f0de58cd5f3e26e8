package io.github.camelliveagent.emulator.enhanced;

import java.time.Duration;
import java.util.List;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rules of miaw-api.md §9's checklist that need settings of their own, over real HTTP with a plain client: a
 * deployment of the wrong type (400) or never published (412), the auto-end of an Inactive session, and what a second
 * stream with the same token does under each of the switch's readings.
 */
class ChecklistRulesTest {

    private static LiveAgentEmulator emulator(EnhancedChatSettings settings) {
        return EmulatorTestBase.eventIndexBuilder().enhancedChat(settings).build().start();
    }

    private static EnhancedClient client(LiveAgentEmulator emu) {
        return new EnhancedClient(emu.baseUrl(), emu.enhancedChat()).login();
    }

    @Test
    void aDeploymentThatIsNotOfTypeApiGetsNoTokenAndAnUnpublishedOneNoConfiguration() {
        try (LiveAgentEmulator web = emulator(EnhancedChatSettings.builder().deploymentType("Web").build());
             LiveAgentEmulator unpublished = emulator(EnhancedChatSettings.builder().published(false).build())) {
            EnhancedClient toWeb = new EnhancedClient(web.baseUrl(), web.enhancedChat());
            Reply refused = toWeb.mint(toWeb.tokenRequest());
            EnhancedClient toUnpublished = new EnhancedClient(unpublished.baseUrl(), unpublished.enhancedChat());
            Reply config = toUnpublished.send("GET", "/embeddedservice/v1/embedded-service-config?orgId=00D000000000001"
                    + "&esConfigName=Emulated_Custom_Client&language=en_US", null, false);
            Reply webConfig = toWeb.send("GET", "/embeddedservice/v1/embedded-service-config?orgId=00D000000000001"
                    + "&esConfigName=Emulated_Custom_Client", null, false);
            System.out.println("deployment rules: Web mint " + refused.status() + " " + refused.body() + "; unpublished config "
                               + config.status() + " " + config.body());
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("Set the esDeveloperName to a deploymentType that's set to api");
            assertThat(config.status()).isEqualTo(412);
            assertThat(config.json().path("text").asText()).isEqualTo("Embedded Messaging Config is not Published");
            assertThat(webConfig.json().path("deploymentType").asText()).isEqualTo("Web");
            assertThat(client(unpublished).token).as("the token endpoint of an unpublished deployment is left as it is")
                    .isNotBlank();
        }
    }

    @Test
    void anInactiveSessionEndsAfterTheAutoEndTimeUnlessTheEndUserWritesFirst() {
        try (LiveAgentEmulator emu = emulator(EnhancedChatSettings.builder().inactiveAutoEnd(Duration.ofSeconds(2)).build())) {
            EnhancedClient c = client(emu);
            String revived = EnhancedClient.uuid();
            String idle = EnhancedClient.uuid();
            assertThat(c.create(revived, java.util.Map.of()).status()).isEqualTo(201);
            assertThat(c.create(idle, java.util.Map.of()).status()).isEqualTo(201);
            try (SseStream s = c.stream()) {
                EnhancedConversation r = emu.awaitConversation(revived, Duration.ofSeconds(5));
                EnhancedConversation i = emu.awaitConversation(idle, Duration.ofSeconds(5));
                r.accept("Ann");
                i.accept("Bob");
                // the revived one goes Inactive first and is written to: its auto-end, due first, must do nothing
                r.inactivate();
                assertThat(c.message(revived, "still here").status()).isEqualTo(202);
                i.inactivate();

                SseFrame ended = s.await(f -> f.event().equals("CONVERSATION_SESSION_STATUS_CHANGED")
                        && f.payload().path("sessionStatus").asText().equals("Ended"));
                List<SseFrame> endings = s.events().stream()
                        .filter(f -> f.event().equals("CONVERSATION_SESSION_STATUS_CHANGED")
                                     && f.payload().path("sessionStatus").asText().equals("Ended")).toList();
                System.out.println("auto-end: endings " + endings.size() + ", idle " + i.state() + ", revived " + r.state());
                assertThat(ended.json().path("conversationId").asText()).isEqualTo(idle);
                assertThat(ended.payload().path("sessionStatusPrev").asText()).isEqualTo("Inactive");
                assertThat(ended.payload().path("sessionEndedByRole").asText()).isEqualTo("System");
                assertThat(endings).hasSize(1);
                assertThat(i.state()).isEqualTo(SessionState.ENDED);
                assertThat(i.closed()).as("the conversation outlives the session").isFalse();
                assertThat(r.state()).isEqualTo(SessionState.QUEUED);
            }
        }
    }

    @Test
    void aSecondStreamWithTheSameTokenClosesTheFirstByDefault() throws Exception {
        try (LiveAgentEmulator emu = emulator(EnhancedChatSettings.defaults())) {
            EnhancedClient c = client(emu);
            String id = EnhancedClient.uuid();
            assertThat(c.create(id, java.util.Map.of()).status()).isEqualTo(201);
            try (SseStream first = c.stream()) {
                first.await("CONVERSATION_ROUTING_RESULT");
                try (SseStream second = c.stream(); SseStream otherToken = client(emu).stream()) {
                    boolean firstEnded = first.awaitEnd(Duration.ofSeconds(10));
                    emu.awaitConversation(id, Duration.ofSeconds(5)).accept("Ann");
                    second.await("CONVERSATION_PARTICIPANT_CHANGED");
                    System.out.println("newest wins: first ended " + firstEnded + ", second " + second.status()
                                       + " with " + second.events().size() + " events, another token's stream "
                                       + otherToken.status());
                    assertThat(firstEnded).isTrue();
                    assertThat(second.status()).isEqualTo(200);
                    assertThat(otherToken.status()).as("a continuation or another end user is another token").isEqualTo(200);
                    assertThat(otherToken.awaitEnd(Duration.ofMillis(200))).isFalse();
                }
            }
        }
    }

    @Test
    void theOtherReadingsRefuseTheSecondStreamOrServeBoth() {
        try (LiveAgentEmulator firstWins = emulator(EnhancedChatSettings.builder()
                .streamsPerToken(EnhancedChatSettings.StreamsPerToken.FIRST_WINS).build());
             LiveAgentEmulator many = emulator(EnhancedChatSettings.builder()
                     .streamsPerToken(EnhancedChatSettings.StreamsPerToken.MANY).build())) {
            EnhancedClient a = client(firstWins);
            EnhancedClient b = client(many);
            String idB = EnhancedClient.uuid();
            assertThat(b.create(idB, java.util.Map.of()).status()).isEqualTo(201);
            try (SseStream a1 = a.stream(); SseStream a2 = a.stream(); SseStream b1 = b.stream(); SseStream b2 = b.stream()) {
                b1.await("CONVERSATION_ROUTING_RESULT");
                b2.await("CONVERSATION_ROUTING_RESULT");
                System.out.println("first wins: " + a1.status() + ", " + a2.status() + "; many: " + b1.status() + ", "
                                   + b2.status());
                assertThat(a1.status()).isEqualTo(200);
                assertThat(a2.status()).isEqualTo(409);
                await().atMost(Duration.ofSeconds(5)).until(() -> a2.rawLines().stream().anyMatch(l -> l.contains("CONFLICT")));
                assertThat(b1.status()).isEqualTo(200);
                assertThat(b2.status()).isEqualTo(200);
            }
        }
    }
}
