package io.github.camelliveagent.component.observe;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.camelliveagent.component.client.FileUploadRequest;
import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.client.LiveAgentRequest;

/** Wraps the HTTP seam to count answers, failures and poll round trips for the statistics. */
public final class ObservedLiveAgentClient implements LiveAgentClient {

    private final LiveAgentClient delegate;
    private final LiveAgentStatistics stats;

    public ObservedLiveAgentClient(LiveAgentClient delegate, LiveAgentStatistics stats) {
        this.delegate = delegate;
        this.stats = stats;
    }

    @Override
    public CompletableFuture<LiveAgentReply> send(LiveAgentRequest request) {
        long start = System.nanoTime();
        boolean poll = "System/Messages".equals(request.path());
        CompletableFuture<LiveAgentReply> call = delegate.send(request);
        // the caller's callbacks run after the figures are recorded, so they always see this call counted
        CompletableFuture<LiveAgentReply> observed = call.whenComplete((reply, error) -> {
            if (error != null) {
                if (!call.isCancelled()) {
                    stats.failed(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                }
                return;
            }
            stats.answered();
            if (poll) {
                stats.pollAnswered(System.nanoTime() - start, reply.status() == 204);
            }
        });
        observed.whenComplete((r, e) -> {
            if (observed.isCancelled()) {
                call.cancel(false);
            }
        });
        return observed;
    }

    /** Not counted: an upload goes to the upload servlet, not the Chat REST API the figures and the health describe. */
    @Override
    public CompletableFuture<LiveAgentReply> upload(FileUploadRequest request) {
        return delegate.upload(request);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
