package io.github.camelliveagent.component.client;

import java.util.concurrent.CompletableFuture;

/**
 * The HTTP seam: sends one Chat REST call and completes with the server's reply, without holding a thread while it
 * waits. A network failure or time-out completes the future exceptionally; any HTTP status, error or not, completes
 * it normally so that the caller decides what the status means.
 */
public interface LiveAgentClient extends AutoCloseable {

    CompletableFuture<LiveAgentReply> send(LiveAgentRequest request);

    /**
     * Uploads a file the agent asked for (a multipart POST to the announced upload URL), with the same contract as
     * {@link #send}: any HTTP status completes the future normally.
     */
    default CompletableFuture<LiveAgentReply> upload(FileUploadRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                getClass().getName() + " cannot upload files; the component's HttpClient5LiveAgentClient can"));
    }

    @Override
    void close();
}
