package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.annotation.JsonAlias;

/** The chat was transferred to another agent. */
public record ChatTransferred(String name, String userId, Boolean sneakPeekEnabled,
        @JsonAlias("chasitorIdletimeout") ChasitorIdleTimeout chasitorIdleTimeout) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "ChatTransferred";

    @Override
    public String type() {
        return TYPE;
    }
}
