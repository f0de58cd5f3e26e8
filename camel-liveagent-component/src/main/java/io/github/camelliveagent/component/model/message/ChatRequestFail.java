package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.databind.JsonNode;

/** Chat request failed; {@code reason} e.g. {@code Unavailable}, {@code NoPost}, {@code InternalFailure}, {@code Blocked} (may also arrive mid-chat). */
public record ChatRequestFail(String reason, String postChatUrl, JsonNode attachedRecords) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "ChatRequestFail";

    @Override
    public String type() {
        return TYPE;
    }
}
