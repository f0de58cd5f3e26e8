package io.github.camelliveagent.component.session.store;

import io.github.camelliveagent.component.session.SessionSnapshot;
import java.util.List;

/**
 * Keeps sessions across restarts of a CamelContext. The component saves a session whenever its state, ack,
 * sequence, affinity or offset changes (from one writer thread, latest state wins) and loads every saved session
 * that has not ended when it starts, so that their chats go on where they stopped.
 * <p>
 * Implementations must keep the session key protected (it grants access to the chat).
 */
public interface SessionStore {

    /** Saves (inserts or replaces) a session. */
    void save(SessionSnapshot snapshot) throws Exception;

    /** Forgets a session that has ended. */
    void remove(String sessionId) throws Exception;

    /** Every saved session. */
    List<SessionSnapshot> loadAll() throws Exception;

    /** Whether saving is worth the work; false for the in-memory store, whose sessions die with the JVM anyway. */
    default boolean isPersistent() {
        return true;
    }
}
