package io.github.camelliveagent.component.model.message;


/** A second agent joined the conference (SDK only). */
public record AgentJoinedConference(String name) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "AgentJoinedConference";

    @Override
    public String type() {
        return TYPE;
    }
}
