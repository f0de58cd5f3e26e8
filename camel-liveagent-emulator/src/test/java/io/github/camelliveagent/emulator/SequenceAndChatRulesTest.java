package io.github.camelliveagent.emulator;

import io.github.camelliveagent.emulator.session.EmulatedSession;
import io.github.camelliveagent.emulator.session.SessionState;
import io.github.camelliveagent.emulator.support.EmulatorTestBase;
import io.github.camelliveagent.emulator.support.Reply;
import io.github.camelliveagent.emulator.support.Visitor;
import io.github.camelliveagent.emulator.transcript.TranscriptEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceAndChatRulesTest extends EmulatorTestBase {

    @BeforeEach
    void available() {
        emu.resetAvailability();
    }

    @Test
    void sequenceAheadOfNextIs409WithOutOfSyncText() {
        Visitor v = activeVisitor();
        Reply r = v.postWithSequence("ChatMessage", 5, "{\"text\":\"hi\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body()).isEqualTo("Out of sync Ack. Expected 5. Actual 1");
        assertThat(emu.session(v.id).transcript().visitorMessages()).isEmpty();
        assertThat(v.postWithSequence("ChatMessage", 2, "{\"text\":\"hi\"}").status()).isEqualTo(200);
        assertThat(emu.session(v.id).transcript().visitorMessages()).containsExactly("hi");
    }

    @Test
    void repeatedSequenceIsIgnoredWith200AndFlaggedAsDuplicate() {
        Visitor v = activeVisitor();
        assertThat(v.postWithSequence("ChatMessage", 2, "{\"text\":\"once\"}").status()).isEqualTo(200);
        Reply dup = v.postWithSequence("ChatMessage", 2, "{\"text\":\"once\"}");
        assertThat(dup.status()).isEqualTo(200);
        assertThat(dup.body()).isEqualTo("OK");
        assertThat(v.postWithSequence("ChatMessage", 1, "{\"text\":\"older\"}").status()).isEqualTo(200);
        EmulatedSession s = emu.session(v.id);
        assertThat(s.transcript().visitorMessages()).containsExactly("once");
        assertThat(s.transcript().visitorPosts()).extracting(TranscriptEntry::type, TranscriptEntry::sequence, TranscriptEntry::duplicate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ChasitorInit", 1L, false),
                        org.assertj.core.groups.Tuple.tuple("ChatMessage", 2L, false),
                        org.assertj.core.groups.Tuple.tuple("ChatMessage", 2L, true),
                        org.assertj.core.groups.Tuple.tuple("ChatMessage", 1L, true));
    }

    @Test
    void postWithoutSequenceIsProcessed() {
        Visitor v = activeVisitor();
        assertThat(v.postWithoutSequence("ChatMessage", "{\"text\":\"a\"}").status()).isEqualTo(200);
        assertThat(v.postWithoutSequence("ChatMessage", "{\"text\":\"a\"}").status()).isEqualTo(200);
        assertThat(emu.session(v.id).transcript().visitorMessages()).containsExactly("a", "a");
        assertThat(emu.session(v.id).transcript().visitorPosts().get(1).sequence()).isEqualTo(-1);
    }

    @Test
    void failedPostDoesNotConsumeItsSequenceNumber() {
        Visitor v = client.newVisitor();
        v.init();
        // 500 (not yet established) must not burn number 2, so the client's retry with 2 is processed
        assertThat(v.postWithSequence("ChatMessage", 2, "{\"text\":\"early\"}").status()).isEqualTo(500);
        emu.session(v.id).accept("Ann");
        assertThat(v.postWithSequence("ChatMessage", 2, "{\"text\":\"early\"}").status()).isEqualTo(200);
        assertThat(emu.session(v.id).transcript().visitorMessages()).containsExactly("early");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ChatMessage", "ChasitorTyping", "ChasitorNotTyping", "ChasitorSneakPeek", "CustomEvent", "ChatEnd"})
    void chasitorInitMustBeTheFirstPost(String noun) {
        Visitor v = client.newVisitor();
        Reply r = v.post(noun, "{\"text\":\"x\",\"reason\":\"client\",\"type\":\"t\",\"data\":\"d\",\"position\":0}");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).contains("ChasitorInit");
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.CREATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ChatMessage", "ChasitorTyping", "ChasitorNotTyping", "ChasitorSneakPeek", "CustomEvent"})
    void chatActivityBeforeChatEstablishedIs500(String noun) {
        Visitor v = client.newVisitor();
        v.init();
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.QUEUED);
        assertThat(v.post(noun, "{\"text\":\"x\",\"type\":\"t\",\"data\":\"d\",\"position\":0}").status()).isEqualTo(500);
        emu.session(v.id).accept("Ann");
        assertThat(v.post(noun, "{\"text\":\"x\",\"type\":\"t\",\"data\":\"d\",\"position\":0}").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"organizationId", "deploymentId", "buttonId", "sessionId"})
    void chasitorInitRequiresItsIds(String field) {
        Visitor v = client.newVisitor();
        String body = v.initBody(Visitor.BUTTON).replaceFirst("\"" + field + "\":\"[^\"]*\",", "");
        Reply r = v.post("ChasitorInit", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains(field);
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.CREATED);
    }

    @Test
    void chasitorInitSessionIdMustBeThisSession() {
        Visitor v = client.newVisitor();
        Reply r = v.post("ChasitorInit", v.initBody(Visitor.BUTTON).replace(v.id, "someone-else"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("sessionId");
    }

    @Test
    void secondChasitorInitIs500ButARetryOfTheFirstIsADuplicate() {
        Visitor v = client.newVisitor();
        v.init();
        assertThat(v.postWithSequence("ChasitorInit", 1, v.initBody(Visitor.BUTTON)).status()).isEqualTo(200);
        assertThat(v.postWithSequence("ChasitorInit", 2, v.initBody(Visitor.BUTTON)).status()).isEqualTo(500);
        assertThat(v.poll(-1).types()).containsExactly("ChatRequestSuccess");
    }

    @Test
    void availableButtonGetsChatRequestSuccessWithItsFields() {
        Visitor v = client.newVisitor(42);
        v.init();
        Reply r = v.poll(-1);
        assertThat(r.types()).containsExactly("ChatRequestSuccess");
        var m = r.message("ChatRequestSuccess");
        assertThat(m.path("queuePosition").isInt()).isTrue();
        assertThat(m.path("visitorId").asText()).hasSize(36);
        assertThat(m.path("geoLocation").path("countryCode").isTextual()).isTrue();
        assertThat(m.has("estimatedWaitTime")).as("only from API 47").isFalse();
        assertThat(r.sequence()).isZero();
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.QUEUED);
        assertThat(emu.session(v.id).visitorName()).isEqualTo("Vera");
    }

    @Test
    void estimatedWaitTimeAppearsFromApiVersion47() {
        Visitor v = client.newVisitor(47);
        v.init();
        assertThat(v.poll(-1).message("ChatRequestSuccess").has("estimatedWaitTime")).isTrue();
        emu.session(v.id).queueUpdate(0);
        var q = v.poll(0).message("QueueUpdate");
        assertThat(q.has("position")).isTrue();
        assertThat(q.has("queuePosition")).isFalse();
        assertThat(q.has("estimatedWaitTime")).isTrue();
    }

    @CsvSource({"34,false", "35,true"})
    @ParameterizedTest
    void chasitorIdleTimeoutAppearsFromApiVersion35(int version, boolean present) {
        Visitor v = client.newVisitor(version);
        v.init();
        emu.session(v.id).accept("Ann");
        var m = v.poll(-1).message("ChatEstablished");
        assertThat(m.path("name").asText()).isEqualTo("Ann");
        assertThat(m.path("userId").asText()).matches("005[0-9A-Z]{12}");
        assertThat(m.has("sneakPeekEnabled")).isTrue();
        assertThat(m.has("chasitorIdleTimeout")).isEqualTo(present);
    }

    @Test
    void unavailableButtonGetsChatRequestFailUnavailable() {
        emu.setAvailable("573NOBODY", false);
        Visitor v = client.newVisitor();
        assertThat(v.post("ChasitorInit", v.initBody("573NOBODY")).status()).isEqualTo(200);
        Reply r = v.poll(-1);
        assertThat(r.types()).containsExactly("ChatRequestFail");
        assertThat(r.message("ChatRequestFail").path("reason").asText()).isEqualTo("Unavailable");
        assertThat(emu.session(v.id).state()).isEqualTo(SessionState.ENDED);
        assertThat(v.message("anyone?").status()).isEqualTo(403);
    }

    @Test
    void queueUpdatesAreSkippedWhenTheVisitorDeclinedThem() {
        Visitor v = client.newVisitor();
        v.post("ChasitorInit", v.initBody(Visitor.BUTTON).replace("\"receiveQueueUpdates\":true", "\"receiveQueueUpdates\":\"false\""));
        emu.session(v.id).queueUpdate(3);
        emu.session(v.id).accept("Ann");
        assertThat(v.poll(-1).types()).containsExactly("ChatRequestSuccess", "ChatEstablished");
    }
}
