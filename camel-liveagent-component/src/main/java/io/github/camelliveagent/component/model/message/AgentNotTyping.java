package io.github.camelliveagent.component.model.message;


/** The agent stopped typing (live payloads carry {@code name} and {@code agentId}). */
public record AgentNotTyping(String name, String agentId) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "AgentNotTyping";

    @Override
    public String type() {
        return TYPE;
    }
}
