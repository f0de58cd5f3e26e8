package io.github.camelliveagent.component;

import java.util.concurrent.CompletionException;

import io.github.camelliveagent.component.session.SessionCallException;

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
        super(SessionCallException.describe(operation, sessionId, statusCode, message), cause);
        this.operation = operation;
        this.sessionId = sessionId;
        this.statusCode = statusCode;
    }

    /**
     * What a route or an exception handler gets for a failure: the internals' {@link SessionCallException} (also
     * inside a {@link CompletionException}) as a LiveAgentException with the same message, cause and stack trace;
     * anything else as it is.
     */
    static Throwable atCamelFace(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof SessionCallException internal) {
            LiveAgentException e = new LiveAgentException(internal.getOperation(), internal.getSessionId(),
                    internal.getStatusCode(), internal.getReason(), internal.getCause());
            e.setStackTrace(internal.getStackTrace());
            for (Throwable suppressed : internal.getSuppressed()) {
                e.addSuppressed(suppressed);
            }
            return e;
        }
        return t;
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
