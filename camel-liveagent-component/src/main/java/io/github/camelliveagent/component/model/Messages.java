package io.github.camelliveagent.component.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import java.util.List;
import java.util.Optional;

/**
 * The 200 reply of {@code System/Messages}: events in server order, the {@code sequence} to send back as
 * {@code ack}, and the opaque {@code offset} cursor for ReconnectSession. Each element is written and read as the
 * wire envelope {@code {"type":…,"message":{…}}}.
 *
 * @param messages the events (never null; unknown types are {@link io.github.camelliveagent.component.model.message.UnknownMessage})
 * @param sequence position of this payload in the session's event stream (0 when absent)
 * @param offset   server cursor (0 when absent; keep the latest non-zero one)
 */
public record Messages(
        @JsonSerialize(contentUsing = MessageEnvelope.Serializer.class)
        @JsonDeserialize(contentUsing = MessageEnvelope.Deserializer.class) List<LiveAgentMessage> messages,
        long sequence, long offset) {

    /**
     * Canonical constructor; a {@code null} list becomes empty.
     *
     * @param messages the events
     * @param sequence position of this payload in the event stream
     * @param offset   server cursor
     */
    public Messages {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /**
     * @param messages the events
     * @return a payload with sequence and offset 0
     */
    public static Messages of(LiveAgentMessage... messages) {
        return new Messages(List.of(messages), 0, 0);
    }

    /**
     * @return whether there are no events
     */
    @JsonIgnore
    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /**
     * @param <T>  the record type
     * @param type the record class
     * @return the first event of that class
     */
    public <T extends LiveAgentMessage> Optional<T> first(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * @param <T>  the record type
     * @param type the record class
     * @return all events of that class, in order
     */
    public <T extends LiveAgentMessage> List<T> all(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
