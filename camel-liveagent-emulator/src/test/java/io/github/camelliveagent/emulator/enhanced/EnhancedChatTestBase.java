package io.github.camelliveagent.emulator.enhanced;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One emulator per test class for the Enhanced Chat tests; override {@link #settings()} for other settings. Global
 * faults are cleared before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EnhancedChatTestBase {

    protected LiveAgentEmulator emu;

    protected EnhancedChatSettings settings() {
        return EnhancedChatSettings.defaults();
    }

    protected LiveAgentEmulator.Builder emulatorConfig() {
        return EmulatorTestBase.eventIndexBuilder().enhancedChat(settings());
    }

    @BeforeAll
    final void startEmulator() {
        emu = emulatorConfig().build().start();
    }

    @AfterAll
    final void stopEmulator() {
        emu.close();
    }

    @BeforeEach
    final void clearFaults() {
        emu.faults().clear();
    }

    /** A client with a fresh guest token. */
    protected EnhancedClient client() {
        return new EnhancedClient(emu.baseUrl(), emu.enhancedChat()).login();
    }

    /** Creates a conversation for the client and returns its id. */
    protected String created(EnhancedClient c) {
        String id = EnhancedClient.uuid();
        Reply r = c.create(id, Map.of("_firstName", "Ada"));
        assertThat(r.status()).as("create: %s", r.body()).isEqualTo(201);
        return id;
    }

    /** A conversation an agent named Ann has joined, with the client's stream open and the join seen on it. */
    protected SseStream joined(EnhancedClient c, String id) {
        SseStream s = c.stream();
        emu.awaitConversation(id, Duration.ofSeconds(5)).accept("Ann");
        s.await(f -> f.event().equals("CONVERSATION_PARTICIPANT_CHANGED")
                && f.payload().path("entries").path(0).path("operation").asText().equals("add"));
        return s;
    }
}
