package io.github.camelliveagent.component.session.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelliveagent.component.session.SessionState;

/** The at-rest form of a snapshot: the key encrypted, everything else as it is. Shared by the persistent stores. */
record StoredSession(String id, String protectedKey, String affinity, String baseUri, String apiVersion,
                     String organizationId, int clientPollTimeout, SessionState state, long nextSequence, long ack,
                     long offset, String correlationId) {

    static final ObjectMapper JSON = new ObjectMapper();

    static StoredSession of(SessionSnapshot s, KeyProtector protector) {
        return new StoredSession(s.id(), protector.protect(s.key()), s.affinity(), s.baseUri(), s.apiVersion(),
                s.organizationId(), s.clientPollTimeout(), s.state(), s.nextSequence(), s.ack(), s.offset(),
                s.correlationId());
    }

    SessionSnapshot toSnapshot(KeyProtector protector) {
        return new SessionSnapshot(id, protector.reveal(protectedKey), affinity, baseUri, apiVersion, organizationId,
                clientPollTimeout, state, nextSequence, ack, offset, correlationId);
    }

    @Override
    public String toString() {
        return "StoredSession[" + id + " " + state + "]";
    }
}
