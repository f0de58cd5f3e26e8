package io.github.camelliveagent.emulator.session;

import java.util.Set;

/**
 * The chat state machine of spec §5.1: the current state, and which visitor nouns and agent actions each state
 * allows. Not thread-safe: it lives under its {@link ChatSession}'s monitor.
 */
final class ChatLifecycle {

    /** Chat activity the guide says fails with 500 before ChatEstablished. */
    private static final Set<String> NEEDS_ACTIVE = Set.of("ChatMessage", "ChasitorTyping", "ChasitorNotTyping",
            "ChasitorSneakPeek", "CustomEvent", "ChasitorIdleTimeoutWarningEvent", "RichMessage");

    private final String sessionId;
    private SessionState state = SessionState.CREATED;

    ChatLifecycle(String sessionId) {
        this.sessionId = sessionId;
    }

    SessionState state() {
        return state;
    }

    boolean is(SessionState s) {
        return state == s;
    }

    /** Moves to {@code next}; the callers are the transitions of §5.1, so no transition table is checked here. */
    void moveTo(SessionState next) {
        state = next;
    }

    /** Whether the chat is still open: not yet ended by anyone (CREATED … ACTIVE). */
    boolean open() {
        return state == SessionState.CREATED || state == SessionState.REQUESTED
                || state == SessionState.QUEUED || state == SessionState.ACTIVE;
    }

    /** An agent action is only possible in some states; anything else is a test bug worth an exception. */
    void require(String action, SessionState... allowed) {
        for (SessionState s : allowed) {
            if (s == state) {
                return;
            }
        }
        throw new IllegalStateException(action + " is not possible in state " + state + " of session " + sessionId);
    }

    /** A POST to a chat that is over: 403, checked before the sequence number. */
    Outcome refusePost() {
        if (state == SessionState.ENDED || state == SessionState.GONE) {
            return Outcome.text(403, "Session is not valid: the chat has ended");
        }
        return null;
    }

    /** A noun the chat's state does not allow (checked after the sequence number), or null. */
    Outcome refuseNoun(String noun) {
        if (state == SessionState.CREATED && !"ChasitorInit".equals(noun)) {
            // same failure class as chat activity before ChatEstablished: there is no chat to act on yet
            return Outcome.text(500, "Internal Server Error: ChasitorInit must be the first request of the session");
        }
        if ("ChasitorInit".equals(noun) && state != SessionState.CREATED) {
            return Outcome.text(500, "Internal Server Error: the chat has already been requested");
        }
        if (NEEDS_ACTIVE.contains(noun) && state != SessionState.ACTIVE) {
            return Outcome.text(500, "Internal Server Error: no chat established for " + noun);
        }
        return null;
    }
}
