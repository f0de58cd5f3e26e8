package io.github.camelliveagent.component.model.message;


/** Reply of Visitor/VisitorId: the visitor tracking id ({@code sessionId}). */
public record VisitorId(String sessionId) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "VisitorId";

    @Override
    public String type() {
        return TYPE;
    }
}
