package io.github.camelliveagent.component.model.message;

/**
 * Enhanced Chat only: the conversation's messaging session changed status (SSE
 * {@code CONVERSATION_SESSION_STATUS_CHANGED}, miaw-api.md §3.1/§5.5). A status {@code Ended} is followed by a
 * {@link ChatEnded}, as routes written for Live Agent expect; the conversation itself may continue with a new session.
 *
 * @param status         the new status: New, Waiting, Active, Inactive, Paused, Consent, Error or Ended
 * @param previousStatus the status before, or null
 * @param sessionId      the server's MessagingSession record id, or null
 * @param endedByRole    who ended it (EndUser, Agent, ...) when it ended, else null
 */
public record SessionStatusChanged(String status, String previousStatus, String sessionId, String endedByRole)
        implements LiveAgentMessage {

    /** The type name (the entry type of Enhanced Chat). */
    public static final String TYPE = "SessionStatusChanged";

    @Override
    public String type() {
        return TYPE;
    }
}
