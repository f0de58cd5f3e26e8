package io.github.camelliveagent.component.enhanced;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.camelliveagent.component.enhanced.client.EnhancedChatException;
import io.github.camelliveagent.component.enhanced.client.EnhancedChatSettings;
import io.github.camelliveagent.component.enhanced.client.HttpReply;
import io.github.camelliveagent.component.enhanced.client.MessagingApi;
import io.github.camelliveagent.component.enhanced.client.MessagingHttp;
import io.github.camelliveagent.component.enhanced.client.StreamListener;
import io.github.camelliveagent.component.enhanced.model.AccessToken;
import io.github.camelliveagent.component.enhanced.model.EntryMapper;
import io.github.camelliveagent.component.enhanced.stream.SseFrame;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.poll.Dispatcher;
import io.github.camelliveagent.component.poll.SessionEvent;
import io.github.camelliveagent.component.session.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Enhanced Chat side of a component: its conversations, the event stream each keeps open, their tokens, and the
 * calls routes make on them. Events reach the routes through the component's dispatcher, as Live Agent events do, in
 * stream order; the stream position a reconnect resumes from moves only once the routes processed the events before
 * it. A 401 renews the token (continuation token) and the call is made once more; a 429 backs off.
 */
public final class EnhancedChat {

    private static final Logger LOG = LoggerFactory.getLogger(EnhancedChat.class);

    private final Supplier<MessagingHttp> httpFactory;
    private final Dispatcher dispatcher;
    private final Timer timer;
    private final long endedRetentionMs;
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final ConversationStore store;
    private final java.util.concurrent.Executor storeWriter;
    private final Map<String, Conversation> unsaved = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean saveScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile MessagingHttp http;
    private volatile MessagingApi api;
    private volatile boolean stopped;
    private final java.util.concurrent.atomic.AtomicLong renewals = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong unauthorized = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong throttled = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong reconnects = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong backfilled = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger openStreams = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * What the conversations went through so far.
     *
     * @param renewals     access tokens renewed (continuation tokens)
     * @param unauthorized 401 answers (REST or stream)
     * @param throttled    429 answers (REST or stream)
     * @param reconnects   event streams reopened after they dropped or were refused
     * @param backfilled   entries read from a conversation's history because a reopened stream did not replay them
     */
    public record Counts(long renewals, long unauthorized, long throttled, long reconnects, long backfilled) {
    }

    public Counts counts() {
        return new Counts(renewals.get(), unauthorized.get(), throttled.get(), reconnects.get(), backfilled.get());
    }

    /**
     * @param httpFactory      makes the HTTP client when the first conversation starts
     * @param dispatcher       hands events to the {@code liveagent:messages} consumers
     * @param timer            the component's timer (back-offs, renewals)
     * @param endedRetentionMs how long an ended conversation stays known (and a conversation whose session ended keeps
     *                         its stream, so that the visitor may write again)
     */
    public EnhancedChat(Supplier<MessagingHttp> httpFactory, Dispatcher dispatcher, Timer timer, long endedRetentionMs) {
        this(httpFactory, dispatcher, timer, endedRetentionMs, ConversationStore.NONE, Runnable::run);
    }

    /**
     * @param store       where conversations are kept for a restart
     * @param storeWriter the one thread that writes the store (never an I/O thread)
     */
    public EnhancedChat(Supplier<MessagingHttp> httpFactory, Dispatcher dispatcher, Timer timer, long endedRetentionMs,
                        ConversationStore store, java.util.concurrent.Executor storeWriter) {
        this.store = store;
        this.storeWriter = storeWriter;
        this.httpFactory = httpFactory;
        this.dispatcher = dispatcher;
        this.timer = timer;
        this.endedRetentionMs = endedRetentionMs;
        dispatcher.onSinkRegistered(this::consumerStarted);
    }

    private MessagingApi api() {
        MessagingApi a = api;
        if (a == null) {
            synchronized (this) {
                if (api == null) {
                    http = httpFactory.get();
                    api = new MessagingApi(http);
                }
                a = api;
            }
        }
        return a;
    }

    /**
     * Closes every stream (the conversations stay open on the server) and the HTTP client; with a persistent store,
     * the conversations' latest state is saved (by the store's writer, which the component drains after this).
     */
    public void stop() {
        stopped = true;
        for (Conversation c : conversations.values()) {
            closeStream(c);
            changed(c);
        }
        conversations.clear();
        MessagingHttp h = http;
        if (h != null) {
            h.close();
        }
    }

    /** How many event streams are open now (one per live conversation). */
    public int openStreams() {
        return openStreams.get();
    }

    /** How many conversations this component knows (ended ones included for a while). */
    public int size() {
        return conversations.size();
    }

    /** How many known conversations are in each state. */
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Conversation c : conversations.values()) {
            counts.merge(c.state().name(), 1L, Long::sum);
        }
        return counts;
    }

    /** The state of a known conversation, or null. */
    public ConversationState state(String conversationId) {
        Conversation c = conversations.get(conversationId);
        return c == null ? null : c.state();
    }

    // ------------------------------------------------------------------ persistence

    /** The conversation's state moved (created, token renewed, stream position): saved soon, latest state wins. */
    private void changed(Conversation c) {
        if (!store.isPersistent() || c.isFinished()) {
            return;
        }
        unsaved.put(c.id, c);
        if (saveScheduled.compareAndSet(false, true)) {
            storeWriter.execute(this::saveChanged);
        }
    }

    private void saveChanged() {
        saveScheduled.set(false);
        for (String id : List.copyOf(unsaved.keySet())) {
            Conversation c = unsaved.remove(id);
            if (c == null || c.isFinished()) {
                continue;
            }
            try {
                store.save(c.save());
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("Conversation {} could not be saved to {}: {}", c.id, store, e.getMessage());
            }
        }
    }

    private void forget(Conversation c) {
        if (store.isPersistent()) {
            storeWriter.execute(() -> {
                try {
                    store.remove(c.id);
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.warn("Conversation {} could not be removed from {}: {}", c.id, store, e.getMessage());
                }
            });
        }
    }

    /**
     * Resumes the conversations a store kept, on this deployment: each reopens its stream from the position the routes
     * had processed (the history fills what the server does not replay) and renews its token when due.
     *
     * @return how many were resumed
     */
    public int restore(EnhancedChatSettings settings) throws java.io.IOException {
        int n = 0;
        for (SavedConversation saved : store.loadAll()) {
            Conversation c = Conversation.restore(saved, settings, System.currentTimeMillis());
            if (conversations.putIfAbsent(c.id, c) != null) {
                continue;
            }
            n++;
            if (c.isClosedByServer()) {
                finished(c);
                continue;
            }
            openStream(c, null);
            scheduleRenewal(c);
        }
        return n;
    }

    // ------------------------------------------------------------------ operations

    /**
     * startChat: a guest access token, the event stream opened from the token's position, then the conversation
     * (lowercase UUID v4) with the routing attributes. Completes with the conversation id.
     */
    public CompletableFuture<String> startChat(EnhancedChatSettings settings, Map<String, ?> routingAttributes,
                                               String correlationId) {
        String op = "startChat";
        return withRetries(op, null, settings, () -> api().accessToken(settings)).thenCompose(reply -> {
            AccessToken token = MessagingApi.readToken(reply, System.currentTimeMillis());
            Conversation c = new Conversation(MessagingApi.newId(), settings, token, correlationId, routingAttributes);
            conversations.put(c.id, c);
            CompletableFuture<Void> opened = new CompletableFuture<>();
            openStream(c, opened);
            return opened
                    .thenCompose(x -> call(c, op, t -> api().createConversation(settings, t, c.id, routingAttributes)))
                    .thenApply(created -> {
                        scheduleRenewal(c);
                        changed(c);
                        return c.id;
                    })
                    .whenComplete((id, error) -> {
                        if (error != null) {
                            abandon(c);
                        }
                    });
        });
    }

    /** chatMessage: a text message with a new message id (kept across a retry). */
    public CompletableFuture<Void> message(String conversationId, String text) {
        String op = "chatMessage";
        Conversation c = live(op, conversationId);
        String messageId = MessagingApi.newId();
        return c.afterPrevious(() -> call(c, op, t -> api().sendMessage(c.settings, t, c.id, messageId, text))
                .exceptionallyCompose(e -> {
                    // 417: the deployment asks for pre-chat every session and the last one ended (miaw-api.md §3.7):
                    // the same message again, opening a new session with the conversation's pre-chat fields
                    if (cause(e) instanceof EnhancedChatException refused && refused.getStatusCode() == 417) {
                        return call(c, op, t -> api().sendMessage(c.settings, t, c.id, messageId, text,
                                c.routingAttributes));
                    }
                    return CompletableFuture.failedFuture(e);
                })).thenRun(() -> {
                });
    }

    /** chasitorTyping / chasitorNotTyping: the typing indicator entries. */
    public CompletableFuture<Void> typing(String conversationId, boolean started) {
        String op = started ? "chasitorTyping" : "chasitorNotTyping";
        Conversation c = live(op, conversationId);
        return c.afterPrevious(() -> call(c, op, t -> api().typing(c.settings, t, c.id, started))).thenRun(() -> {
        });
    }

    /** acknowledgeDelivery / acknowledgeRead of an agent entry: the one given, else the latest the routes processed. */
    public CompletableFuture<Void> acknowledge(String conversationId, boolean read, String entryId) throws EnhancedChatException {
        String op = read ? "acknowledgeRead" : "acknowledgeDelivery";
        Conversation c = live(op, conversationId);
        String target = entryId != null ? entryId : c.lastAgentEntryId();
        if (target == null) {
            throw new EnhancedChatException(op, conversationId, 0, "no agent message has reached the routes yet, and no"
                                                                   + " entry id was given to acknowledge");
        }
        return c.afterPrevious(() -> call(c, op, t -> api().acknowledge(c.settings, t, c.id, read ? "Read" : "Delivery",
                target))).thenRun(() -> {
                });
    }

    /** sendFile: multipart, the size limit checked by the caller. */
    public CompletableFuture<Void> sendFile(String conversationId, String caption, String fileName, String contentType,
                                            byte[] content) {
        String op = "sendFile";
        Conversation c = live(op, conversationId);
        String messageId = MessagingApi.newId();
        return c.afterPrevious(() -> call(c, op,
                t -> api().sendFile(c.settings, t, c.id, messageId, caption, fileName, contentType, content))).thenRun(() -> {
                });
    }

    /** endSession: ends the messaging session; the conversation stays open (the stream reports the session's end). */
    public CompletableFuture<Void> endSession(String conversationId) {
        String op = "endSession";
        Conversation c = live(op, conversationId);
        return c.afterPrevious(() -> {
            // the agent's removal that follows is this end's answer, not the agent ending (see checkAgentEnded)
            c.sessionEndRequested();
            return call(c, op, t -> api().endSession(c.settings, t, c.id));
        }).thenRun(() -> {
        });
    }

    /**
     * chatEnd: closes the conversation. The routes get ChatEnded from the stream's close event; should none come within
     * the request timeout, the component makes it and closes the stream.
     */
    public CompletableFuture<Void> close(String conversationId) {
        String op = "chatEnd";
        Conversation c = live(op, conversationId);
        return c.afterPrevious(() -> {
            c.closing(true);
            return call(c, op, t -> api().closeConversation(c.settings, t, c.id)).whenComplete((reply, e) -> {
                if (e == null) {
                    c.closeRequested();
                }
                c.closing(false);
            });
        }).thenRun(() -> {
            timer.schedule(() -> {
                if (!c.isFinished()) {
                    LOG.debug("Conversation {}: no close event came after chatEnd; ending it here", c.id);
                    end(c, new ChatEnded("client", null));
                }
            }, c.settings.requestTimeoutMs());
        });
    }

    private Conversation live(String op, String conversationId) {
        if (conversationId == null || conversationId.isBlank()) {
            throw new CompletionException(new EnhancedChatException(op, null, 0,
                    "no conversation named: set header CamelLiveAgentSessionId to the id startChat returned"));
        }
        Conversation c = conversations.get(conversationId);
        if (c == null) {
            throw new CompletionException(new EnhancedChatException(op, conversationId, 0,
                    "no such conversation in this component (never started here, or forgotten since it ended)"));
        }
        if (c.isFinished() || c.isCloseRequested()) {
            throw new CompletionException(new EnhancedChatException(op, conversationId, 0, "the conversation has ended"));
        }
        return c;
    }

    // ------------------------------------------------------------------ calls: 401 renews, 429 backs off

    private CompletableFuture<HttpReply> call(Conversation c, String op, Function<AccessToken, CompletableFuture<HttpReply>> call) {
        return attempt(c, op, call, 1, false);
    }

    private CompletableFuture<HttpReply> attempt(Conversation c, String op,
                                                 Function<AccessToken, CompletableFuture<HttpReply>> call, int round,
                                                 boolean renewed) {
        return call.apply(c.token()).thenCompose(reply -> {
            if (reply.isSuccess()) {
                return CompletableFuture.completedFuture(reply);
            }
            count(reply);
            if (reply.status() == 401 && !renewed) {
                return renew(c).thenCompose(t -> attempt(c, op, call, round, true));
            }
            if (reply.status() == 429 && round <= c.settings.maxRetries()) {
                return delay(backoff(c.settings, reply, round)).thenCompose(x -> attempt(c, op, call, round + 1, renewed));
            }
            throw refused(op, c.id, reply);
        });
    }

    /** A call without a conversation (the token): 429 backs off. */
    private CompletableFuture<HttpReply> withRetries(String op, String conversationId, EnhancedChatSettings s,
                                                     Supplier<CompletableFuture<HttpReply>> call) {
        return retrying(op, conversationId, s, call, 1);
    }

    private CompletableFuture<HttpReply> retrying(String op, String conversationId, EnhancedChatSettings s,
                                                  Supplier<CompletableFuture<HttpReply>> call, int round) {
        return call.get().thenCompose(reply -> {
            if (reply.isSuccess()) {
                return CompletableFuture.completedFuture(reply);
            }
            count(reply);
            if (reply.status() == 429 && round <= s.maxRetries()) {
                return delay(backoff(s, reply, round)).thenCompose(x -> retrying(op, conversationId, s, call, round + 1));
            }
            throw refused(op, conversationId, reply);
        });
    }

    private void count(HttpReply refused) {
        if (refused.status() == 401) {
            unauthorized.incrementAndGet();
        } else if (refused.status() == 429) {
            throttled.incrementAndGet();
        }
    }

    private static long backoff(EnhancedChatSettings s, HttpReply reply, int round) {
        return reply.retryAfterMs() >= 0 ? reply.retryAfterMs() : s.backoffMs(round);
    }

    private static CompletionException refused(String op, String conversationId, HttpReply reply) {
        return new CompletionException(new EnhancedChatException(op, conversationId, reply.status(),
                "the server refused the call" + (reply.bodyExcerpt().isEmpty() ? "" : ": " + reply.bodyExcerpt())));
    }

    private CompletableFuture<Void> delay(long ms) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        timer.schedule(() -> done.complete(null), ms);
        return done;
    }

    // ------------------------------------------------------------------ token

    /** A continuation token for the same visitor; one renewal at a time per conversation. */
    private CompletableFuture<AccessToken> renew(Conversation c) {
        CompletableFuture<AccessToken> mine = new CompletableFuture<>();
        CompletableFuture<AccessToken> inFlight = c.renewalInFlight(mine);
        if (inFlight != null) {
            return inFlight;
        }
        retrying("continuation-access-token", c.id, c.settings, () -> api().continuationToken(c.settings, c.token()), 1)
                .thenApply(reply -> {
                    AccessToken renewed = MessagingApi.readToken(reply, System.currentTimeMillis());
                    c.token(renewed);
                    renewals.incrementAndGet();
                    scheduleRenewal(c);
                    changed(c);
                    LOG.debug("Conversation {}: access token renewed", c.id);
                    return renewed;
                })
                .whenComplete((renewed, e) -> {
                    if (e != null) {
                        mine.completeExceptionally(e);
                    } else {
                        mine.complete(renewed);
                    }
                });
        return mine;
    }

    private void scheduleRenewal(Conversation c) {
        AccessToken token = c.token();
        long at = token.renewAtMs();
        if (at < 0) {
            return; // no readable expiry: a 401 renews it
        }
        timer.schedule(() -> {
            if (c.isFinished() || stopped || c.token() != token) {
                return;
            }
            renew(c).whenComplete((t, e) -> {
                if (e != null) {
                    LOG.warn("Conversation {}: the access token could not be renewed before it expires: {}", c.id,
                            cause(e).getMessage());
                }
            });
        }, at - System.currentTimeMillis());
    }

    // ------------------------------------------------------------------ the event stream

    /**
     * Opens (or reopens) the conversation's stream from the last position the routes processed.
     *
     * @param opened completed when the server accepted the stream, failed when it never did (may be null)
     */
    private void openStream(Conversation c, CompletableFuture<Void> opened) {
        if (stopped || c.isFinished()) {
            return;
        }
        long epoch = c.newStream();
        Runnable cancel = api().openStream(c.settings, c.token(), c.streamPosition(), new StreamListener() {
            private volatile boolean wasOpen;

            @Override
            public void opened() {
                wasOpen = true;
                openStreams.incrementAndGet();
                c.streamOpened();
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
                if (!c.isCurrentStream(epoch)) {
                    return;
                }
                streamRefused(c, reply, opened);
            }

            @Override
            public void closed(Throwable failure) {
                if (wasOpen) {
                    openStreams.decrementAndGet();
                }
                if (!c.isCurrentStream(epoch)) {
                    return;
                }
                streamClosed(c, failure, wasOpen, opened);
            }
        });
        c.streamCanceller(epoch, cancel);
    }

    private void streamRefused(Conversation c, HttpReply reply, CompletableFuture<Void> opened) {
        count(reply);
        reconnects.incrementAndGet();
        if (reply.status() == 401) {
            renew(c).whenComplete((t, e) -> {
                if (e != null) {
                    lost(c, opened, "the access token expired and could not be renewed: " + cause(e).getMessage(),
                            "sessionInvalid");
                } else {
                    openStream(c, opened);
                }
            });
            return;
        }
        boolean retriable = reply.status() == 429 || reply.status() >= 500;
        int failures = c.connectFailed();
        if (!retriable || failures > c.settings.maxRetries()) {
            lost(c, opened, "the event stream was refused with HTTP " + reply.status()
                            + (reply.bodyExcerpt().isEmpty() ? "" : ": " + reply.bodyExcerpt()), "connectionLost");
            return;
        }
        long wait = backoff(c.settings, reply, failures);
        LOG.debug("Conversation {}: event stream refused with HTTP {}; reconnecting in {} ms", c.id, reply.status(), wait);
        timer.schedule(() -> openStream(c, opened), wait);
    }

    private void streamClosed(Conversation c, Throwable failure, boolean wasOpen, CompletableFuture<Void> opened) {
        if (stopped || c.isFinished()) {
            return;
        }
        int failures = wasOpen ? 1 : c.connectFailed();
        if (!wasOpen && failures > c.settings.maxRetries()) {
            lost(c, opened, "the event stream could not be opened: " + (failure == null ? "closed" : failure.toString()),
                    "connectionLost");
            return;
        }
        long wait = c.settings.backoffMs(failures);
        reconnects.incrementAndGet();
        LOG.debug("Conversation {}: event stream {} ({}); resuming from event {} in {} ms", c.id,
                wasOpen ? "dropped" : "not opened", failure == null ? "closed by the server" : failure.toString(),
                c.streamPosition(), wait);
        timer.schedule(() -> openStream(c, wasOpen ? null : opened), wait);
    }

    /** On an I/O thread: queue the event; the hand-over itself runs on the dispatcher's threads. */
    private void received(Conversation c, SseFrame frame) {
        switch (c.admit(frame)) {
            case PROCESS -> process(c, frame);
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
        call(c, "entries", t -> api().entries(c.settings, t, c.id, from, cutoff)).whenComplete((reply, e) -> {
            if (e != null) {
                LOG.warn("Conversation {}: the history after the stream reopened could not be read ({}); a gap the"
                         + " stream did not replay would stay unfilled", c.id, cause(e).getMessage());
            } else {
                int before = backfilled.intValue();
                try {
                    for (SseFrame entry : EntryMapper.historyAsEvents(reply.body(), c.id)) {
                        if (upTo.entryId() != null && upTo.entryId().equals(EntryMapper.identify(entry).entryId())) {
                            break; // the stream's own first event: it and what follows come from the stream
                        }
                        if (process(c, entry)) {
                            backfilled.incrementAndGet();
                        }
                    }
                } catch (IllegalArgumentException malformed) {
                    LOG.warn("Conversation {}: {}", c.id, malformed.getMessage());
                }
                if (backfilled.intValue() > before) {
                    LOG.info("Conversation {}: {} entr(ies) the reopened stream did not replay were read from its history",
                            c.id, backfilled.intValue() - before);
                }
            }
            for (List<SseFrame> held = c.takeHeldFrames(); !held.isEmpty(); held = c.takeHeldFrames()) {
                held.forEach(f -> process(c, f));
            }
        });
    }

    /** Maps and queues one event; true when it brought something new for the routes. */
    private boolean process(Conversation c, SseFrame frame) {
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
        call(c, "conversationStatus", t -> api().conversationStatus(c.settings, t, c.id)).whenComplete((reply, e) -> {
            if (e != null) {
                LOG.debug("Conversation {}: routing status not read after the agent left: {}", c.id, cause(e).getMessage());
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

    private void consumerStarted() {
        for (Conversation c : conversations.values()) {
            if (c.unpark()) {
                handOver(c);
            }
        }
    }

    /** Hands the queued events to the routes, batch after batch, until none is left or a route fails. */
    private void handOver(Conversation c) {
        List<Conversation.Pending> batch = c.nextBatch();
        if (batch == null) {
            afterHandOver(c);
            return;
        }
        List<SessionEvent> events = batch.stream().map(Conversation.Pending::event).filter(e -> e != null).toList();
        if (events.isEmpty()) {
            c.processedUpTo(Long.MAX_VALUE, batch.size());
            changed(c);
            handOver(c);
            return;
        }
        dispatcher.dispatch(events, c.positions).whenComplete((result, error) -> {
            Dispatcher.Outcome outcome = error != null ? Dispatcher.Outcome.FAILED : result.outcome();
            long processed = error != null ? events.get(0).index() - 1 : result.lastProcessed();
            c.processedUpTo(processed, batch.size());
            changed(c);
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
            finished(c);
        } else if (c.sessionEnded() && !c.isFinished()) {
            // the session ended, the conversation lives on: keep the stream for a while in case the visitor writes again
            ConversationState endedState = c.state();
            timer.schedule(() -> {
                if (!c.isFinished() && c.sessionEnded() && c.state() == endedState && !c.hasPending()) {
                    finished(c);
                }
            }, endedRetentionMs);
        }
    }

    /** The conversation cannot go on here: the routes get ChatEnded (unless they have this session's end). */
    private void lost(Conversation c, CompletableFuture<Void> opened, String why, String reason) {
        if (opened != null && !opened.isDone()) {
            opened.completeExceptionally(new EnhancedChatException("startChat", c.id, 0, why));
            return;
        }
        LOG.warn("Conversation {} is over: {}", c.id, why);
        end(c, new ChatEnded(reason, null));
    }

    private void end(Conversation c, ChatEnded last) {
        if (c.local(last)) {
            handOver(c);
        }
        finished(c);
    }

    private void finished(Conversation c) {
        if (!c.finish()) {
            return;
        }
        closeStream(c);
        forget(c);
        timer.schedule(() -> {
            if (!c.hasPending()) {
                conversations.remove(c.id, c);
            }
        }, endedRetentionMs);
    }

    /** startChat failed: nothing is left behind (the conversation, if created, is closed on the server). */
    private void abandon(Conversation c) {
        c.finish();
        closeStream(c);
        conversations.remove(c.id, c);
        api().closeConversation(c.settings, c.token(), c.id).whenComplete((r, e) -> {
        });
    }

    private void closeStream(Conversation c) {
        Runnable cancel = c.takeStreamCanceller();
        if (cancel != null) {
            // not on the I/O thread that may be calling us back
            timer.schedule(cancel, 0);
        }
    }

    /** Conversations known, for tests and statistics. */
    Collection<Conversation> conversations() {
        return conversations.values();
    }

    static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
