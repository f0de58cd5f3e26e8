package io.github.camelliveagent.component.poll;

import io.github.camelliveagent.component.model.message.LiveAgentMessage;

/**
 * One server message of one session, with its position in that session's event stream.
 *
 * @param sessionId   the session id
 * @param index       0 for the session's first event; the same number when the event is delivered again
 * @param message     the typed message
 * @param redelivered whether it was handed to the routes before
 */
public record SessionEvent(String sessionId, long index, LiveAgentMessage message, boolean redelivered) {
}
