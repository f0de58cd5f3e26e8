package io.github.camelliveagent.component.model.message;

import java.util.List;

/** Sensitive-data rules to apply to outgoing visitor text. */
public record SensitiveDataRules(List<SensitiveDataRule> sensitiveDataRules) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "SensitiveDataRules";

    @Override
    public String type() {
        return TYPE;
    }
}
