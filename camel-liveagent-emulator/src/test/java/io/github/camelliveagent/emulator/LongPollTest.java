package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LongPollTest extends EmulatorTestBase {

    @Override
    protected LiveAgentEmulator.Builder emulatorConfig() {
        return eventIndexBuilder().holdTime(Duration.ofMillis(800));
    }

    /** A queued visitor that has already polled (and so acknowledges) its ChatRequestSuccess. */
    private Visitor queuedPastChatRequestSuccess() {
        Visitor v = queuedVisitor();
        v.poll(-1);
        return v;
    }

    @Test
    void pollWithoutNewEventsIsHeldThenAnswered204() {
        Visitor v = queuedVisitor();
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
        Visitor v = queuedPastChatRequestSuccess();
        EmulatedSession s = emu.session(v.id);
        CompletableFuture<Reply> held = heldPoll(v, 0);
        s.accept("Ann");
        Reply r = held.join();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.types()).containsExactly("ChatEstablished");
        assertThat(r.sequence()).isEqualTo(1);
        assertThat(s.pollInFlight()).isFalse();
    }

    @Test
    void eventsAfterTheAckAreDeliveredAgainUntilAcknowledged() {
        Visitor v = queuedVisitor();
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
        Visitor v = queuedVisitor();
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
        Visitor v = queuedPastChatRequestSuccess();
        EmulatedSession s = emu.session(v.id);
        CompletableFuture<Reply> first = heldPoll(v, 0);
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
        Visitor v = queuedPastChatRequestSuccess();
        EmulatedSession s = emu.session(v.id);
        CompletableFuture<Reply> abandoned = heldPoll(v, 0);
        abandoned.cancel(true); // JDK client: cancelling does not close the connection, so the poll stays held
        // the held poll ends with its hold time; the next poll is then the only one
        await().atMost(Duration.ofSeconds(5)).until(() -> !s.pollInFlight());
        assertThat(v.poll(0).status()).isEqualTo(204);
        assertThat(s.conflictCount()).isZero();
    }
}
