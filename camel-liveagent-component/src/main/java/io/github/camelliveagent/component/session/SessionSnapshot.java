package io.github.camelliveagent.component.session;


/**
 * What a session needs to carry on after a restart: its credentials, where it lives, and its place in the event
 * stream and the POST sequence.
 *
 * @param id                the session id
 * @param key               the session key (secret: stores keep it encrypted, {@link #toString()} hides it)
 * @param affinity          the affinity token
 * @param baseUri           the Chat API base URI the session lives on
 * @param apiVersion        the API version
 * @param organizationId    the org (needed again by ChasitorResyncState)
 * @param clientPollTimeout the server's clientPollTimeout, seconds
 * @param state             the chat state
 * @param nextSequence      the next X-LIVEAGENT-SEQUENCE
 * @param ack               the last event processed by the routes (the next poll's ack)
 * @param offset            the latest Messages offset (for ReconnectSession)
 * @param correlationId     the route's own value for the session, or null
 * @param nextPosition      the next number the session gives an event (its own numbering, not the server's)
 * @param processed         the last event position every route processed
 * @param pendingPositions  the numbers given to server events received after the acknowledged point, in order
 * @param heldEvents        events no server will give again that the routes have not processed yet
 * @param idleWarningTime   the visitor idle warning time the chat announced, seconds (0: no idle watch)
 * @param idleTimeout       the visitor idle time-out the chat announced, seconds (0: no idle watch)
 * @param resyncPending     a hand-over had reconnected and the server still waits for ChasitorResyncState
 * @param shard             the cluster shard that owns the chat (high availability), or -1 on a single node
 */
public record SessionSnapshot(String id, String key, String affinity, String baseUri, String apiVersion,
                              String organizationId, int clientPollTimeout, SessionState state, long nextSequence,
                              long ack, long offset, String correlationId, long nextPosition, long processed,
                              java.util.List<Long> pendingPositions,
                              java.util.List<EventLedger.HeldEvent> heldEvents, int idleWarningTime,
                              int idleTimeout, boolean resyncPending, int shard) {

    /** A snapshot of a chat that no cluster shard owns (a single node). */
    public SessionSnapshot(String id, String key, String affinity, String baseUri, String apiVersion,
                           String organizationId, int clientPollTimeout, SessionState state, long nextSequence,
                           long ack, long offset, String correlationId, long nextPosition, long processed,
                           java.util.List<Long> pendingPositions, java.util.List<EventLedger.HeldEvent> heldEvents,
                           int idleWarningTime, int idleTimeout, boolean resyncPending) {
        this(id, key, affinity, baseUri, apiVersion, organizationId, clientPollTimeout, state, nextSequence, ack, offset,
             correlationId, nextPosition, processed, pendingPositions, heldEvents, idleWarningTime, idleTimeout,
             resyncPending, -1);
    }

    public SessionSnapshot {
        pendingPositions = pendingPositions == null ? java.util.List.of() : java.util.List.copyOf(pendingPositions);
        heldEvents = heldEvents == null ? java.util.List.of() : java.util.List.copyOf(heldEvents);
    }

    @Override
    public String toString() {
        return "SessionSnapshot[" + id + " " + state + " ack=" + ack + " next=" + nextSequence + " key=***]";
    }
}
