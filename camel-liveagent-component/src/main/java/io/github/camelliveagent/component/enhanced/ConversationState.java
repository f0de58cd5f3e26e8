package io.github.camelliveagent.component.enhanced;

/** Where a conversation's current messaging session stands, named as Live Agent sessions' states are. */
public enum ConversationState {
    /** routing was asked for (the conversation exists) */
    REQUESTED,
    /** routed and waiting for an agent (ChatRequestSuccess) */
    QUEUED,
    /** an agent or bot joined (ChatEstablished) */
    ACTIVE,
    /** the messaging session ended (ChatEnded, ChatRequestFail) or the conversation was closed or lost */
    ENDED
}
