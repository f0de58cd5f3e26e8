package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SequenceModel;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two readings of a Messages reply's {@code sequence} (spec §3.2), over real HTTP. */
class SequenceModelTest {

    private static LiveAgentEmulator start(SequenceModel model) {
        return LiveAgentEmulator.builder().holdTime(Duration.ofMillis(300)).sequenceModel(model).build().start();
    }

    /** One reply with one event, then one with three: the sequences each model gives them, and a lost second reply. */
    private static long[] threeReplies(LiveAgentEmulator emu) {
        Visitor v = new RestClient(emu.baseUrl()).newVisitor();
        assertThat(v.init().status()).isEqualTo(200);
        Reply first = v.poll(-1);
        assertThat(first.types()).containsExactly("ChatRequestSuccess");
        EmulatedSession s = emu.session(v.id);
        s.accept("Ann");
        s.agentMessage("one");
        s.agentMessage("two");
        Reply second = v.poll(first.sequence());
        assertThat(second.types()).containsExactly("ChatEstablished", "ChatMessage", "ChatMessage");
        Reply lost = v.poll(first.sequence()); // the second reply was lost: the client asks again with the same ack
        assertThat(lost.types()).containsExactly("ChatEstablished", "ChatMessage", "ChatMessage");
        assertThat(v.poll(second.sequence()).status()).as("everything acknowledged").isEqualTo(204);
        s.agentMessage("three");
        Reply third = v.poll(second.sequence());
        assertThat(third.types()).containsExactly("ChatMessage");
        return new long[]{first.sequence(), second.sequence(), lost.sequence(), third.sequence()};
    }

    @Test
    void eventIndexSequenceIsTheIndexOfTheLastEvent() {
        try (LiveAgentEmulator emu = start(SequenceModel.EVENT_INDEX)) {
            long[] seq = threeReplies(emu);
            System.out.println("SEQUENCES event-index: " + java.util.Arrays.toString(seq));
            assertThat(seq).containsExactly(0, 3, 3, 4);
        }
    }

    @Test
    void replyCounterSequenceIsTheAckPlusOneWhateverTheReplyHolds() {
        try (LiveAgentEmulator emu = start(SequenceModel.REPLY_COUNTER)) {
            assertThat(emu.sequenceModel()).isEqualTo(SequenceModel.REPLY_COUNTER);
            long[] seq = threeReplies(emu);
            System.out.println("SEQUENCES reply-counter: " + java.util.Arrays.toString(seq));
            assertThat(seq).containsExactly(0, 1, 1, 2);
        }
    }

    @Test
    void replyCounterWithoutAckContinuesFromTheLastReply() {
        try (LiveAgentEmulator emu = start(SequenceModel.REPLY_COUNTER)) {
            Visitor v = new RestClient(emu.baseUrl()).newVisitor();
            v.init();
            assertThat(v.pollWithoutAck().sequence()).isEqualTo(0);
            EmulatedSession s = emu.session(v.id);
            s.accept("Ann");
            s.agentMessage("hi");
            Reply r = v.pollWithoutAck();
            assertThat(r.types()).containsExactly("ChatEstablished", "ChatMessage");
            assertThat(r.sequence()).isEqualTo(1);
        }
    }

    @Test
    void replyCounterAfterAHandoverNumbersFromTheAckTheClientResumesWith() {
        try (LiveAgentEmulator emu = start(SequenceModel.REPLY_COUNTER)) {
            RestClient client = new RestClient(emu.baseUrl());
            for (long resumeWith : new long[]{-1, 1}) { // IBM resets its ack to -1, others keep theirs
                Visitor v = client.newVisitor();
                v.init();
                EmulatedSession s = emu.session(v.id);
                long ack = v.poll(-1).sequence();
                s.accept("Ann");
                s.agentMessage("before");
                ack = v.poll(ack).sequence();
                assertThat(ack).isEqualTo(1);
                s.faults().handover();
                s.agentMessage("during");
                // names the offset of reply 1: nothing before it comes again
                v.affinity = v.reconnect("null").message("ReconnectSession").path("affinityToken").asText();
                Reply data = v.poll(resumeWith);
                assertThat(data.types()).as("resuming with ack " + resumeWith)
                        .containsExactly("ChasitorSessionData", "ChatMessage");
                assertThat(data.sequence()).isEqualTo(resumeWith + 1);
                assertThat(v.poll(data.sequence()).status()).isEqualTo(204);
            }
        }
    }

    @Test
    void systemPropertyGivesTheDefaultWhenNoModelIsSet() {
        String before = System.getProperty(SequenceModel.PROPERTY);
        try {
            System.setProperty(SequenceModel.PROPERTY, "reply-counter");
            try (LiveAgentEmulator emu = LiveAgentEmulator.builder().holdTime(Duration.ofMillis(300)).build().start()) {
                assertThat(emu.sequenceModel()).isEqualTo(SequenceModel.REPLY_COUNTER);
                Visitor v = new RestClient(emu.baseUrl()).newVisitor();
                v.init();
                emu.session(v.id).accept("Ann");
                assertThat(v.poll(-1).sequence()).as("two events in one reply, counted as one reply").isEqualTo(0);
            }
            assertThat(LiveAgentEmulator.builder().sequenceModel(SequenceModel.EVENT_INDEX).build().sequenceModel())
                    .as("an explicit model wins").isEqualTo(SequenceModel.EVENT_INDEX);
            System.setProperty(SequenceModel.PROPERTY, "by-reply");
            assertThatThrownBy(() -> LiveAgentEmulator.builder().build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(SequenceModel.PROPERTY).hasMessageContaining("by-reply")
                    .hasMessageContaining("event-index, reply-counter");
            System.clearProperty(SequenceModel.PROPERTY);
            assertThat(LiveAgentEmulator.builder().build().sequenceModel()).isEqualTo(SequenceModel.EVENT_INDEX);
        } finally {
            if (before == null) {
                System.clearProperty(SequenceModel.PROPERTY);
            } else {
                System.setProperty(SequenceModel.PROPERTY, before);
            }
        }
    }

    @Test
    void commandLineSwitch() {
        try (LiveAgentEmulator emu = Main.parse(new String[]{"--sequence-model", "reply-counter"}).build().start()) {
            assertThat(emu.sequenceModel()).isEqualTo(SequenceModel.REPLY_COUNTER);
        }
        assertThat(Main.parse(new String[]{"--sequence-model", "event-index"}).build().sequenceModel())
                .isEqualTo(SequenceModel.EVENT_INDEX);
        assertThatThrownBy(() -> Main.parse(new String[]{"--sequence-model", "counter"}))
                .hasMessageContaining("--sequence-model").hasMessageContaining("event-index, reply-counter");
        assertThat(Main.USAGE).contains("--sequence-model");
    }
}
