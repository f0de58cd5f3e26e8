package io.github.camelliveagent.component.cluster;

/**
 * A producer call recorded in the shared outbox for the node that owns the chat.
 *
 * @param callId      the idempotency key (the route's CamelLiveAgentMessageId, or one made up): a second record under the
 *                    same key is refused and its caller waits for the first one's outcome
 * @param order       the outbox's own order (what the owner sends first)
 * @param sessionId   the chat
 * @param shard       the chat's shard
 * @param operation   the operation name, for errors
 * @param method      POST or DELETE
 * @param path        the resource, e.g. {@code Chasitor/ChatMessage}
 * @param body        the JSON body, or null
 * @param sequenced   whether it carries X-LIVEAGENT-SEQUENCE
 * @param needsActive whether it is chat activity that waits for ChatEstablished
 * @param waitMs      how long it may wait for ChatEstablished
 * @param sequence    the number an owner gave it before sending it, or null (not sent yet)
 */
public record SharedCall(String callId, long order, String sessionId, int shard, String operation, String method,
                         String path, byte[] body, boolean sequenced, boolean needsActive, long waitMs, Long sequence) {

    @Override
    public String toString() {
        return "SharedCall[" + callId + " " + operation + " on " + sessionId + "]";
    }
}
