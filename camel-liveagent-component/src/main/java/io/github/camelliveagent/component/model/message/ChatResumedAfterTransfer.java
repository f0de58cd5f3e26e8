package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A transfer finished or failed (bot related; SDK only). */
public record ChatResumedAfterTransfer(String name, Boolean showRichAvatar, @JsonProperty("isTransferFailure") Boolean isTransferFailure) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "ChatResumedAfterTransfer";

    @Override
    public String type() {
        return TYPE;
    }
}
