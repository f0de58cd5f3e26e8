package io.github.camelliveagent.component.enhanced;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.github.camelliveagent.component.enhanced.client.EnhancedChatException;
import io.github.camelliveagent.component.enhanced.client.EnhancedChatSettings;
import io.github.camelliveagent.component.enhanced.client.HttpReply;
import io.github.camelliveagent.component.session.Timer;

/**
 * Calls to the Messaging API that wait and go again when answered 429 (the published rate limits, miaw-api.md §6):
 * {@code Retry-After} when the server gives one, else the settings' doubling back-off, {@code maxPollRetries} times.
 * Any other refusal fails the call with an exception naming the operation and the status.
 */
final class RetryingCalls {

    private final Timer timer;
    private final Counters counters;

    RetryingCalls(Timer timer, Counters counters) {
        this.timer = timer;
        this.counters = counters;
    }

    /** The call, again after a 429 while retries are left; completes with the first successful reply. */
    CompletableFuture<HttpReply> call(String op, String conversationId, EnhancedChatSettings s,
                                      Supplier<CompletableFuture<HttpReply>> call) {
        return attempt(op, conversationId, s, call, 1);
    }

    private CompletableFuture<HttpReply> attempt(String op, String conversationId, EnhancedChatSettings s,
                                                 Supplier<CompletableFuture<HttpReply>> call, int round) {
        return counters.observed(call.get()).thenCompose(reply -> {
            if (reply.isSuccess()) {
                return CompletableFuture.completedFuture(reply);
            }
            counters.refused(reply);
            if (reply.status() == 429 && round <= s.maxRetries()) {
                return delay(backoff(s, reply, round)).thenCompose(x -> attempt(op, conversationId, s, call, round + 1));
            }
            throw refused(op, conversationId, reply);
        });
    }

    /** How long to wait before the next round: the server's Retry-After, else the back-off of that round. */
    static long backoff(EnhancedChatSettings s, HttpReply reply, int round) {
        return reply.retryAfterMs() >= 0 ? reply.retryAfterMs() : s.backoffMs(round);
    }

    static CompletionException refused(String op, String conversationId, HttpReply reply) {
        return new CompletionException(new EnhancedChatException(op, conversationId, reply.status(),
                "the server refused the call" + (reply.bodyExcerpt().isEmpty() ? "" : ": " + reply.bodyExcerpt())));
    }

    /** Completes after this long, on the component's timer (no thread waits). */
    CompletableFuture<Void> delay(long ms) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        timer.schedule(() -> done.complete(null), ms);
        return done;
    }
}
