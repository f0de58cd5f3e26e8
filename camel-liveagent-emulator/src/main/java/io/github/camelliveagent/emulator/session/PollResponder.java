package io.github.camelliveagent.emulator.session;

/**
 * A Messages poll waiting for its answer. Held polls are nothing but these objects, so thousands of them
 * cost no threads. Implementations must be non-blocking and callable from any thread.
 */
public interface PollResponder {

    /** Answers the poll. */
    void respond(Outcome outcome);

    /** Closes the connection without an answer (fault injection). */
    void drop();

    /** The client connection this poll came on, {@code host:port} as the server saw it (for {@link PollRecord}). */
    default String client() {
        return "unknown";
    }
}
