package io.github.camelliveagent.component.model;

import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.SwitchServer;
import java.util.List;
import java.util.Optional;

/**
 * Reply of a Visitor resource (Availability, Settings, VisitorId): the messages it carried, wrapped or bare on the
 * wire. Check {@link #switchServer()} first: the server may answer with a SwitchServer instead of the expected type.
 *
 * @param messages the messages, in order (never null)
 */
public record VisitorReply(List<LiveAgentMessage> messages) {

    /**
     * Canonical constructor; a {@code null} list becomes empty.
     *
     * @param messages the messages
     */
    public VisitorReply {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /**
     * @param <T>  the record type
     * @param type the record class
     * @return the first message of that class
     */
    public <T extends LiveAgentMessage> Optional<T> first(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * @return the SwitchServer message, if the server sent one
     */
    public Optional<SwitchServer> switchServer() {
        return first(SwitchServer.class);
    }
}
