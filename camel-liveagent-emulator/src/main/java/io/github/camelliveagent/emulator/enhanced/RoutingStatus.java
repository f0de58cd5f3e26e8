package io.github.camelliveagent.emulator.enhanced;

/** A conversation's {@code routingStatus}, as {@code GET …/conversation/{id}} reports it (miaw-api.md §3.3). */
public enum RoutingStatus {
    /** Created, routing not yet decided. */
    INITIAL,
    /** Waiting for an agent: queued, or the agent left and a message would route it again. */
    NEEDS_ROUTING,
    /** An agent has it. */
    ROUTED,
    /** Being transferred to another agent or queue. */
    TRANSFER
}
