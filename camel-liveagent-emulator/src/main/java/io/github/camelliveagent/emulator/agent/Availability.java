package io.github.camelliveagent.emulator.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which buttons and agents can take chats. Unknown ids are available, so tests need no setup. */
public final class Availability {

    private final Map<String, Boolean> overrides = new ConcurrentHashMap<>();

    /** Marks a button or agent id as (un)available. */
    public void set(String id, boolean available) {
        overrides.put(id, available);
    }

    /** Whether the button or agent can take a chat now. */
    public boolean isAvailable(String id) {
        return overrides.getOrDefault(id, Boolean.TRUE);
    }

    /** Back to "everything available". */
    public void reset() {
        overrides.clear();
    }
}
