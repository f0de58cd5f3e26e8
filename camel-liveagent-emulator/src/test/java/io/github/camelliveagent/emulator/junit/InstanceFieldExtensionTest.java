package io.github.camelliveagent.emulator.junit;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.support.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceFieldExtensionTest {

    static final List<LiveAgentEmulator> SEEN = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final LiveAgentEmulatorExtension emulator = LiveAgentEmulatorExtension.builder().build();

    @Test
    void oneEmulatorPerTest(LiveAgentEmulator injected) {
        assertThat(injected).isSameAs(emulator.emulator());
        assertThat(new RestClient(emulator.baseUrl()).newVisitor().id).isNotEmpty();
        SEEN.add(injected);
    }

    @Test
    void anotherTestAnotherEmulator() {
        assertThat(new RestClient(emulator.baseUrl()).newVisitor().id).isNotEmpty();
        SEEN.add(emulator.emulator());
    }

    @AfterAll
    static void eachTestHadItsOwnStoppedEmulator() {
        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
        // stopped: its registry is still there, but the server is gone
        for (LiveAgentEmulator e : SEEN) {
            assertThatThrownBy(() -> new RestClient(e.baseUrl()).newVisitor()).isInstanceOf(RuntimeException.class);
        }
    }
}
