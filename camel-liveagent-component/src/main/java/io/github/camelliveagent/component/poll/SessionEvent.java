package io.github.camelliveagent.component.poll;

import io.github.camelliveagent.component.model.message.LiveAgentMessage;

/**
 * One server message of one session, with its position in that session's event stream.
 *
 * @param sessionId   the session id
 * @param index       0 for the session's first event; the same number when the event is delivered again
 * @param message     the typed message
 * @param redelivered whether it was handed to the routes before
 * @param correlationId the value the route gave when it opened the session, or null
 */
public record SessionEvent(String sessionId, long index, LiveAgentMessage message, boolean redelivered,
                           String correlationId) {

    /** The same event, handed to the routes again. */
    public SessionEvent again() {
        return new SessionEvent(sessionId, index, message, true, correlationId);
    }
}
