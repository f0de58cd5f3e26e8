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
 * @param entryId     Enhanced Chat: the identifier of the conversation entry the event came from (what a delivery or
 *                    read acknowledgement names), or null (Live Agent, and events the component makes)
 */
public record SessionEvent(String sessionId, long index, LiveAgentMessage message, boolean redelivered,
                           String correlationId, String entryId) {

    /** An event that comes from no conversation entry (every Live Agent event). */
    public SessionEvent(String sessionId, long index, LiveAgentMessage message, boolean redelivered, String correlationId) {
        this(sessionId, index, message, redelivered, correlationId, null);
    }

    /** The same event, handed to the routes again. */
    public SessionEvent again() {
        return new SessionEvent(sessionId, index, message, true, correlationId, entryId);
    }
}
