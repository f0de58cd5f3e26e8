package io.github.camelliveagent.component.model.message;


/** New queue position (field {@code position}, unlike {@code queuePosition} elsewhere); only sent with {@code receiveQueueUpdates:true}. */
public record QueueUpdate(Integer position, Integer estimatedWaitTime) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "QueueUpdate";

    @Override
    public String type() {
        return TYPE;
    }
}
