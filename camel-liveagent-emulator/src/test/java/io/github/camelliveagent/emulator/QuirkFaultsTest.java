package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The opt-in quirks integrators report (spec §6), switched on through the control API over real HTTP. */
class QuirkFaultsTest extends EmulatorTestBase {

    @Test
    void messagesSentInABurstAreAnswered200ButDropped() {
        Visitor v = activeVisitor();
        fault(v, "drop-burst-messages", "{\"windowMillis\":60000}");
        assertThat(v.message("one").status()).isEqualTo(200);
        assertThat(v.message("two").status()).isEqualTo(200);
        assertThat(v.message("three").status()).isEqualTo(200);
        System.out.println("burst: sent 3, server kept " + emu.session(v.id).transcript().visitorMessages().size());
        assertThat(emu.session(v.id).transcript().visitorMessages()).containsExactly("one");

        // the dropped messages consumed their sequence numbers: the next one in line is taken once the quirk is off
        fault(v, "drop-burst-messages", "{\"windowMillis\":0}");
        assertThat(v.sequence()).isEqualTo(4); // ChasitorInit + three messages
        assertThat(v.message("four").status()).isEqualTo(200);
        assertThat(emu.session(v.id).transcript().visitorMessages()).containsExactly("one", "four");
    }

    @Test
    void clearEndsTheBurstQuirk() {
        Visitor v = activeVisitor();
        fault(v, "drop-burst-messages", "{\"windowMillis\":60000}");
        fault(v, "clear", "{}");
        v.message("one");
        v.message("two");
        assertThat(emu.session(v.id).transcript().visitorMessages()).containsExactly("one", "two");
    }

    @Test
    void aStaleAgentTypingFollowsAgentNotTypingInTheSameReply() throws Exception {
        Visitor v = activeVisitor();
        long ack = v.poll(-1).sequence();
        emu.session(v.id).agentTyping();
        ack = v.poll(ack).sequence();
        fault(v, "typing-out-of-order", "{}");
        CompletableFuture<Reply> held = heldPoll(v, ack);
        emu.session(v.id).agentNotTyping();
        Reply r = held.get(10, TimeUnit.SECONDS);
        assertThat(r.types()).containsExactly("AgentNotTyping", "AgentTyping");

        // one-shot: the next AgentNotTyping comes alone
        CompletableFuture<Reply> next = heldPoll(v, r.sequence());
        emu.session(v.id).agentNotTyping();
        assertThat(next.get(10, TimeUnit.SECONDS).types()).containsExactly("AgentNotTyping");
    }

    private void fault(Visitor v, String name, String body) {
        Reply r = client.send("POST", "/emulator/sessions/" + v.id + "/faults/" + name, body);
        assertThat(r.status()).as("%s: %s", name, r.body()).isEqualTo(200);
    }
}
