package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.Visitor;
import io.github.camelliveagent.emulator.transcript.TranscriptEntry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The queue that moves on its own, and agents declining or letting an offer time out, over real HTTP. */
class QueueTest extends EmulatorTestBase {

    @Override
    protected LiveAgentEmulator.Builder emulatorConfig() {
        return LiveAgentEmulator.builder().holdTime(Duration.ofMillis(500)).queueAdvance(3, Duration.ofMillis(300));
    }

    @Test
    void aQueuedChatMovesUpOnePlaceAtATimeToTheFront() {
        Visitor v = queuedVisitor();
        List<Reply> replies = new ArrayList<>();
        Reply first = v.poll(-1);
        replies.add(first);
        assertThat(first.message("ChatRequestSuccess").path("queuePosition").asInt()).isEqualTo(3);
        long[] ack = {first.sequence()};
        List<Integer> positions = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Reply r = v.poll(ack[0]);
            if (r.status() == 200) {
                ack[0] = r.sequence();
                r.json().path("messages").forEach(m -> positions.add(m.path("message").path("position").asInt()));
            }
            return positions.contains(1);
        });
        System.out.println("queue positions after 3: " + positions);
        assertThat(positions).containsExactly(2, 1);
        List<TranscriptEntry> updates = emu.session(v.id).transcript().events().stream()
                .filter(e -> e.type().equals("ChatRequestSuccess") || e.type().equals("QueueUpdate")).toList();
        for (int i = 1; i < updates.size(); i++) {
            assertThat(Duration.between(updates.get(i - 1).at(), updates.get(i).at())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
        // at the front it waits for an agent: no more updates
        assertThat(v.poll(ack[0]).status()).isEqualTo(204);
        assertThat(client.get("/emulator/sessions/" + v.id).json().path("queuePosition").asInt()).isEqualTo(1);
    }

    @Test
    void aDeclinedChatIsOfferedToAnotherAgentAndFailsWhenNoneIsLeft() {
        Visitor v = queuedVisitor();
        assertThat(client.send("POST", "/emulator/sessions/" + v.id + "/decline", "{\"anotherAgentLeft\":true}").status())
                .isEqualTo(200);
        assertThat(client.send("POST", "/emulator/sessions/" + v.id + "/push-timeout", "{}").status()).isEqualTo(200);
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.QUEUED);
        assertThat(emu.session(v.id).declines()).isEqualTo(2);
        assertThat(v.poll(-1).types()).doesNotContain("ChatRequestFail");

        assertThat(client.send("POST", "/emulator/sessions/" + v.id + "/decline", "{\"anotherAgentLeft\":false}").status())
                .isEqualTo(200);
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.ENDED);
        Reply r = v.poll(-1);
        assertThat(r.message("ChatRequestFail").path("reason").asText()).isEqualTo("Unavailable");

        Visitor other = queuedVisitor();
        emu.session(other.id).decline(true);
        emu.session(other.id).accept("Bob");
        assertThat(emu.session(other.id).state()).isEqualTo(SessionState.ACTIVE);
    }
}
