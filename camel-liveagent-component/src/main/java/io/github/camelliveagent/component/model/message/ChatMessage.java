package io.github.camelliveagent.component.model.message;


/** A chat text from the agent to the visitor. */
public record ChatMessage(String name, String text, String agentId, Schedule schedule) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "ChatMessage";

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Delivery schedule of a (bot) message.
     *
     * @param responseDelayMilliseconds delay the client should wait before showing the message
     */
    public record Schedule(Integer responseDelayMilliseconds) {
    }
}
