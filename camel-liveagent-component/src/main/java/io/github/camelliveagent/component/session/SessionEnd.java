package io.github.camelliveagent.component.session;

/**
 * Why and how a session ended: the one description every path that ends a session hands to the one place that tells
 * the routes ({@link ChatSession.Hooks#onEnded()}).
 *
 * @param kind    who ended it, which decides what the routes and the statistics hear
 * @param reason  the reason a final, component-made {@code ChatEnded} carries (when one is made)
 * @param failure what went wrong, for the consumers' exception handler; null when nothing did
 */
public record SessionEnd(Kind kind, String reason, SessionCallException failure) {

    /** ChatEnded reason when the server answered 403: the session ended or expired on the server. */
    public static final String SESSION_INVALID = "sessionInvalid";
    /** ChatEnded reason when the server answered 409 to a poll and ended the chat. */
    public static final String CONCURRENT_POLL = "concurrentPoll";
    /** ChatEnded reason when polls or the hand-over failed too often in a row. */
    public static final String CONNECTION_LOST = "connectionLost";
    /** ChatEnded reason when the server kept answering polls with nothing usable (not JSON, stale, empty at once). */
    public static final String PROTOCOL_ERROR = "protocolError";
    /** ChatEnded reason when the route deleted the session (deleteSession). */
    public static final String DELETED = "client";

    /** Who ended a session. */
    public enum Kind {
        /** The server's own ChatEnded or ChatRequestFail: the routes have it already. */
        SERVER,
        /** The route ended it (DELETE accepted): the routes get a final ChatEnded. */
        CLOSED,
        /** The chat could not be started: the route's startChat fails, the session is cleaned up quietly. */
        NOT_STARTED,
        /** The component could not keep it alive: a final ChatEnded, the exception handler, counted as lost. */
        LOST
    }

    public static SessionEnd server(String reason) {
        return new SessionEnd(Kind.SERVER, reason, null);
    }

    public static SessionEnd closed(String reason) {
        return new SessionEnd(Kind.CLOSED, reason, null);
    }

    public static SessionEnd notStarted(SessionCallException why) {
        return new SessionEnd(Kind.NOT_STARTED, "notStarted", why);
    }

    public static SessionEnd lost(String reason, SessionCallException why) {
        return new SessionEnd(Kind.LOST, reason, why);
    }

    /** Whether the routes get a final ChatEnded made by the component. */
    public boolean tellsRoutes() {
        return kind == Kind.CLOSED || kind == Kind.LOST;
    }

    /** A text for logs and errors. */
    public String describe() {
        return failure != null ? failure.getMessage() : reason;
    }
}
