package io.github.camelliveagent.component.enhanced;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.camelliveagent.component.enhanced.client.EnhancedChatException;
import io.github.camelliveagent.component.enhanced.client.MessagingApi;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.session.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends conversations for this component, one way whatever the cause: the routes get a last ChatEnded (unless they
 * have this session's end already), the stream closes, the store forgets it, and the component forgets it once the
 * retention is over and nothing is left to hand over.
 */
final class ConversationEnds {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationEnds.class);

    private final Map<String, Conversation> conversations;
    private final Timer timer;
    private final ConversationSaver saver;
    private final Supplier<MessagingApi> api;
    private final long endedRetentionMs;
    private final Consumer<Conversation> handOver;
    private final Counters counters;

    /** @param handOver starts handing a conversation's queued events to the routes */
    ConversationEnds(Map<String, Conversation> conversations, Timer timer, ConversationSaver saver,
                     Supplier<MessagingApi> api, long endedRetentionMs, Consumer<Conversation> handOver,
                     Counters counters) {
        this.counters = counters;
        this.conversations = conversations;
        this.timer = timer;
        this.saver = saver;
        this.api = api;
        this.endedRetentionMs = endedRetentionMs;
        this.handOver = handOver;
    }

    /**
     * The conversation cannot go on here: the routes get ChatEnded with this reason; a startChat still waiting for the
     * stream fails instead (its caller abandons the conversation).
     */
    void lost(Conversation c, CompletableFuture<Void> opened, String why, String reason) {
        if (opened != null && !opened.isDone()) {
            opened.completeExceptionally(new EnhancedChatException("startChat", c.id, 0, why));
            return;
        }
        LOG.warn("Conversation {} is over: {}", c.id, why);
        counters.conversationLost();
        end(c, new ChatEnded(reason, null));
    }

    /** Ends it with this last event for the routes (dropped when they have this session's end already). */
    void end(Conversation c, ChatEnded last) {
        if (c.local(last)) {
            handOver.accept(c);
        }
        finished(c);
    }

    /** Over for this component: stream closed, store entry removed, forgotten after the retention. */
    void finished(Conversation c) {
        if (!c.finish()) {
            return;
        }
        closeStream(c);
        saver.forget(c);
        timer.schedule(() -> {
            if (!c.hasPending()) {
                conversations.remove(c.id, c);
            }
        }, endedRetentionMs);
    }

    /** startChat failed: nothing is left behind (the conversation, if created, is closed on the server). */
    void abandon(Conversation c) {
        c.finish();
        closeStream(c);
        conversations.remove(c.id, c);
        api.get().closeConversation(c.settings, c.token(), c.id).whenComplete((r, e) -> {
        });
    }

    /** The session ended but the conversation lives on: its stream stays for a while, in case the visitor writes again. */
    void releaseLater(Conversation c) {
        ConversationState endedState = c.state();
        timer.schedule(() -> {
            if (!c.isFinished() && c.sessionEnded() && c.state() == endedState && !c.hasPending()) {
                finished(c);
            }
        }, endedRetentionMs);
    }

    void closeStream(Conversation c) {
        Runnable cancel = c.stream.takeCanceller();
        if (cancel != null) {
            // not on the I/O thread that may be calling us back
            timer.schedule(cancel, 0);
        }
    }
}
