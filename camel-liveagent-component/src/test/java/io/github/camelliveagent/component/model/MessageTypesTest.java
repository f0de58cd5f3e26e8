package io.github.camelliveagent.component.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.UnknownMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire-name to record mapping. */
class MessageTypesTest {

    @Test
    void everyPermittedRecordExceptUnknownIsMappedAndNamedLikeItsWireType() {
        List<Class<?>> permitted = Arrays.stream(LiveAgentMessage.class.getPermittedSubclasses())
                .filter(c -> c != UnknownMessage.class).toList();
        assertThat(permitted).hasSameSizeAs(MessageTypes.knownTypes());
        for (Class<?> c : permitted) {
            assertThat(MessageTypes.classFor(c.getSimpleName())).as(c.getSimpleName()).isEqualTo(c);
        }
    }

    @Test
    void typeOfEveryRecordEqualsItsMappedName() {
        for (String name : MessageTypes.knownTypes()) {
            LiveAgentMessage empty = LiveAgentJson.toMessage(name, null);
            assertThat(empty.type()).isEqualTo(name);
            assertThat(MessageTypes.typeOf(MessageTypes.classFor(name))).isEqualTo(name);
        }
    }

    @Test
    void unknownAndNullNamesAreNotMapped() {
        assertThat(MessageTypes.classFor("chatmessage")).isNull();
        assertThat(MessageTypes.classFor(null)).isNull();
        assertThat(MessageTypes.isKnown("ChasitorChatMessage")).isFalse();
        assertThat(MessageTypes.isKnown(ChatMessage.TYPE)).isTrue();
        assertThat(LiveAgentJson.toMessage("Whatever", null)).isEqualTo(new UnknownMessage("Whatever", "{}"));
    }
}
