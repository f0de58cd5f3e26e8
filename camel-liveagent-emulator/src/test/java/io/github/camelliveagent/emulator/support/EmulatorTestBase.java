package io.github.camelliveagent.emulator.support;

import io.github.camelliveagent.emulator.LiveAgentEmulator;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SequenceModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One emulator on a free loopback port and one {@link RestClient} for a whole test class, plus the visitor
 * set-ups the tests share. Per-class test instance, so each subclass has its own emulator (no shared statics);
 * override {@link #emulatorConfig()} for another hold time or poll timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EmulatorTestBase {

    protected LiveAgentEmulator emu;
    protected RestClient client;

    /** The emulator's configuration: by default a 500 ms hold time. */
    protected LiveAgentEmulator.Builder emulatorConfig() {
        return eventIndexBuilder().holdTime(Duration.ofMillis(500));
    }

    /**
     * A builder pinned to the event-index sequence model: these tests check the emulator's own rules, so a run
     * with {@code -Dliveagent.emulator.sequenceModel=reply-counter} (meant for client suites) must not change them.
     */
    public static LiveAgentEmulator.Builder eventIndexBuilder() {
        return LiveAgentEmulator.builder().sequenceModel(SequenceModel.EVENT_INDEX);
    }

    @BeforeAll
    protected final void startEmulator() {
        emu = emulatorConfig().build().start();
        client = new RestClient(emu.baseUrl());
    }

    @AfterAll
    protected final void stopEmulator() {
        emu.close();
    }

    /** A new visitor whose ChasitorInit was answered 200: its session is QUEUED. */
    protected Visitor queuedVisitor() {
        Visitor v = client.newVisitor();
        assertThat(v.init().status()).isEqualTo(200);
        return v;
    }

    /** A queued visitor whose chat agent "Ann" has accepted: its session is ACTIVE. */
    protected Visitor activeVisitor() {
        Visitor v = queuedVisitor();
        emu.session(v.id).accept("Ann");
        return v;
    }

    /** Starts a poll and waits until the emulator holds it. */
    protected CompletableFuture<Reply> heldPoll(Visitor v, long ack) {
        EmulatedSession s = emu.session(v.id);
        CompletableFuture<Reply> held = v.pollAsync(ack);
        await().atMost(Duration.ofSeconds(5)).until(s::pollInFlight);
        return held;
    }
}
