package io.github.camelliveagent.component.session.store;

import io.github.camelliveagent.component.session.SessionSnapshot;
import java.util.List;

/** The default: sessions live as long as the CamelContext; nothing is kept across a restart. */
public final class InMemorySessionStore implements SessionStore {

    @Override
    public void save(SessionSnapshot snapshot) {
        // the live ChatSession objects are the state
    }

    @Override
    public void remove(String sessionId) {
    }

    @Override
    public List<SessionSnapshot> loadAll() {
        return List.of();
    }

    @Override
    public boolean isPersistent() {
        return false;
    }
}
