package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.databind.JsonNode;

/** The chat is over; {@code reason} e.g. {@code agent}, {@code client}, {@code clientIdleTimeout}; {@code attachedRecords} only with post-chat. */
public record ChatEnded(String reason, JsonNode attachedRecords) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "ChatEnded";

    @Override
    public String type() {
        return TYPE;
    }
}
