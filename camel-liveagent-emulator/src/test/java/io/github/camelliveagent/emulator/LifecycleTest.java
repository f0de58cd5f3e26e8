package io.github.camelliveagent.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.Visitor;
import io.github.camelliveagent.emulator.transcript.Direction;
import io.github.camelliveagent.emulator.transcript.TranscriptEntry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.camelliveagent.emulator.support.RestClient.AFFINITY;
import static io.github.camelliveagent.emulator.support.RestClient.KEY;
import static io.github.camelliveagent.emulator.support.RestClient.SEQUENCE;
import static io.github.camelliveagent.emulator.support.RestClient.VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleTest extends EmulatorTestBase {

    /** The chat the visitor ended is ENDED; the poll after ack brings only the final ChatEnded, reason "client". */
    private Reply assertEndedByTheVisitor(Visitor v, long ack) {
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.ENDED);
        Reply last = v.poll(ack);
        assertThat(last.types()).containsExactly("ChatEnded");
        assertThat(last.message("ChatEnded").path("reason").asText()).isEqualTo("client");
        return last;
    }

    /** A MultiNoun batch, sent with POST sequence 2 (right after ChasitorInit). */
    private Reply postMultiNoun(Visitor v, String batch) {
        return client.send("POST", "/chat/rest/System/MultiNoun", batch, VERSION, "42", AFFINITY, v.affinity, KEY, v.key,
                SEQUENCE, "2");
    }

    @Test
    void fullChatEndedByTheAgent() {
        Visitor v = client.newVisitor();
        EmulatedSession s = emu.session(v.id);
        assertThat(s.visitorName()).isNull();
        v.init();
        s.queueUpdate(2);
        s.accept("Ann");
        s.agentTyping();
        s.agentMessage("Hello, how can I help?");
        s.agentNotTyping();
        Reply r = v.poll(-1);
        assertThat(r.types()).containsExactly("ChatRequestSuccess", "QueueUpdate", "ChatEstablished", "AgentTyping",
                "ChatMessage", "AgentNotTyping");
        assertThat(r.message("QueueUpdate").path("position").asInt()).isEqualTo(2);
        assertThat(r.message("ChatMessage").path("text").asText()).isEqualTo("Hello, how can I help?");
        assertThat(r.message("ChatMessage").path("name").asText()).isEqualTo("Ann");
        assertThat(r.message("ChatMessage").path("agentId").asText()).startsWith("005");
        assertThat(s.state()).isEqualTo(SessionState.ACTIVE);

        assertThat(v.message("my printer is on fire").status()).isEqualTo(200);
        assertThat(v.post("ChasitorTyping", "{}").status()).isEqualTo(200);
        assertThat(v.post("ChasitorSneakPeek", "{\"position\":0,\"text\":\"thank\"}").status()).isEqualTo(200);
        assertThat(v.post("ChasitorNotTyping", "{}").status()).isEqualTo(200);
        assertThat(v.post("CustomEvent", "{\"type\":\"page\",\"data\":\"/help\"}").status()).isEqualTo(200);

        s.transfer("Bob");
        s.customEvent("survey", "{\"q\":1}");
        s.fileTransfer("Requested");
        s.agentDisconnect();
        s.endChat();
        Reply rest = v.poll(r.sequence());
        assertThat(rest.types()).containsExactly("ChatTransferred", "CustomEvent", "FileTransfer", "AgentDisconnect", "ChatEnded");
        assertThat(rest.message("ChatTransferred").path("name").asText()).isEqualTo("Bob");
        assertThat(rest.message("CustomEvent").path("data").asText()).isEqualTo("{\"q\":1}");
        assertThat(rest.message("FileTransfer").path("type").asText()).isEqualTo("Requested");
        assertThat(rest.message("FileTransfer").path("uploadServletUrl").asText()).startsWith(emu.baseUrl());
        assertThat(rest.message("FileTransfer").path("fileToken").asText()).isNotEmpty();
        assertThat(rest.message("ChatEnded").path("reason").asText()).isEqualTo("agent");
        assertThat(s.state()).isEqualTo(SessionState.ENDED);

        assertThat(v.message("hello?").status()).isEqualTo(403);
        assertThat(v.poll(rest.sequence()).status()).as("drained").isEqualTo(403);
        assertThat(s.state()).isEqualTo(SessionState.GONE);
    }

    @Test
    void visitorChatEndStillDeliversTheFinalChatEnded() {
        Visitor v = activeVisitor();
        EmulatedSession s = emu.session(v.id);
        long seq = v.poll(-1).sequence();
        assertThat(v.post("ChatEnd", "{\"reason\":\"client\"}").status()).isEqualTo(200);
        Reply last = assertEndedByTheVisitor(v, seq);
        assertThat(v.post("ChatEnd", "{\"reason\":\"client\"}").status()).isEqualTo(403);
        assertThat(v.poll(last.sequence()).status()).isEqualTo(403);
    }

    @Test
    void chatEndRequiresAReason() {
        Visitor v = queuedVisitor();
        Reply r = v.post("ChatEnd", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("reason");
    }

    @Test
    void deleteWithPercentEncodedKeyEndsTheChat() {
        Visitor v = activeVisitor();
        EmulatedSession s = emu.session(v.id);
        long seq = v.poll(-1).sequence();
        assertThat(v.delete().status()).isEqualTo(200);
        Reply last = assertEndedByTheVisitor(v, seq);
        assertThat(v.message("x").status()).isEqualTo(403);
        assertThat(v.poll(last.sequence()).status()).isEqualTo(403);
    }

    @Test
    void deleteWithTheKeyNotEncodedAtAllWorksToo() {
        Visitor v = queuedVisitor();
        // the SDK does not escape the key; only '+' would change meaning, in a query string, not in a path
        Reply r = client.send("DELETE", "/chat/rest/System/SessionId/" + v.key.replace("+", "%2B"), null, VERSION, "42",
                AFFINITY, v.affinity);
        assertThat(r.status()).isEqualTo(200);
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.ENDED);
    }

    @Test
    void deleteWithUnknownKeyIs403() {
        Reply r = client.send("DELETE", "/chat/rest/System/SessionId/not-a-key", null, VERSION, "42", AFFINITY, "null");
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void multiNounAcceptsObjectAndDataPayloadsUnderOneSequence() {
        Visitor v = activeVisitor();
        EmulatedSession s = emu.session(v.id);
        String batch = "{\"nouns\":[{\"prefix\":\"Chasitor\",\"noun\":\"ChatMessage\",\"object\":{\"text\":\"one\"}},"
                + "{\"prefix\":\"Chasitor\",\"noun\":\"ChatMessage\",\"data\":\"{\\\"text\\\":\\\"two\\\"}\"},"
                + "{\"prefix\":\"Chasitor\",\"noun\":\"ChatEnd\",\"object\":{\"reason\":\"client\"}}]}";
        Reply r = postMultiNoun(v, batch);
        assertThat(r.status()).isEqualTo(200);
        assertThat(s.transcript().visitorMessages()).containsExactly("one", "two");
        assertThat(s.transcript().visitorPosts()).extracting(TranscriptEntry::type).containsExactly("ChasitorInit",
                "ChatMessage", "ChatMessage", "ChatEnd");
        assertThat(s.transcript().visitorPosts().subList(1, 4)).allMatch(e -> e.sequence() == 2);
        assertThat(s.state()).isEqualTo(SessionState.ENDED);
    }

    @Test
    void multiNounWithUnknownNounIs400AndChangesNothing() {
        Visitor v = activeVisitor();
        String batch = "{\"nouns\":[{\"prefix\":\"Chasitor\",\"noun\":\"ChatMessage\",\"object\":{\"text\":\"one\"}},"
                + "{\"prefix\":\"Chasitor\",\"noun\":\"Teleport\",\"object\":{}}]}";
        Reply r = postMultiNoun(v, batch);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("Teleport");
        assertThat(emu.session(v.id).transcript().visitorMessages()).isEmpty();
    }

    @Test
    void transcriptRecordsPostsAndEventsInOrder() throws Exception {
        Visitor v = activeVisitor();
        EmulatedSession s = emu.session(v.id);
        v.message("hi");
        s.agentMessage("hello");
        v.message("bye");
        var entries = s.transcript().entries();
        assertThat(entries).extracting(TranscriptEntry::direction, TranscriptEntry::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Direction.VISITOR, "ChasitorInit"),
                org.assertj.core.groups.Tuple.tuple(Direction.SERVER, "ChatRequestSuccess"),
                org.assertj.core.groups.Tuple.tuple(Direction.SERVER, "ChatEstablished"),
                org.assertj.core.groups.Tuple.tuple(Direction.VISITOR, "ChatMessage"),
                org.assertj.core.groups.Tuple.tuple(Direction.SERVER, "ChatMessage"),
                org.assertj.core.groups.Tuple.tuple(Direction.VISITOR, "ChatMessage"));
        assertThat(s.transcript().events()).extracting(TranscriptEntry::sequence).containsExactly(0L, 1L, 2L);
        assertThat(new ObjectMapper().readTree(s.transcript().events().get(2).body()).path("text").asText()).isEqualTo("hello");
        assertThat(s.transcript().visitorMessages()).containsExactly("hi", "bye");
        assertThat(s.transcript().agentMessages()).containsExactly("hello");
        assertThat(s.transcript().visitorPosts()).extracting(TranscriptEntry::sequence).containsExactly(1L, 2L, 3L);
        assertThat(entries).allMatch(e -> e.at() != null);
    }

    @Test
    void agentActionsInTheWrongStateAreRefused() {
        Visitor v = client.newVisitor();
        EmulatedSession s = emu.session(v.id);
        assertThatThrownBy(() -> s.accept("Ann")).isInstanceOf(IllegalStateException.class);
        v.init();
        assertThatThrownBy(() -> s.agentMessage("too early")).isInstanceOf(IllegalStateException.class);
        s.reject("Unavailable");
        assertThat(v.poll(-1).message("ChatRequestFail").path("reason").asText()).isEqualTo("Unavailable");
        assertThat(s.state()).isEqualTo(SessionState.ENDED);
        assertThatThrownBy(s::endChat).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emitDeliversAnyEventTypeVerbatim() throws Exception {
        Visitor v = client.newVisitor();
        EmulatedSession s = emu.session(v.id);
        v.init();
        s.emit("SomethingNew", new ObjectMapper().readTree("{\"x\":[1,2]}"));
        Reply r = v.poll(0);
        assertThat(r.types()).containsExactly("SomethingNew");
        assertThat(r.message("SomethingNew").path("x").get(1).asInt()).isEqualTo(2);
        assertThat(s.state()).isEqualTo(SessionState.QUEUED);
    }

    @Test
    void sessionsAreListedAndUnknownIdsRefused() {
        Visitor v = client.newVisitor();
        assertThat(emu.sessions()).extracting(EmulatedSession::id).contains(v.id);
        assertThat(emu.awaitSession(v.id, Duration.ofSeconds(1)).id()).isEqualTo(v.id);
        assertThatThrownBy(() -> emu.session("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emu.awaitSession("nope", Duration.ofMillis(50))).isInstanceOf(IllegalStateException.class);
    }
}
