package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LongPollTest {

    static LiveAgentEmulator emu;
    static RestClient client;

    @BeforeAll
    static void start() {
        emu = LiveAgentEmulator.builder().holdTime(Duration.ofMillis(800)).build().start();
        client = new RestClient(emu.baseUrl());
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    private Visitor queued() {
        Visitor v = client.newVisitor();
        assertThat(v.init().status()).isEqualTo(200);
        return v;
    }

    @Test
    void pollWithoutNewEventsIsHeldThenAnswered204() {
        Visitor v = queued();
        assertThat(v.poll(-1).types()).containsExactly("ChatRequestSuccess");
        long t0 = System.nanoTime();
        Reply r = v.poll(0);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(ms).isBetween(700L, 5000L);
    }

    @Test
    void eventWakesAHeldPollAtOnce() {
        Visitor v = queued();
        v.poll(-1);
        EmulatedSession s = emu.session(v.id);
        CompletableFuture<Reply> held = v.pollAsync(0);
        await().atMost(Duration.ofSeconds(5)).until(s::pollInFlight);
        s.accept("Ann");
        Reply r = held.join();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.types()).containsExactly("ChatEstablished");
        assertThat(r.sequence()).isEqualTo(1);
        assertThat(s.pollInFlight()).isFalse();
    }

    @Test
    void eventsAfterTheAckAreDeliveredAgainUntilAcknowledged() {
        Visitor v = queued();
        EmulatedSession s = emu.session(v.id);
        Reply first = v.poll(-1);
        assertThat(first.types()).containsExactly("ChatRequestSuccess");
        assertThat(first.sequence()).isZero();
        s.accept("Ann");
        s.agentMessage("hello");
        // the client "lost" the first reply: ack -1 again gets everything
        Reply again = v.poll(-1);
        assertThat(again.types()).containsExactly("ChatRequestSuccess", "ChatEstablished", "ChatMessage");
        assertThat(again.sequence()).isEqualTo(2);
        Reply fromOne = v.poll(0);
        assertThat(fromOne.types()).containsExactly("ChatEstablished", "ChatMessage");
        assertThat(fromOne.sequence()).isEqualTo(2);
        assertThat(fromOne.json().path("offset").asLong()).isGreaterThan(first.json().path("offset").asLong());
        assertThat(first.json().path("offset").asLong()).isGreaterThan(1_000_000L);
        assertThat(v.poll(2).status()).isEqualTo(204);
    }

    @Test
    void absentAckMeansEverythingAlreadyReturnedIsAcknowledged() {
        Visitor v = queued();
        EmulatedSession s = emu.session(v.id);
        assertThat(v.pollWithoutAck().types()).containsExactly("ChatRequestSuccess");
        s.accept("Ann");
        Reply r = v.pollWithoutAck();
        assertThat(r.types()).containsExactly("ChatEstablished");
        assertThat(r.sequence()).isEqualTo(1);
        assertThat(v.pollWithoutAck().status()).isEqualTo(204);
    }

    @Test
    void secondConcurrentPollIs409AndEndsTheChat() {
        Visitor v = queued();
        v.poll(-1);
        EmulatedSession s = emu.session(v.id);
        CompletableFuture<Reply> first = v.pollAsync(0);
        await().atMost(Duration.ofSeconds(5)).until(s::pollInFlight);
        Reply second = v.poll(0);
        assertThat(second.status()).isEqualTo(409);
        assertThat(first.join().status()).as("the held poll is answered too").isEqualTo(409);
        assertThat(s.conflictCount()).isEqualTo(1);
        assertThat(s.state()).isEqualTo(SessionState.GONE);
        assertThat(s.ended()).isTrue();
        assertThat(v.poll(0).status()).isEqualTo(403);
        assertThat(v.message("still there?").status()).isEqualTo(403);
    }

    @Test
    void clientThatAbandonsItsPollCanPollAgainWithoutConflict() {
        Visitor v = queued();
        v.poll(-1);
        EmulatedSession s = emu.session(v.id);
        CompletableFuture<Reply> abandoned = v.pollAsync(0);
        await().atMost(Duration.ofSeconds(5)).until(s::pollInFlight);
        abandoned.cancel(true); // JDK client: cancelling does not close the connection, so the poll stays held
        // the held poll ends with its hold time; the next poll is then the only one
        await().atMost(Duration.ofSeconds(5)).until(() -> !s.pollInFlight());
        assertThat(v.poll(0).status()).isEqualTo(204);
        assertThat(s.conflictCount()).isZero();
    }
}
