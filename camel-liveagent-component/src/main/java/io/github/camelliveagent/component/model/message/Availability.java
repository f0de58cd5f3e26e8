package io.github.camelliveagent.component.model.message;

import java.util.List;

/** Reply of Visitor/Availability: one result per requested button/agent id. */
public record Availability(List<AvailabilityResult> results) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "Availability";

    @Override
    public String type() {
        return TYPE;
    }
}
