package io.github.camelliveagent.emulator.junit;

import io.github.camelliveagent.emulator.session.SequenceModel;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceModelExtensionTest {

    @RegisterExtension
    static LiveAgentEmulatorExtension EMULATOR = LiveAgentEmulatorExtension.builder()
            .holdTime(Duration.ofMillis(300)).sequenceModel(SequenceModel.REPLY_COUNTER).build();

    @Test
    void theExtensionsBuilderSetsTheSequenceModel() {
        assertThat(EMULATOR.emulator().sequenceModel()).isEqualTo(SequenceModel.REPLY_COUNTER);
        Visitor v = new RestClient(EMULATOR.baseUrl()).newVisitor();
        v.init();
        long first = v.poll(-1).sequence();
        EMULATOR.emulator().session(v.id).accept("Ann");
        EMULATOR.emulator().session(v.id).agentMessage("hi");
        Reply r = v.poll(first);
        assertThat(r.types()).containsExactly("ChatEstablished", "ChatMessage");
        assertThat(r.sequence()).isEqualTo(first + 1);
    }
}
