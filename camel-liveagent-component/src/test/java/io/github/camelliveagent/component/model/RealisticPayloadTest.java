package io.github.camelliveagent.component.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.camelliveagent.component.model.message.AgentNotTyping;
import io.github.camelliveagent.component.model.message.AgentTyping;
import io.github.camelliveagent.component.model.message.ChasitorIdleTimeout;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.QueueUpdate;
import org.junit.jupiter.api.Test;

/** The realistic multi-event payload of the API notes (§4.4). */
class RealisticPayloadTest {

    private final Messages payload = LiveAgentJson.readMessages(Fixtures.bytes("messages/realistic-payload.json"));

    @Test
    void readsSequenceOffsetAndEventsInServerOrder() {
        assertThat(payload.sequence()).isEqualTo(5);
        assertThat(payload.offset()).isEqualTo(1636522046L);
        assertThat(payload.messages()).extracting(LiveAgentMessage::type).containsExactly("ChatRequestSuccess",
                "QueueUpdate", "ChatEstablished", "AgentTyping", "ChatMessage", "AgentNotTyping");
    }

    @Test
    void readsTheTypedFieldsOfEachEvent() {
        ChatRequestSuccess success = (ChatRequestSuccess) payload.messages().get(0);
        assertThat(success.connectionTimeout()).isEqualTo(150000);
        assertThat(success.estimatedWaitTime()).isEqualTo(-1);
        assertThat(success.sensitiveDataRules()).isEmpty();
        assertThat(success.transcriptSaveEnabled()).isFalse();
        assertThat(success.url()).isEmpty();
        assertThat(success.queuePosition()).isEqualTo(1);
        assertThat(success.customDetails()).isEmpty();
        assertThat(success.visitorId()).isEqualTo("0d6f3c2e-5b1a-4c0e-9a55-2f6a7b8c9d01");
        assertThat(success.geoLocation().countryCode()).isEqualTo("DE");
        assertThat(success.geoLocation().longitude()).isEqualTo(13.4);
        assertThat(success.geoLocation().city()).isNull();

        assertThat(payload.messages().get(1)).isEqualTo(new QueueUpdate(0, 0));

        ChatEstablished established = (ChatEstablished) payload.messages().get(2);
        assertThat(established.chasitorIdleTimeout()).isEqualTo(new ChasitorIdleTimeout(false, null, null));
        assertThat(established.sneakPeekEnabled()).isFalse();

        assertThat(payload.messages().get(3)).isEqualTo(new AgentTyping("Agent A", "7c1e…"));
        assertThat(((ChatMessage) payload.messages().get(4)).text()).isEqualTo("Hi, how can I help?");
        assertThat(payload.messages().get(5)).isEqualTo(new AgentNotTyping("Agent A", "7c1e…"));
    }

    @Test
    void typedLookupHelpersFindEvents() {
        assertThat(payload.first(ChatMessage.class)).get().extracting(ChatMessage::name).isEqualTo("Agent A");
        assertThat(payload.all(AgentTyping.class)).hasSize(1);
        assertThat(payload.isEmpty()).isFalse();
    }

    @Test
    void roundTripGivesTheSameWireJson() {
        assertThat(Fixtures.tree(LiveAgentJson.write(payload)))
                .isEqualTo(Fixtures.tree("messages/realistic-payload.json"));
    }
}
