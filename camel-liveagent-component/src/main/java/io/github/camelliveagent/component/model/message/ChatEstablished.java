package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;

/** An agent accepted the chat; the chat is now active. Also accepts the guide's misspelling {@code chasitorIdletimeout}. */
public record ChatEstablished(String name, String userId, Boolean sneakPeekEnabled,
        @JsonAlias("chasitorIdletimeout") ChasitorIdleTimeout chasitorIdleTimeout, JsonNode items) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "ChatEstablished";

    @Override
    public String type() {
        return TYPE;
    }
}
