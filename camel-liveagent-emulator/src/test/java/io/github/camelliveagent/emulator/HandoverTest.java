package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.RestClient;
import io.github.camelliveagent.emulator.support.Visitor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class HandoverTest extends EmulatorTestBase {

    /** An active chat in which the agent said "hello" and the visitor "hi there". */
    private Visitor chatting() {
        Visitor v = activeVisitor();
        emu.session(v.id).agentMessage("hello");
        v.message("hi there");
        return v;
    }

    /** ReconnectSession after a hand-over; the visitor then sends the new affinity token. */
    private static void reconnect(Visitor v) {
        v.affinity = v.reconnect("null").message("ReconnectSession").path("affinityToken").asText();
    }

    /** The text of the index-th message of a poll reply. */
    private static String textOfMessage(Reply r, int index) {
        return r.json().path("messages").get(index).path("message").path("text").asText();
    }

    /** Polls (and so acknowledges) everything so far, then has the agent say text and polls that alone. */
    private Reply pollAgentMessage(Visitor v, String text) {
        long acked = v.poll(-1).sequence();
        emu.session(v.id).agentMessage(text);
        return v.poll(acked);
    }

    @Test
    void fullHandoverFlow() {
        Visitor v = chatting();
        EmulatedSession s = emu.session(v.id);
        long ack = v.poll(-1).sequence();
        String oldAffinity = v.affinity;

        CompletableFuture<Reply> held = heldPoll(v, ack);
        s.faults().handover();
        assertThat(held.join().status()).as("the held poll is cut off").isEqualTo(503);
        assertThat(s.state()).isEqualTo(SessionState.HANDOVER);

        // 503 for every call until ReconnectSession
        assertThat(v.poll(ack).status()).isEqualTo(503);
        assertThat(v.message("lost?").status()).isEqualTo(503);
        // agent keeps talking meanwhile: it must survive in ChasitorSessionData
        s.agentMessage("are you still there?");

        Reply reconnect = v.reconnect("null");
        assertThat(reconnect.status()).isEqualTo(200);
        assertThat(reconnect.types()).containsExactly("ReconnectSession");
        var rm = reconnect.message("ReconnectSession");
        assertThat(rm.path("resetSequence").asBoolean()).isTrue();
        String newAffinity = rm.path("affinityToken").asText();
        assertThat(newAffinity).matches("[0-9a-f]{8}").isNotEqualTo(oldAffinity);
        assertThat(s.affinityToken()).isEqualTo(newAffinity);

        // the old affinity is now refused
        assertThat(v.poll(ack).status()).isEqualTo(403);
        v.affinity = newAffinity;
        v.resetSequence();

        // POSTs other than ChasitorResyncState before the resync: 500
        assertThat(v.postWithSequence("ChatMessage", 1, "{\"text\":\"too soon\"}").status()).isEqualTo(500);

        // the next poll starts with ChasitorSessionData, whatever ack the client resumes with
        Reply data = v.poll(-1);
        // the snapshot first, then what the client had not acknowledged: the message sent during the hand-over
        assertThat(data.types()).containsExactly("ChasitorSessionData", "ChatMessage");
        assertThat(data.message("ChatMessage").path("text").asText()).isEqualTo("are you still there?");
        var sd = data.message("ChasitorSessionData");
        assertThat(sd.has("queuePosition")).isTrue();
        assertThat(sd.has("sneakPeekEnabled")).isTrue();
        assertThat(sd.path("chatMessages")).extracting(n -> n.path("type").asText() + ":" + n.path("content").asText())
                .containsExactly("Agent:hello", "Chasitor:hi there", "Agent:are you still there?");
        assertThat(sd.path("chatMessages").get(1).path("name").asText()).isEqualTo("Vera");
        assertThat(sd.path("chatMessages").get(0).path("timestamp").asLong()).isPositive();
        assertThat(sd.path("chatMessages").get(2).path("sequence").asInt()).isEqualTo(3);

        // resync carries no sequence; afterwards the POST sequence restarts at 1
        assertThat(v.postWithoutSequence("ChasitorResyncState", "{\"organizationId\":\"" + Visitor.ORG + "\"}").status())
                .isEqualTo(200);
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(v.postWithSequence("ChatMessage", 1, "{\"text\":\"back again\"}").status()).isEqualTo(200);
        assertThat(s.transcript().visitorMessages()).containsExactly("hi there", "back again");
        assertThat(s.transcript().agentMessages()).as("re-sent events are not new transcript entries")
                .containsExactly("hello", "are you still there?");
        s.agentMessage("welcome back");
        Reply next = v.poll(data.sequence());
        assertThat(next.types()).containsExactly("ChatMessage");
        assertThat(next.sequence()).isEqualTo(data.sequence() + 1);
    }

    @Test
    void handoverResendsWhatFollowsTheOffsetTheClientNames() {
        Visitor v = chatting();
        EmulatedSession s = emu.session(v.id);
        Reply processed = v.poll(-1);                   // ChatRequestSuccess, ChatEstablished, ChatMessage(hello)
        long acked = processed.sequence();
        long processedOffset = processed.json().path("offset").asLong();
        s.agentMessage("delivered, never processed");
        Reply unacked = v.poll(acked);
        assertThat(unacked.types()).containsExactly("ChatMessage");
        assertThat(unacked.json().path("offset").asLong()).as("offsets increase").isGreaterThan(processedOffset);
        s.faults().handover();
        s.agentMessage("sent during the hand-over");
        // the client names the offset of the last reply it processed, not of the last one it received
        v.offset = processedOffset;
        reconnect(v);
        Reply data = v.poll(acked);
        assertThat(data.types()).containsExactly("ChasitorSessionData", "ChatMessage", "ChatMessage");
        assertThat(textOfMessage(data, 1)).isEqualTo("delivered, never processed");
        assertThat(textOfMessage(data, 2)).isEqualTo("sent during the hand-over");
        // indices stay consecutive: sequence - count + 1 is the snapshot's index, right after the old stream
        assertThat(data.sequence() - data.types().size() + 1).isEqualTo(unacked.sequence() + 2);
        assertThat(v.poll(data.sequence()).status()).isEqualTo(204);
    }

    @Test
    void aClientResumingWithItsOwnAckGetsNoDuplicates() {
        Visitor v = chatting();
        EmulatedSession s = emu.session(v.id);
        Reply got = pollAgentMessage(v, "processed by the client, ack not yet sent");
        s.faults().handover();
        s.agentMessage("sent during the hand-over");
        reconnect(v);
        s.agentMessage("sent after ReconnectSession");
        Reply data = v.poll(got.sequence()); // the client resumes with the ack it would have sent next
        assertThat(data.types()).containsExactly("ChasitorSessionData", "ChatMessage", "ChatMessage");
        assertThat(textOfMessage(data, 1)).isEqualTo("sent during the hand-over");
        assertThat(textOfMessage(data, 2)).isEqualTo("sent after ReconnectSession");
        Reply again = v.poll(-1); // reply lost, client retries from scratch: same stream again, nothing older
        assertThat(again.body()).isEqualTo(data.body());
    }

    @Test
    void theOffsetOfTheLatestReplyMeansNothingIsResent() {
        Visitor v = chatting();
        EmulatedSession s = emu.session(v.id);
        pollAgentMessage(v, "seen");
        s.faults().handover();
        reconnect(v);
        assertThat(v.poll(-1).types()).containsExactly("ChasitorSessionData");
    }

    @Test
    void offsetZeroMeansNoReplyReceivedAndEverythingIsResent() {
        Visitor v = chatting();
        EmulatedSession s = emu.session(v.id);
        s.faults().handover();
        v.affinity = v.reconnect("null", "ReconnectSession.offset=0").message("ReconnectSession").path("affinityToken").asText();
        assertThat(v.poll(-1).types())
                .containsExactly("ChasitorSessionData", "ChatRequestSuccess", "ChatEstablished", "ChatMessage");
    }

    @Test
    void aMissingOrImpossibleOffsetIs400AndTheHandoverStaysPending() {
        Visitor v = chatting();
        EmulatedSession s = emu.session(v.id);
        Reply got = v.poll(-1);
        long offset = got.json().path("offset").asLong();
        s.faults().handover();
        Reply missing = v.reconnect("null", "");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("ReconnectSession.offset");
        Reply notANumber = v.reconnect("null", "ReconnectSession.offset=undefined");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.body()).contains("ReconnectSession.offset");
        for (long impossible : new long[]{offset + 1, offset + 1024, -1, 1}) { // never sent by this session
            Reply r = v.reconnect("null", "ReconnectSession.offset=" + impossible);
            assertThat(r.status()).as("offset " + impossible).isEqualTo(400);
            assertThat(r.body()).contains("ReconnectSession.offset");
        }
        assertThat(s.state()).isEqualTo(SessionState.HANDOVER);
        Reply ok = v.reconnect("null", "ReconnectSession.offset=" + offset);
        assertThat(ok.status()).isEqualTo(200);
        v.affinity = ok.message("ReconnectSession").path("affinityToken").asText();
        assertThat(v.poll(got.sequence()).types()).containsExactly("ChasitorSessionData");
    }

    @Test
    void reconnectAcceptsTheOldAffinityToo() {
        Visitor v = chatting();
        emu.session(v.id).faults().handover();
        Reply r = v.reconnect(v.affinity);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.message("ReconnectSession").path("affinityToken").asText()).isNotEqualTo(v.affinity);
    }

    @Test
    void reconnectWithoutPendingHandoverIs405() {
        Visitor v = chatting();
        assertThat(v.reconnect("null").status()).isEqualTo(405);
        assertThat(v.reconnect(v.affinity).status()).isEqualTo(405);
    }

    @Test
    void reconnectNeedsTheSessionKey() {
        Visitor v = chatting();
        emu.session(v.id).faults().handover();
        Reply r = client.get("/chat/rest/System/ReconnectSession?ReconnectSession.offset=1", RestClient.VERSION, "42",
                RestClient.AFFINITY, "null", RestClient.KEY, "wrong");
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void globalHandoverHitsEverySession() {
        Visitor a = chatting();
        Visitor b = chatting();
        emu.faults().handover();
        assertThat(a.poll(-1).status()).isEqualTo(503);
        assertThat(b.message("x").status()).isEqualTo(503);
        assertThat(a.reconnect("null").status()).isEqualTo(200);
        assertThat(b.reconnect("null").status()).isEqualTo(200);
    }
}
