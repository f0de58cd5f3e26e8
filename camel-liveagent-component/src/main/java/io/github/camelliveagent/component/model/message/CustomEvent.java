package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A custom event sent by the agent side; the event's own {@code type} field is {@link #customEventType()}. */
public record CustomEvent(@JsonProperty("type") String customEventType, String data) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "CustomEvent";

    @Override
    public String type() {
        return TYPE;
    }
}
