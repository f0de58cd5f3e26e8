package io.github.camelliveagent.component.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.camelliveagent.component.model.message.AgentDisconnect;
import io.github.camelliveagent.component.model.message.ChasitorIdleTimeout;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.ChatTransferred;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.QueueUpdate;
import io.github.camelliveagent.component.model.message.UnknownMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the server may send that a strict reader would reject (API notes §6). */
class LenientParsingTest {

    private static Messages read(String json) {
        return LiveAgentJson.readMessages(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unknownTypeBecomesUnknownMessageKeepingItsRawJson() {
        Messages payload = LiveAgentJson.readMessages(Fixtures.bytes("lenient/unknown-type.json"));

        assertThat(payload.messages()).extracting(LiveAgentMessage::type)
                .containsExactly("ChatMessage", "AgentWhiteboardOpened", "AgentDisconnect", "ChatEnded");
        UnknownMessage unknown = (UnknownMessage) payload.messages().get(1);
        assertThat(Fixtures.tree(unknown.rawJson().getBytes(StandardCharsets.UTF_8))).isEqualTo(
                Fixtures.tree("lenient/unknown-type.json").get("messages").get(1).get("message"));
        assertThat(payload.messages().get(3)).isEqualTo(new ChatEnded("client", null));
    }

    @Test
    void unknownMessageIsWrittenBackVerbatim() {
        byte[] written = LiveAgentJson.write(LiveAgentJson.readMessages(Fixtures.bytes("lenient/unknown-type.json")));
        assertThat(Fixtures.tree(written).get("messages").get(1))
                .isEqualTo(Fixtures.tree("lenient/unknown-type.json").get("messages").get(1));
    }

    @Test
    void missingMessageObjectReadsAsEmptyObject() {
        Messages payload = LiveAgentJson.readMessages(Fixtures.bytes("lenient/unknown-type.json"));
        assertThat(payload.messages().get(2)).isEqualTo(new AgentDisconnect());
        assertThat(read("{\"messages\":[{\"type\":\"AgentDisconnect\",\"message\":null},"
                + "{\"type\":\"Mystery\"}]}").messages())
                .containsExactly(new AgentDisconnect(), new UnknownMessage("Mystery", "{}"));
    }

    @Test
    void unexpectedFieldsAreIgnoredAtEveryLevel() {
        Messages payload = LiveAgentJson.readMessages(Fixtures.bytes("lenient/unexpected-fields.json"));
        assertThat(payload.sequence()).isEqualTo(3);
        assertThat(payload.messages()).containsExactly(new ChatMessage("Agent A", "hello", "005000000000001", null));
    }

    @Test
    void numbersAndBooleansSentAsStringsAreAccepted() {
        Messages payload = LiveAgentJson.readMessages(Fixtures.bytes("lenient/strings-as-values.json"));

        assertThat(payload.sequence()).isEqualTo(7);
        assertThat(payload.offset()).isEqualTo(1636522046L);
        assertThat(payload.messages().get(0)).isEqualTo(new QueueUpdate(3, 120));
        ChatEstablished established = (ChatEstablished) payload.messages().get(1);
        assertThat(established.sneakPeekEnabled()).isTrue();
        assertThat(established.chasitorIdleTimeout()).isEqualTo(new ChasitorIdleTimeout(true, 60, 120));
        ChatRequestSuccess success = (ChatRequestSuccess) payload.messages().get(2);
        assertThat(success.queuePosition()).isEqualTo(2);
        assertThat(success.connectionTimeout()).isEqualTo(150000);
        assertThat(success.transcriptSaveEnabled()).isFalse();
        assertThat(success.geoLocation().latitude()).isEqualTo(52.5);
    }

    @Test
    void misspelledChasitorIdletimeoutOfTheGuideIsAccepted() {
        Messages payload = LiveAgentJson.readMessages(Fixtures.bytes("lenient/strings-as-values.json"));
        ChatTransferred transferred = (ChatTransferred) payload.messages().get(3);
        assertThat(transferred.chasitorIdleTimeout()).isEqualTo(new ChasitorIdleTimeout(false, null, null));
        assertThat(LiveAgentJson.writeString(transferred)).contains("\"chasitorIdleTimeout\"")
                .doesNotContain("chasitorIdletimeout");
    }

    @Test
    void missingOffsetReadsAsZero() {
        Messages payload = LiveAgentJson.readMessages(Fixtures.bytes("lenient/no-offset.json"));
        assertThat(payload.sequence()).isEqualTo(4);
        assertThat(payload.offset()).isZero();
    }

    @Test
    void missingOrNullMessagesReadAsEmpty() {
        assertThat(read("{\"sequence\":3}").messages()).isEmpty();
        assertThat(read("{\"messages\":null}").isEmpty()).isTrue();
        assertThat(read("{}")).isEqualTo(new Messages(null, 0, 0));
    }

    @Test
    void emptyStringForANumberReadsAsNull() {
        assertThat(read("{\"messages\":[{\"type\":\"QueueUpdate\",\"message\":{\"position\":\"\"}}]}").messages())
                .containsExactly(new QueueUpdate(null, null));
    }

    @Test
    void writingOmitsNullFields() {
        assertThat(LiveAgentJson.writeString(new QueueUpdate(2, null))).isEqualTo("{\"position\":2}");
    }
}
