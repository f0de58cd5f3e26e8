package io.github.camelliveagent.component.session.store;

import io.github.camelliveagent.component.session.SessionSnapshot;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelliveagent.component.session.SessionState;

/** The at-rest form of a snapshot: the key encrypted, everything else as it is. Shared by the persistent stores. */
record StoredSession(String id, String protectedKey, String affinity, String baseUri, String apiVersion,
                     String organizationId, int clientPollTimeout, SessionState state, long nextSequence, long ack,
                     long offset, String correlationId, long nextPosition, long processed,
                     java.util.List<Long> pendingPositions,
                     java.util.List<io.github.camelliveagent.component.session.EventLedger.HeldEvent> heldEvents,
                     int idleWarningTime, int idleTimeout, boolean resyncPending, Integer shard) {

    static final ObjectMapper JSON = new ObjectMapper();

    static StoredSession of(SessionSnapshot s, KeyProtector protector) {
        return new StoredSession(s.id(), protector.protect(s.key()), s.affinity(), s.baseUri(), s.apiVersion(),
                s.organizationId(), s.clientPollTimeout(), s.state(), s.nextSequence(), s.ack(), s.offset(),
                s.correlationId(), s.nextPosition(), s.processed(), s.pendingPositions(),
                s.heldEvents(), s.idleWarningTime(), s.idleTimeout(), s.resyncPending(), s.shard());
    }

    /** @throws IllegalArgumentException when a field a session cannot resume without is missing, or the key is unreadable */
    SessionSnapshot toSnapshot(KeyProtector protector) {
        if (id == null || id.isBlank() || protectedKey == null || baseUri == null || state == null) {
            throw new IllegalArgumentException("a stored session needs id, protectedKey, baseUri and state; one is missing");
        }
        return new SessionSnapshot(id, protector.reveal(protectedKey), affinity, baseUri, apiVersion, organizationId,
                clientPollTimeout, state, nextSequence, ack, offset, correlationId, nextPosition, processed,
                pendingPositions, heldEvents, idleWarningTime, idleTimeout, resyncPending, shard == null ? -1 : shard);
    }

    /** Why a record did not read back, without quoting it (Jackson's messages carry an excerpt of the input). */
    static String whyUnreadable(Exception e) {
        return e instanceof JsonProcessingException j ? j.getClass().getSimpleName() + ": " + j.getOriginalMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public String toString() {
        return "StoredSession[" + id + " " + state + "]";
    }
}
