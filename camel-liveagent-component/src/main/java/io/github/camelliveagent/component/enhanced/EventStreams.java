package io.github.camelliveagent.component.enhanced;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.github.camelliveagent.component.enhanced.client.HttpReply;
import io.github.camelliveagent.component.enhanced.client.MessagingApi;
import io.github.camelliveagent.component.enhanced.client.StreamListener;
import io.github.camelliveagent.component.enhanced.model.EntryMapper;
import io.github.camelliveagent.component.enhanced.stream.SseFrame;
import io.github.camelliveagent.component.session.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each conversation's event stream open: opens it from the last event the routes processed, reopens it after a
 * drop or a refusal (a 401 renews the token first; 429 and 5xx back off; {@code maxPollRetries} failures in a row lose
 * the conversation), and when a reopened stream's first event arrives reads the conversation's history up to it, so
 * that entries the server did not replay reach the routes first, in order (miaw-api.md §5.6).
 */
final class EventStreams {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);

    private final Supplier<MessagingApi> api;
    private final Timer timer;
    private final Counters counters;
    private final TokenKeeper tokens;
    private final ConversationCalls calls;
    private final EventHandOver handOver;
    private final ConversationEnds ends;
    private final BooleanSupplier stopped;

    EventStreams(Supplier<MessagingApi> api, Timer timer, Counters counters, TokenKeeper tokens, ConversationCalls calls,
                 EventHandOver handOver, ConversationEnds ends, BooleanSupplier stopped) {
        this.api = api;
        this.timer = timer;
        this.counters = counters;
        this.tokens = tokens;
        this.calls = calls;
        this.handOver = handOver;
        this.ends = ends;
        this.stopped = stopped;
    }

    /**
     * Opens (or reopens) the conversation's stream from the last position the routes processed.
     *
     * @param opened completed when the server accepted the stream, failed when it never did (may be null)
     */
    void open(Conversation c, CompletableFuture<Void> opened) {
        if (stopped.getAsBoolean() || c.isFinished()) {
            return;
        }
        long epoch = c.stream.newAttempt();
        Runnable cancel = api.get().openStream(c.settings, c.token(), c.streamPosition(), new StreamListener() {
            private volatile boolean wasOpen;

            @Override
            public void opened() {
                wasOpen = true;
                counters.answered();
                counters.streamOpened();
                c.stream.opened();
                if (opened != null) {
                    opened.complete(null);
                }
            }

            @Override
            public void frame(SseFrame frame) {
                if (c.isCurrentStream(epoch)) {
                    received(c, frame);
                }
            }

            @Override
            public void refused(HttpReply reply) {
                counters.answered();
                if (!c.isCurrentStream(epoch)) {
                    return;
                }
                streamRefused(c, reply, opened);
            }

            @Override
            public void closed(Throwable failure) {
                if (wasOpen) {
                    counters.streamClosed();
                }
                if (failure != null) {
                    counters.failed(failure); // as a Live Agent poll that failed without an answer
                }
                if (!c.isCurrentStream(epoch)) {
                    return;
                }
                streamClosed(c, failure, wasOpen, opened);
            }
        });
        c.stream.canceller(epoch, cancel);
    }

    private void streamRefused(Conversation c, HttpReply reply, CompletableFuture<Void> opened) {
        counters.refused(reply);
        counters.reconnected();
        if (reply.status() == 401) {
            tokens.renew(c).whenComplete((t, e) -> {
                if (e != null) {
                    ends.lost(c, opened, "the access token expired and could not be renewed: "
                                         + EnhancedChat.cause(e).getMessage(), "sessionInvalid");
                } else {
                    open(c, opened);
                }
            });
            return;
        }
        boolean retriable = reply.status() == 429 || reply.status() >= 500;
        int failures = c.stream.failed();
        if (!retriable || failures > c.settings.maxRetries()) {
            ends.lost(c, opened, "the event stream was refused with HTTP " + reply.status()
                                 + (reply.bodyExcerpt().isEmpty() ? "" : ": " + reply.bodyExcerpt()), "connectionLost");
            return;
        }
        long wait = RetryingCalls.backoff(c.settings, reply, failures);
        LOG.debug("Conversation {}: event stream refused with HTTP {}; reconnecting in {} ms", c.id, reply.status(), wait);
        timer.schedule(() -> open(c, opened), wait);
    }

    private void streamClosed(Conversation c, Throwable failure, boolean wasOpen, CompletableFuture<Void> opened) {
        if (stopped.getAsBoolean() || c.isFinished()) {
            return;
        }
        int failures = wasOpen ? 1 : c.stream.failed();
        if (!wasOpen && failures > c.settings.maxRetries()) {
            ends.lost(c, opened, "the event stream could not be opened: " + (failure == null ? "closed" : failure.toString()),
                    "connectionLost");
            return;
        }
        long wait = c.settings.backoffMs(failures);
        counters.reconnected();
        LOG.debug("Conversation {}: event stream {} ({}); resuming from event {} in {} ms", c.id,
                wasOpen ? "dropped" : "not opened", failure == null ? "closed by the server" : failure.toString(),
                c.streamPosition(), wait);
        timer.schedule(() -> open(c, wasOpen ? null : opened), wait);
    }

    /** On an I/O thread: queue the event; the hand-over itself runs on the dispatcher's threads. */
    private void received(Conversation c, SseFrame frame) {
        switch (c.stream.admit(frame)) {
            case PROCESS -> handOver.process(c, frame);
            case HELD -> {
                // the gap check in progress hands it over after the history
            }
            case CHECK_GAP -> backfill(c, frame);
        }
    }

    /**
     * The stream was reopened: the history up to its first event is read, and entries the stream did not replay (a gap
     * the server could not fill from Last-Event-Id) are handed over first, in order, then the events that arrived
     * meanwhile. Entries already received are recognised by their identifiers.
     */
    private void backfill(Conversation c, SseFrame first) {
        long from = c.lastEntryTimestamp();
        EntryMapper.Identity upTo = EntryMapper.identify(first);
        long cutoff = upTo.timestamp() > 0 ? upTo.timestamp() : System.currentTimeMillis();
        calls.call(c, "entries", t -> api.get().entries(c.settings, t, c.id, from, cutoff)).whenComplete((reply, e) -> {
            if (e != null) {
                LOG.warn("Conversation {}: the history after the stream reopened could not be read ({}); a gap the"
                         + " stream did not replay would stay unfilled", c.id, EnhancedChat.cause(e).getMessage());
            } else {
                int filled = 0;
                try {
                    for (SseFrame entry : EntryMapper.historyAsEvents(reply.body(), c.id)) {
                        if (upTo.entryId() != null && upTo.entryId().equals(EntryMapper.identify(entry).entryId())) {
                            break; // the stream's own first event: it and what follows come from the stream
                        }
                        if (handOver.process(c, entry)) {
                            filled++;
                            counters.backfilled();
                        }
                    }
                } catch (IllegalArgumentException malformed) {
                    LOG.warn("Conversation {}: {}", c.id, malformed.getMessage());
                }
                if (filled > 0) {
                    LOG.info("Conversation {}: {} entr(ies) the reopened stream did not replay were read from its history",
                            c.id, filled);
                }
            }
            for (List<SseFrame> held = c.stream.takeHeld(); !held.isEmpty(); held = c.stream.takeHeld()) {
                held.forEach(f -> handOver.process(c, f));
            }
        });
    }
}
