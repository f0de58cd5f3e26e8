package io.github.camelliveagent.component.model;

/**
 * Reply of {@code GET System/SessionId} (not wrapped in {@code messages}). {@link #toString()} masks the key: the key
 * grants access to the chat and must not be logged.
 *
 * @param id                session id (UUID), goes into ChasitorInit {@code sessionId}
 * @param key               session key, the {@code X-LIVEAGENT-SESSION-KEY} header (secret)
 * @param affinityToken     the {@code X-LIVEAGENT-AFFINITY} header value
 * @param clientPollTimeout seconds the server allows between Messages polls (number or numeric string on the wire;
 *                          0 when absent)
 */
public record SessionIdResponse(String id, String key, String affinityToken, int clientPollTimeout) {

    @Override
    public String toString() {
        return "SessionIdResponse[id=" + id + ", key=" + (key == null ? "null" : "***") + ", affinityToken="
                + affinityToken + ", clientPollTimeout=" + clientPollTimeout + "]";
    }
}
