package io.github.camelliveagent.component.enhanced;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.github.camelliveagent.component.enhanced.client.MessagingApi;
import io.github.camelliveagent.component.enhanced.model.EntryMapper;
import io.github.camelliveagent.component.enhanced.stream.SseFrame;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.poll.Dispatcher;
import io.github.camelliveagent.component.poll.SessionEvent;
import io.github.camelliveagent.component.session.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From received stream events to the routes: maps each event (§8's mapping), queues what it means for the routes and
 * hands the queue to the {@code liveagent:messages} consumers through the dispatcher, batch after batch, in order; the
 * stream position moves only past what every route processed, a failed event comes again after a back-off, and the
 * hand-over waits while no consumer runs.
 */
final class EventHandOver {

    private static final Logger LOG = LoggerFactory.getLogger(EventHandOver.class);

    private final Dispatcher dispatcher;
    private final Timer timer;
    private final ConversationCalls calls;
    private final Supplier<MessagingApi> api;
    private final ConversationSaver saver;
    private final ConversationEnds ends;

    EventHandOver(Dispatcher dispatcher, Timer timer, ConversationCalls calls, Supplier<MessagingApi> api,
                  ConversationSaver saver, ConversationEnds ends) {
        this.dispatcher = dispatcher;
        this.timer = timer;
        this.calls = calls;
        this.api = api;
        this.saver = saver;
        this.ends = ends;
    }

    /** Maps and queues one event, starting the hand-over if none runs; true when it brought something new for the routes. */
    boolean process(Conversation c, SseFrame frame) {
        EntryMapper.Mapped mapped;
        try {
            mapped = c.receivedMapped(frame);
        } catch (IllegalArgumentException malformed) {
            LOG.warn("Conversation {}: stream event {} ({}) is malformed and skipped: {}", c.id, frame.id(), frame.event(),
                    malformed.getMessage());
            return false;
        }
        if (mapped == null) {
            return false; // a replay of an event held already
        }
        if (c.startHandOverIfIdle()) {
            handOver(c);
        }
        if (mapped.agentLeft()) {
            checkAgentEnded(c);
        }
        return mapped != EntryMapper.Mapped.NOTHING_NEW;
    }

    /**
     * The agent left with no transfer announced: the conversation's routing status tells an end (NEEDS_ROUTING) from a
     * hand-over (TRANSFER), as the session status event does where the server sends one (miaw-api.md §3.3, §5.7).
     */
    private void checkAgentEnded(Conversation c) {
        calls.call(c, "conversationStatus", t -> api.get().conversationStatus(c.settings, t, c.id)).whenComplete((reply, e) -> {
            if (e != null) {
                LOG.debug("Conversation {}: routing status not read after the agent left: {}", c.id,
                        EnhancedChat.cause(e).getMessage());
                return;
            }
            if (c.isClosing()) {
                return; // the visitor's chatEnd removed the agent: the stream says the session ended by the end user
            }
            // the visitor's endSession removed the agent: its end, by the visitor (where no session status says so)
            String reason = c.isSessionEndRequested() ? "client" : "agent";
            if ("NEEDS_ROUTING".equals(MessagingApi.readRoutingStatus(reply)) && c.local(new ChatEnded(reason, null))) {
                handOver(c);
            }
        });
    }

    /** A consumer started: the conversations that waited for one hand over again. */
    void consumerStarted(Collection<Conversation> conversations) {
        for (Conversation c : conversations) {
            if (c.unpark()) {
                handOver(c);
            }
        }
    }

    /** Hands the queued events to the routes, batch after batch, until none is left or a route fails. */
    void handOver(Conversation c) {
        List<Conversation.Pending> batch = c.nextBatch();
        if (batch == null) {
            afterHandOver(c);
            return;
        }
        List<SessionEvent> events = batch.stream().map(Conversation.Pending::event).filter(e -> e != null).toList();
        if (events.isEmpty()) {
            c.processedUpTo(Long.MAX_VALUE, batch.size());
            saver.changed(c);
            handOver(c);
            return;
        }
        dispatcher.dispatch(events, c.positions).whenComplete((result, error) -> {
            Dispatcher.Outcome outcome = error != null ? Dispatcher.Outcome.FAILED : result.outcome();
            long processed = error != null ? events.get(0).index() - 1 : result.lastProcessed();
            c.processedUpTo(processed, batch.size());
            saver.changed(c);
            switch (outcome) {
                case ALL, HELD -> {
                    c.succeeded();
                    handOver(c);
                }
                case NO_CONSUMER -> {
                    c.park();
                    if (dispatcher.hasOpenSink() && c.unpark()) {
                        handOver(c); // a consumer started meanwhile
                    }
                }
                case FAILED -> {
                    int round = c.failed(events.get(events.size() - 1).index());
                    if (c.isFinished() && round > Math.max(1, c.settings.maxRetries())) {
                        int dropped = c.dropPending();
                        LOG.warn("Conversation {} has ended; {} event(s) failed in the routes {} times and are given up",
                                c.id, dropped, round - 1);
                        afterHandOver(c);
                        return;
                    }
                    timer.schedule(() -> handOver(c), c.settings.backoffMs(round));
                }
            }
        });
    }

    /** The queue ran empty: a conversation that was closed can let its stream go now. */
    private void afterHandOver(Conversation c) {
        if ((c.isClosedByServer() || c.isCloseRequested() && c.sessionEnded()) && !c.isFinished()) {
            ends.finished(c);
        } else if (c.sessionEnded() && !c.isFinished()) {
            ends.releaseLater(c);
        }
    }
}
