package io.github.camelliveagent.emulator.junit;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.support.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LiveAgentEmulatorExtension.class)
class ExtendWithParameterTest {

    private final LiveAgentEmulator fromConstructor;

    ExtendWithParameterTest(LiveAgentEmulator emulator) {
        this.fromConstructor = emulator;
    }

    @Test
    void emulatorIsInjectedIntoConstructorAndMethod(LiveAgentEmulator emulator) {
        assertThat(emulator).isSameAs(fromConstructor);
        assertThat(emulator.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(new RestClient(emulator.baseUrl()).newVisitor().id).isNotEmpty();
        assertThat(emulator.holdTime()).as("defaults").hasSeconds(30);
    }
}
