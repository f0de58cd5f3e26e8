package io.github.camelliveagent.component.model.message;


/** The agent's connection dropped; the chat is still alive on the server and another agent may pick it up. */
public record AgentDisconnect() implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "AgentDisconnect";

    @Override
    public String type() {
        return TYPE;
    }
}
