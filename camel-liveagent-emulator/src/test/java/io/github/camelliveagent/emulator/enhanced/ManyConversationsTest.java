package io.github.camelliveagent.emulator.enhanced;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.agent.AgentBehaviours;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many end users at once, the agent answering from the event loop while test threads send: every message reaches
 * the agent once and in order, every answer reaches its own stream once and in order, and no stream sees another
 * end user's events.
 */
class ManyConversationsTest {

    private static final int USERS = 40;
    private static final int MESSAGES = 10;

    @Test
    void concurrentConversationsKeepTheirOwnOrderedEvents() throws Exception {
        try (LiveAgentEmulator emu = EmulatorTestBase.eventIndexBuilder().agent(AgentBehaviours.echo("Ann")).build().start()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<String>>> runs = new ArrayList<>();
                for (int u = 0; u < USERS; u++) {
                    int user = u;
                    runs.add(pool.submit(() -> converse(emu, user)));
                }
                int answers = 0;
                for (int u = 0; u < USERS; u++) {
                    List<String> got = runs.get(u).get(2, TimeUnit.MINUTES);
                    answers += got.size();
                    int user = u;
                    assertThat(got).as("user %d", u).containsExactlyElementsOf(
                            IntStream.range(0, MESSAGES).mapToObj(i -> "echo: u" + user + "-m" + i).toList());
                }
                long visitorMessages = emu.conversations().stream().mapToLong(c -> c.transcript().visitorMessages().size()).sum();
                System.out.println("many conversations: " + USERS + " end users, " + visitorMessages + " messages sent, "
                        + answers + " answers received on their own streams");
                assertThat(emu.conversations()).hasSize(USERS);
                assertThat(visitorMessages).isEqualTo((long) USERS * MESSAGES);
                assertThat(answers).isEqualTo(USERS * MESSAGES);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** One end user: stream, create, messages one after another; returns the agent's answers its stream carried. */
    private static List<String> converse(LiveAgentEmulator emu, int user) {
        EnhancedClient c = new EnhancedClient(emu.baseUrl(), emu.enhancedChat()).login();
        String id = EnhancedClient.uuid();
        try (SseStream s = c.stream()) {
            assertThat(c.create(id, Map.of()).status()).isEqualTo(201);
            s.await("CONVERSATION_PARTICIPANT_CHANGED");
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(c.message(id, "u" + user + "-m" + i).status()).isEqualTo(202);
            }
            List<SseFrame> answers = s.awaitCount(f -> f.event().equals("CONVERSATION_MESSAGE") && f.role().equals("Agent"),
                    MESSAGES);
            assertThat(s.events()).allSatisfy(f -> assertThat(f.json().path("conversationId").asText()).isEqualTo(id));
            return answers.stream().map(f -> f.payload().path("abstractMessage").path("staticContent").path("text").asText())
                    .toList();
        }
    }
}
