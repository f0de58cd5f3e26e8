package io.github.camelliveagent.component.model.message;

import io.github.camelliveagent.component.model.request.CustomDetail;
import java.util.List;

/** Chat request was routed and queued (not yet accepted by an agent); {@code estimatedWaitTime} in seconds (API 47+, -1 = unknown), {@code connectionTimeout} in ms. */
public record ChatRequestSuccess(Integer queuePosition, Integer estimatedWaitTime, GeoLocation geoLocation, String url, String oref,
        String postChatUrl, List<CustomDetail> customDetails,
        String visitorId, Integer connectionTimeout, List<SensitiveDataRule> sensitiveDataRules,
        Boolean transcriptSaveEnabled) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "ChatRequestSuccess";

    @Override
    public String type() {
        return TYPE;
    }
}
