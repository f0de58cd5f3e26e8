package io.github.camelliveagent.emulator.junit;

import io.github.camelliveagent.emulator.session.AbandonedPolls;
import io.github.camelliveagent.emulator.support.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AbandonedPollsExtensionTest {

    @RegisterExtension
    static LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofMillis(300)).abandonedPolls(AbandonedPolls.HOLD).build();

    @Test
    void theExtensionsBuilderSetsThePolicy() {
        assertThat(EMULATOR.emulator().abandonedPolls()).isEqualTo(AbandonedPolls.HOLD);
        assertThat(new RestClient(EMULATOR.baseUrl()).newVisitor().id).isNotEmpty();
    }
}
