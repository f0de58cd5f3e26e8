package io.github.camelliveagent.component.enhanced;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.camelliveagent.component.enhanced.client.MessagingApi;
import io.github.camelliveagent.component.enhanced.model.AccessToken;
import io.github.camelliveagent.component.session.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each conversation's access token valid: a continuation token (miaw-api.md §2.2) at four fifths of the token's
 * life, or at once when a call was answered 401; one renewal at a time per conversation, whoever asks.
 */
final class TokenKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(TokenKeeper.class);

    private final Supplier<MessagingApi> api;
    private final RetryingCalls retrying;
    private final Timer timer;
    private final Counters counters;
    private final Consumer<Conversation> renewed;
    private final BooleanSupplier stopped;

    /**
     * @param renewed told after a conversation got its new token (so that the store keeps it)
     * @param stopped whether the component stopped (no renewal is scheduled then)
     */
    TokenKeeper(Supplier<MessagingApi> api, RetryingCalls retrying, Timer timer, Counters counters,
                Consumer<Conversation> renewed, BooleanSupplier stopped) {
        this.api = api;
        this.retrying = retrying;
        this.timer = timer;
        this.counters = counters;
        this.renewed = renewed;
        this.stopped = stopped;
    }

    /** A continuation token for the same visitor; a renewal already in flight is shared. */
    CompletableFuture<AccessToken> renew(Conversation c) {
        CompletableFuture<AccessToken> mine = new CompletableFuture<>();
        CompletableFuture<AccessToken> inFlight = c.renewalInFlight(mine);
        if (inFlight != null) {
            return inFlight;
        }
        retrying.call("continuation-access-token", c.id, c.settings, () -> api.get().continuationToken(c.settings, c.token()))
                .thenApply(reply -> {
                    AccessToken token = MessagingApi.readToken(reply, System.currentTimeMillis());
                    c.token(token);
                    counters.renewed();
                    scheduleRenewal(c);
                    renewed.accept(c);
                    LOG.debug("Conversation {}: access token renewed", c.id);
                    return token;
                })
                .whenComplete((token, e) -> {
                    if (e != null) {
                        mine.completeExceptionally(e);
                    } else {
                        mine.complete(token);
                    }
                });
        return mine;
    }

    /** Renews the conversation's current token when four fifths of its life are over (if its expiry is readable). */
    void scheduleRenewal(Conversation c) {
        AccessToken token = c.token();
        long at = token.renewAtMs();
        if (at < 0) {
            return; // no readable expiry: a 401 renews it
        }
        timer.schedule(() -> {
            if (c.isFinished() || stopped.getAsBoolean() || c.token() != token) {
                return;
            }
            renew(c).whenComplete((t, e) -> {
                if (e != null) {
                    LOG.warn("Conversation {}: the access token could not be renewed before it expires: {}", c.id,
                            EnhancedChat.cause(e).getMessage());
                }
            });
        }, at - System.currentTimeMillis());
    }
}
