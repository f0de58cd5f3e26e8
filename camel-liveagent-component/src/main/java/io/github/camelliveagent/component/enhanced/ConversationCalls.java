package io.github.camelliveagent.component.enhanced;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.github.camelliveagent.component.enhanced.client.HttpReply;
import io.github.camelliveagent.component.enhanced.model.AccessToken;

/**
 * A conversation's REST calls with its current token: a 401 renews the token once and the call goes again (the token
 * may have expired in flight, miaw-api.md §2.4); a 429 waits and goes again; any other refusal fails the call.
 */
final class ConversationCalls {

    private final RetryingCalls retrying;
    private final TokenKeeper tokens;
    private final Counters counters;

    ConversationCalls(RetryingCalls retrying, TokenKeeper tokens, Counters counters) {
        this.retrying = retrying;
        this.tokens = tokens;
        this.counters = counters;
    }

    /** @param call the call made with the token it is given (the current one, or the renewed one after a 401) */
    CompletableFuture<HttpReply> call(Conversation c, String op, Function<AccessToken, CompletableFuture<HttpReply>> call) {
        return attempt(c, op, call, 1, false);
    }

    private CompletableFuture<HttpReply> attempt(Conversation c, String op,
                                                 Function<AccessToken, CompletableFuture<HttpReply>> call, int round,
                                                 boolean renewed) {
        return counters.observed(call.apply(c.token())).thenCompose(reply -> {
            if (reply.isSuccess()) {
                return CompletableFuture.completedFuture(reply);
            }
            counters.refused(reply);
            if (reply.status() == 401 && !renewed) {
                return tokens.renew(c).thenCompose(t -> attempt(c, op, call, round, true));
            }
            if (reply.status() == 429 && round <= c.settings.maxRetries()) {
                return retrying.delay(RetryingCalls.backoff(c.settings, reply, round))
                        .thenCompose(x -> attempt(c, op, call, round + 1, renewed));
            }
            throw RetryingCalls.refused(op, c.id, reply);
        });
    }
}
