package io.github.camelliveagent.component.client;

/**
 * One call of the Chat REST API, with the headers of its session.
 *
 * @param method     GET, POST or DELETE
 * @param server     where the call goes
 * @param path       the resource below {@code /chat/rest/}, e.g. {@code Chasitor/ChatMessage}
 * @param rawQuery   an encoded query string, or null
 * @param affinity   the X-LIVEAGENT-AFFINITY value ({@code "null"} before a session has one), or null to omit
 * @param sessionKey the X-LIVEAGENT-SESSION-KEY value, or null to omit; never printed
 * @param sequence   the X-LIVEAGENT-SEQUENCE value, or null to omit
 * @param body       the JSON body of a POST, or null
 * @param timeoutMs  the response timeout
 */
public record LiveAgentRequest(
        String method, ChatServer server, String path, String rawQuery,
        String affinity, String sessionKey, Long sequence, byte[] body, long timeoutMs) {

    /** Names the call without its secrets, for logs and errors (the DELETE of a session carries its key in the path). */
    public String describe() {
        String shown = path.startsWith("System/SessionId/") ? "System/SessionId/***" : path;
        return method + " " + shown + (sequence != null ? " #" + sequence : "");
    }

    @Override
    public String toString() {
        return "LiveAgentRequest[" + describe() + "]";
    }
}
