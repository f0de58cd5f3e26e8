package io.github.camelliveagent.component.model.message;

import java.util.List;

/** First event after ReconnectSession: the chat state to restore before sending anything else. */
public record ChasitorSessionData(Integer queuePosition, GeoLocation geoLocation, String url, String oref, String postChatUrl,
        Boolean sneakPeekEnabled, List<TranscriptEntry> chatMessages) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "ChasitorSessionData";

    @Override
    public String type() {
        return TYPE;
    }
}
