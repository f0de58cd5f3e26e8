package io.github.camelliveagent.component.model.message;


/** A second agent left the conference (SDK only). */
public record AgentLeftConference(String name) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "AgentLeftConference";

    @Override
    public String type() {
        return TYPE;
    }
}
