package io.github.camelliveagent.component;

import java.util.Map;

/**
 * Which Salesforce API an endpoint talks: legacy Chat (Live Agent, the default) or its successor Enhanced Chat
 * (Messaging for In-App and Web). It is also the one place that knows which operations each API lacks, so that a
 * route using one fails when it starts, naming the API and what to use instead.
 */
public enum LiveAgentApi {
    liveAgent,
    enhancedChat;

    /** Live Agent operations Enhanced Chat has no equivalent for, and what to use instead (miaw-api.md §8). */
    private static final Map<LiveAgentOperation, String> LACKED_BY_ENHANCED_CHAT = Map.ofEntries(
            Map.entry(LiveAgentOperation.sessionId, "startChat, which gets the access token and opens the conversation"),
            Map.entry(LiveAgentOperation.chasitorInit,
                    "startChat with the pre-chat fields in its body (sent as routing attributes)"),
            Map.entry(LiveAgentOperation.chasitorSneakPeek, "none: agents do not see text before it is sent"),
            Map.entry(LiveAgentOperation.customEvent, "none: a visitor can only send messages, files and typing indicators"),
            Map.entry(LiveAgentOperation.multiNoun, "one operation per call (chatMessage, chasitorTyping, ...)"),
            Map.entry(LiveAgentOperation.deleteSession, "chatEnd, which closes the conversation"),
            Map.entry(LiveAgentOperation.availability,
                    "none: Enhanced Chat has no agent availability call (business hours only, outside this component)"),
            Map.entry(LiveAgentOperation.settings, "none: the deployment's configuration comes with the access token"),
            Map.entry(LiveAgentOperation.visitorId, "none: the access token identifies the visitor"),
            Map.entry(LiveAgentOperation.breadcrumb, "none"),
            Map.entry(LiveAgentOperation.fileUpload, "sendFile, which sends a file to the conversation at any time"));

    /** Operations only Enhanced Chat has. */
    private static final Map<LiveAgentOperation, String> LACKED_BY_LIVE_AGENT = Map.of(
            LiveAgentOperation.endSession, "chatEnd",
            LiveAgentOperation.sendFile, "fileUpload, after the agent requested a file",
            LiveAgentOperation.acknowledgeDelivery, "none: Live Agent has no delivery receipts",
            LiveAgentOperation.acknowledgeRead, "none: Live Agent has no read receipts");

    /**
     * Why this API cannot run the operation, or null when it can.
     *
     * @return a sentence naming the operation, this API and the alternative
     */
    public String refusal(LiveAgentOperation operation) {
        String alternative = (this == enhancedChat ? LACKED_BY_ENHANCED_CHAT : LACKED_BY_LIVE_AGENT).get(operation);
        if (alternative == null) {
            return null;
        }
        return "Operation " + operation + " does not exist in " + (this == enhancedChat ? "Enhanced Chat" : "Live Agent")
               + " (option api=" + name() + "); instead use: " + alternative;
    }

    /** Fails with {@link #refusal} when this API cannot run the operation. */
    public void check(LiveAgentOperation operation) {
        String refusal = refusal(operation);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
    }
}
