package io.github.camelliveagent.component;

/**
 * A liveagent operation failed: the server refused it, the session is over, or a wait ran out.
 * <p>
 * Messages name the operation, the session id and the HTTP status where there is one; they never contain the
 * session key.
 */
public class LiveAgentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String sessionId;
    private final int statusCode;

    public LiveAgentException(String operation, String sessionId, int statusCode, String message) {
        this(operation, sessionId, statusCode, message, null);
    }

    public LiveAgentException(String operation, String sessionId, int statusCode, String message, Throwable cause) {
        super(describe(operation, sessionId, statusCode, message), cause);
        this.operation = operation;
        this.sessionId = sessionId;
        this.statusCode = statusCode;
    }

    private static String describe(String operation, String sessionId, int statusCode, String message) {
        StringBuilder sb = new StringBuilder("liveagent ").append(operation);
        if (sessionId != null) {
            sb.append(" on session ").append(sessionId);
        }
        if (statusCode > 0) {
            sb.append(" failed with HTTP ").append(statusCode);
        } else {
            sb.append(" failed");
        }
        return sb.append(": ").append(message).toString();
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
}
