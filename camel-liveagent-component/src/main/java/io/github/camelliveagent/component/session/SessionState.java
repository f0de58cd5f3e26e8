package io.github.camelliveagent.component.session;

/**
 * Where a chat session stands, from the visitor's side (liveagent-api.md §5.1).
 */
public enum SessionState {
    /** SessionId answered; no ChasitorInit accepted yet. */
    CREATED,
    /** ChasitorInit accepted; waiting for the server's answer. */
    REQUESTED,
    /** ChatRequestSuccess arrived: the chat waits in the queue for an agent. */
    QUEUED,
    /** ChatEstablished arrived: an agent has the chat, chat activity may flow. */
    ACTIVE,
    /** The chat is over (ChatEnded, ChatRequestFail, a 403, or the session could not be kept alive). */
    ENDED;

    public boolean isEnded() {
        return this == ENDED;
    }
}
