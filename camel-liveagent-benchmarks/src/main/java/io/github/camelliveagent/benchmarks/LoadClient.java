package io.github.camelliveagent.benchmarks;

import org.apache.camel.CamelContext;

/** One way of talking to the Chat API from Camel: the liveagent component, or the hand-written baseline. */
interface LoadClient extends AutoCloseable {

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
}
