package io.github.camelliveagent.component.model.message;


/** The agent started typing (live payloads carry {@code name} and {@code agentId}). */
public record AgentTyping(String name, String agentId) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "AgentTyping";

    @Override
    public String type() {
        return TYPE;
    }
}
