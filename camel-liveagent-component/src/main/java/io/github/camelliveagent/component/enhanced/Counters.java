package io.github.camelliveagent.component.enhanced;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelliveagent.component.enhanced.client.HttpReply;
import io.github.camelliveagent.component.observe.LiveAgentStatistics;

/**
 * Tells the component's statistics (and through them its health check and meters) what the conversations went
 * through: conversations opened, restored and lost (as sessions), calls answered or failed without an answer, tokens
 * issued and refused, 401 and 429 answers, streams open and reopened, back-filled entries, new sessions after a 417.
 */
final class Counters {

    private final LiveAgentStatistics stats;
    private final AtomicInteger openStreams = new AtomicInteger();

    Counters(LiveAgentStatistics stats) {
        this.stats = stats;
    }

    /** The call, observed: an answer (any status) or a failure without one is recorded before the caller sees it. */
    CompletableFuture<HttpReply> observed(CompletableFuture<HttpReply> call) {
        return call.whenComplete((reply, error) -> {
            if (error == null) {
                stats.answered();
            } else if (!call.isCancelled()) {
                failed(error);
            }
        });
    }

    void answered() {
        stats.answered();
    }

    /** A call or a stream failed without an answer; only the kind of failure is kept, never a URI or a token. */
    void failed(Throwable error) {
        stats.failed(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
    }

    /** A refusal worth counting: 401 (token) or 429 (rate limit). */
    void refused(HttpReply reply) {
        if (reply.status() == 401) {
            stats.unauthorized();
        } else if (reply.status() == 429) {
            stats.throttled();
        }
    }

    void tokenIssued() {
        stats.tokenIssued(false);
    }

    void tokenRefused(int status) {
        stats.tokenRefused(status);
    }

    void renewed() {
        stats.tokenIssued(true);
    }

    void conversationOpened() {
        stats.sessionOpened();
    }

    void conversationsRestored(int n) {
        stats.sessionsRestored(n);
    }

    void conversationLost() {
        stats.sessionLost();
    }

    void reconnected() {
        stats.streamReconnected();
    }

    void streamOpened() {
        openStreams.incrementAndGet();
        stats.streamOpened();
    }

    void streamClosed() {
        openStreams.decrementAndGet();
        stats.streamClosed();
    }

    /** This component's open streams (the statistics may be shared with nothing else, but this is exact). */
    int openStreams() {
        return openStreams.get();
    }

    void backfilled() {
        stats.entryBackfilled();
    }

    void newSession() {
        stats.newMessagingSession();
    }

    EnhancedChat.Counts snapshot() {
        return new EnhancedChat.Counts(stats.tokenRenewals(), stats.unauthorizedAnswers(), stats.throttledAnswers(),
                stats.streamReconnects(), stats.entriesBackfilled(), stats.newMessagingSessions());
    }
}
