package io.github.camelliveagent.component.model.message;


/** Reply of System/ReconnectSession after a 503: adopt {@code affinityToken}; restart the POST sequence when {@code resetSequence} is true ({@code null} = not stated). */
public record ReconnectSession(Boolean resetSequence, String affinityToken) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "ReconnectSession";

    @Override
    public String type() {
        return TYPE;
    }
}
