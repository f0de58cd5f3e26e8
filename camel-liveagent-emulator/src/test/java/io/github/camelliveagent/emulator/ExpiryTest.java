package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ExpiryTest extends EmulatorTestBase {

    @Override
    protected LiveAgentEmulator.Builder emulatorConfig() {
        // hold shorter than the poll timeout, as on the real service (30 s vs 40 s)
        return eventIndexBuilder().holdTime(Duration.ofMillis(400)).clientPollTimeout(Duration.ofSeconds(1));
    }

    @Test
    void sessionIdAnnouncesTheConfiguredTimeout() {
        assertThat(client.newVisitor().sessionIdReply.path("clientPollTimeout").asInt()).isEqualTo(1);
    }

    @Test
    void sessionWithoutPollsExpiresAndThenAnswers403() {
        Visitor v = client.newVisitor();
        v.init();
        EmulatedSession s = emu.session(v.id);
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == SessionState.GONE);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(700));
        assertThat(v.poll(-1).status()).isEqualTo(403);
        assertThat(v.message("late").status()).isEqualTo(403);
    }

    @Test
    void sessionThatKeepsPollingDoesNotExpire() {
        Visitor v = client.newVisitor();
        v.init();
        EmulatedSession s = emu.session(v.id);
        long ack = v.poll(-1).sequence();
        long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        while (System.nanoTime() < until) {
            assertThat(v.poll(ack).status()).isEqualTo(204); // each poll is held ~400 ms: a real long-poll loop
        }
        assertThat(s.state()).isEqualTo(SessionState.QUEUED);
    }
}
