package io.github.camelliveagent.component.session;

/**
 * A call on a chat session (or the call that opens one) failed: the server refused it, the session is over, or a wait
 * ran out. The component's internals raise this type so that they need nothing from the component's own package; at
 * Camel's face (an exchange's exception, a consumer's exception handler) it becomes a
 * {@code io.github.camelliveagent.component.LiveAgentException} with the same operation, session id, status, message,
 * cause and stack trace.
 * <p>
 * Messages name the operation, the session id and the HTTP status where there is one; they never contain the
 * session key.
 */
public class SessionCallException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String sessionId;
    private final int statusCode;
    private final String reason;

    public SessionCallException(String operation, String sessionId, int statusCode, String reason) {
        this(operation, sessionId, statusCode, reason, null);
    }

    public SessionCallException(String operation, String sessionId, int statusCode, String reason, Throwable cause) {
        super(describe(operation, sessionId, statusCode, reason), cause);
        this.operation = operation;
        this.sessionId = sessionId;
        this.statusCode = statusCode;
        this.reason = reason;
    }

    /**
     * The one wording of a failed call: {@code liveagent <operation> on session <id> failed with HTTP <status>:
     * <reason>}, the session and status parts only where there are some.
     */
    public static String describe(String operation, String sessionId, int statusCode, String reason) {
        StringBuilder sb = new StringBuilder("liveagent ").append(operation);
        if (sessionId != null) {
            sb.append(" on session ").append(sessionId);
        }
        if (statusCode > 0) {
            sb.append(" failed with HTTP ").append(statusCode);
        } else {
            sb.append(" failed");
        }
        return sb.append(": ").append(reason).toString();
    }

    /** The operation (or protocol call) that failed, e.g. {@code chatMessage} or {@code System/Messages}. */
    public String getOperation() {
        return operation;
    }

    /** The session id, or null when the call had no session. */
    public String getSessionId() {
        return sessionId;
    }

    /** The HTTP status the server answered, or 0 when the call failed before or without one. */
    public int getStatusCode() {
        return statusCode;
    }

    /** What went wrong, without the operation, session and status that {@link #getMessage()} adds. */
    public String getReason() {
        return reason;
    }
}
