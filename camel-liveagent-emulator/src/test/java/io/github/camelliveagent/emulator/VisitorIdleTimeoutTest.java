package io.github.camelliveagent.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer time-out (spec §5.2) over real HTTP: announced in ChatEstablished, and a visitor who ignores the idle
 * warning has the chat ended by the server with {@code ChatEnded {reason: clientIdleTimeout}}. Only lower time bounds
 * are asserted, so a slow machine cannot make the test fail.
 */
class VisitorIdleTimeoutTest extends EmulatorTestBase {

    @Override
    protected LiveAgentEmulator.Builder emulatorConfig() {
        return LiveAgentEmulator.builder().holdTime(Duration.ofMillis(500))
                .visitorIdleTimeout(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void chatEstablishedAnnouncesTheTimeOutAndAnIdleVisitorsChatEndsWithClientIdleTimeout() {
        Visitor v = queuedVisitor();
        long accepted = System.nanoTime();
        emu.session(v.id).accept("Ann");
        Reply established = v.poll(-1);
        JsonNode idle = established.message("ChatEstablished").path("chasitorIdleTimeout");
        assertThat(idle.path("isEnabled").asBoolean()).isTrue();
        assertThat(idle.path("warningTime").asInt()).isEqualTo(1);
        assertThat(idle.path("timeout").asInt()).isEqualTo(2);
        // the visitor's client shows the warning; the visitor ignores it
        assertThat(v.post("ChasitorIdleTimeoutWarningEvent", "{\"idleTimeoutWarningEvent\":\"triggered\"}").status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> emu.session(v.id).state() == SessionState.ENDED);
        long endedAfterMs = (System.nanoTime() - accepted) / 1_000_000;
        System.out.println("idle chat ended after " + endedAfterMs + " ms (timeout 2000 ms)");
        assertThat(endedAfterMs).isGreaterThanOrEqualTo(2000);
        Reply end = v.poll(established.sequence());
        assertThat(end.types()).containsExactly("ChatEnded");
        assertThat(end.message("ChatEnded").path("reason").asText()).isEqualTo("clientIdleTimeout");
        assertThat(v.message("sorry, I am back").status()).isEqualTo(403);
    }

    @Test
    void visitorActivityRestartsTheTimeOut() {
        Visitor v = queuedVisitor();
        long accepted = System.nanoTime();
        emu.session(v.id).accept("Ann");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> elapsedMs(accepted) >= 1200);
        assertThat(v.message("still here").status()).isEqualTo(200);
        long active = System.nanoTime();

        // 2.5 s after the agent arrived (2 s is the time-out) the chat is still open: the message restarted it
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> elapsedMs(accepted) >= 2500);
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.ACTIVE);

        await().atMost(Duration.ofSeconds(20)).until(() -> emu.session(v.id).state() == SessionState.ENDED);
        assertThat(elapsedMs(active)).isGreaterThanOrEqualTo(2000);
        assertThat(emu.session(v.id).transcript().events()).last()
                .satisfies(e -> assertThat(e.body()).contains("clientIdleTimeout"));
    }

    private static long elapsedMs(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }
}
