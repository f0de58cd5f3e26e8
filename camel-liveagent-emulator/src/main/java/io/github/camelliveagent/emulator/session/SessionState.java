package io.github.camelliveagent.emulator.session;

/** The visitor-side life cycle of a chat session (spec §5.1). */
public enum SessionState {
    /** {@code SessionId} answered; no {@code ChasitorInit} yet. */
    CREATED,
    /** {@code ChasitorInit} accepted; momentary, until {@code ChatRequestSuccess} or {@code ChatRequestFail}. */
    REQUESTED,
    /** {@code ChatRequestSuccess} sent; waiting for an agent. */
    QUEUED,
    /** {@code ChatEstablished} sent; chat activity allowed. */
    ACTIVE,
    /** The chat is over; the visitor may still collect the final events, POSTs get 403. */
    ENDED,
    /** The session is invalid (ended and drained, expired, deleted or terminated by a duplicate poll): 403 for all. */
    GONE,
    /** A server hand-over (503) is in progress: until {@code ChasitorResyncState} after {@code ReconnectSession}. */
    HANDOVER
}
