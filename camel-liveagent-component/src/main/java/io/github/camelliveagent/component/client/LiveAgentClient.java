package io.github.camelliveagent.component.client;

import java.util.concurrent.CompletableFuture;

/**
 * The HTTP seam: sends one Chat REST call and completes with the server's reply, without holding a thread while it
 * waits. A network failure or time-out completes the future exceptionally; any HTTP status, error or not, completes
 * it normally so that the caller decides what the status means.
 */
public interface LiveAgentClient extends AutoCloseable {

    CompletableFuture<LiveAgentReply> send(LiveAgentRequest request);

    @Override
    void close();
}
