package io.github.camelliveagent.benchmarks;

import org.apache.camel.CamelContext;

/**
 * One way of talking to the Chat API: the liveagent component, the hand-written camel-http baseline, or one of the
 * bake-off's poll loops on a given HTTP client.
 */
public interface LoadClient extends AutoCloseable {

    /** Creates the context, routes and components; nothing is sent yet. */
    CamelContext start(String baseUrl, int sessions, Recorder recorder) throws Exception;

    /** Starts the chats; returns when every session has its ChatEstablished in a route (or throws). */
    void openSessions(int sessions, long timeoutMs) throws Exception;

    /** Sends one visitor chat message on session number {@code index}; must not block long. */
    void sendVisitorMessage(int index, String text);

    /** Long polls held by this client now (-1 when it does not know). */
    int pollsInFlight();

    /** Visitor messages that failed so far. */
    long visitorFailures();

    /** Messages polls answered so far (200 or 204), or -1 when this client does not count them. */
    default long pollRoundTrips() {
        return -1;
    }

    /** Messages polls that failed so far, or -1 when this client does not count them. */
    default long pollFailures() {
        return -1;
    }
}
