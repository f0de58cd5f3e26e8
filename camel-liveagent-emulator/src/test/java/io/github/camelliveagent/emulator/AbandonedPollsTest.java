package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.session.AbandonedPolls;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A held poll whose client closes the connection: released at once, or held until the server would answer. */
class AbandonedPollsTest {

    private static LiveAgentEmulator start(AbandonedPolls policy, Duration hold) {
        return EmulatorTestBase.eventIndexBuilder().holdTime(hold).abandonedPolls(policy).build().start();
    }

    /** A queued visitor that has taken its ChatRequestSuccess. */
    private static Visitor queued(LiveAgentEmulator emu) {
        Visitor v = new RestClient(emu.baseUrl()).newVisitor();
        assertThat(v.init().status()).isEqualTo(200);
        assertThat(v.poll(-1).types()).containsExactly("ChatRequestSuccess");
        return v;
    }

    /** Sends a Messages poll on a raw socket, waits until the emulator holds it, then closes the connection. */
    private static void abandonPoll(LiveAgentEmulator emu, Visitor v, long ack) throws Exception {
        EmulatedSession s = emu.session(v.id);
        try (Socket socket = new Socket("127.0.0.1", emu.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /chat/rest/System/Messages?ack=" + ack + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-LIVEAGENT-API-VERSION: 42\r\nX-LIVEAGENT-AFFINITY: " + v.affinity + "\r\n"
                    + "X-LIVEAGENT-SESSION-KEY: " + v.key + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(5)).until(s::pollInFlight);
        }
    }

    @Test
    void releaseFreesTheSlotWhenTheConnectionCloses() throws Exception {
        try (LiveAgentEmulator emu = start(AbandonedPolls.RELEASE, Duration.ofSeconds(20))) {
            assertThat(emu.abandonedPolls()).isEqualTo(AbandonedPolls.RELEASE);
            Visitor v = queued(emu);
            EmulatedSession s = emu.session(v.id);
            abandonPoll(emu, v, 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> !s.pollInFlight());
            s.accept("Ann");
            Reply next = v.poll(0); // at once, long before the 20 s hold would have ended
            assertThat(next.types()).containsExactly("ChatEstablished");
            assertThat(s.conflictCount()).isZero();
        }
    }

    @Test
    void holdKeepsTheSlotSoAnEarlyNewPollIsADuplicate() throws Exception {
        try (LiveAgentEmulator emu = start(AbandonedPolls.HOLD, Duration.ofSeconds(20))) {
            Visitor v = queued(emu);
            EmulatedSession s = emu.session(v.id);
            abandonPoll(emu, v, 0);
            assertThat(s.pollInFlight()).as("still held after the close").isTrue();
            Reply next = v.poll(0);
            assertThat(next.status()).isEqualTo(409);
            assertThat(s.conflictCount()).isEqualTo(1);
            assertThat(s.state()).isEqualTo(SessionState.GONE);
        }
    }

    @Test
    void holdFreesTheSlotWhenTheServerWouldHaveAnswered() throws Exception {
        try (LiveAgentEmulator emu = start(AbandonedPolls.HOLD, Duration.ofMillis(600))) {
            Visitor v = queued(emu);
            EmulatedSession s = emu.session(v.id);
            abandonPoll(emu, v, 0);
            assertThat(s.pollInFlight()).isTrue();
            // the hold time ends: the 204 goes nowhere and the slot is free
            await().atMost(Duration.ofSeconds(5)).until(() -> !s.pollInFlight());
            s.accept("Ann");
            assertThat(v.poll(0).types()).containsExactly("ChatEstablished");
            // an event also answers (and so frees) an abandoned held poll; what it carried is sent again
            long ack = 1;
            abandonPoll(emu, v, ack);
            s.agentMessage("into the void");
            await().atMost(Duration.ofSeconds(5)).until(() -> !s.pollInFlight());
            Reply again = v.poll(ack);
            assertThat(again.types()).containsExactly("ChatMessage");
            assertThat(s.conflictCount()).isZero();
        }
    }

    @Test
    void commandLineAndBuilders() {
        assertThat(Main.parse(new String[]{"--abandoned-polls", "hold"}).build().abandonedPolls()).isEqualTo(AbandonedPolls.HOLD);
        assertThat(Main.parse(new String[]{}).build().abandonedPolls()).isEqualTo(AbandonedPolls.RELEASE);
        assertThatThrownBy(() -> Main.parse(new String[]{"--abandoned-polls", "keep"}))
                .hasMessageContaining("--abandoned-polls").hasMessageContaining("release, hold");
        assertThat(Main.USAGE).contains("--abandoned-polls");
    }
}
