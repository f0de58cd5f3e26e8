package io.github.camelliveagent.component.enhanced;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.github.camelliveagent.component.enhanced.client.EnhancedChatException;
import io.github.camelliveagent.component.enhanced.client.EnhancedChatSettings;
import io.github.camelliveagent.component.enhanced.client.HttpReply;
import io.github.camelliveagent.component.enhanced.client.MessagingApi;
import io.github.camelliveagent.component.enhanced.client.MessagingHttp;
import io.github.camelliveagent.component.enhanced.model.AccessToken;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.observe.LiveAgentStatistics;
import io.github.camelliveagent.component.poll.Dispatcher;
import io.github.camelliveagent.component.session.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Enhanced Chat side of a component: the conversations it holds and the operations routes call on them. The work
 * is done by the parts it wires together: {@link TokenKeeper} (tokens), {@link ConversationCalls} (REST calls that
 * survive a 401 or a 429), {@link EventStreams} (each conversation's event stream, reopened and back-filled),
 * {@link EventHandOver} (events mapped and handed to the routes in order), {@link ConversationEnds} (one way to end)
 * and {@link ConversationSaver} (the store).
 */
public final class EnhancedChat {

    private static final Logger LOG = LoggerFactory.getLogger(EnhancedChat.class);

    private final Supplier<MessagingHttp> httpFactory;
    private final Timer timer;
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final Counters counters;
    private final ConversationSaver saver;
    private final TokenKeeper tokens;
    private final ConversationCalls calls;
    private final RetryingCalls retrying;
    private final ConversationEnds ends;
    private final EventHandOver handOver;
    private final EventStreams streams;
    private volatile MessagingHttp http;
    private volatile MessagingApi api;
    private volatile boolean stopped;

    /**
     * What the conversations went through so far.
     *
     * @param renewals     access tokens renewed (continuation tokens)
     * @param unauthorized 401 answers (REST or stream)
     * @param throttled    429 answers (REST or stream)
     * @param reconnects   event streams reopened after they dropped or were refused
     * @param backfilled   entries read from a conversation's history because a reopened stream did not replay them
     * @param newSessions  messages or files sent again opening a new messaging session, after a 417
     */
    public record Counts(long renewals, long unauthorized, long throttled, long reconnects, long backfilled,
                         long newSessions) {
    }

    public Counts counts() {
        return counters.snapshot();
    }

    /**
     * @param httpFactory      makes the HTTP client when the first conversation starts
     * @param dispatcher       hands events to the {@code liveagent:messages} consumers
     * @param timer            the component's timer (back-offs, renewals)
     * @param endedRetentionMs how long an ended conversation stays known (and a conversation whose session ended keeps
     *                         its stream, so that the visitor may write again)
     */
    public EnhancedChat(Supplier<MessagingHttp> httpFactory, Dispatcher dispatcher, Timer timer, long endedRetentionMs) {
        this(httpFactory, dispatcher, timer, endedRetentionMs, ConversationStore.NONE, Runnable::run,
                new LiveAgentStatistics());
    }

    /**
     * @param store       where conversations are kept for a restart
     * @param storeWriter the one thread that writes the store (never an I/O thread)
     * @param statistics  the component's statistics, which its health check and meters read
     */
    public EnhancedChat(Supplier<MessagingHttp> httpFactory, Dispatcher dispatcher, Timer timer, long endedRetentionMs,
                        ConversationStore store, Executor storeWriter, LiveAgentStatistics statistics) {
        this.httpFactory = httpFactory;
        this.counters = new Counters(statistics);
        this.timer = timer;
        Supplier<MessagingApi> api = this::api;
        this.saver = new ConversationSaver(store, storeWriter);
        this.retrying = new RetryingCalls(timer, counters);
        this.tokens = new TokenKeeper(api, retrying, timer, counters, saver::changed, () -> stopped);
        this.calls = new ConversationCalls(retrying, tokens, counters);
        // the ends hand a last event over, and the hand-over may end a conversation: the one late-bound reference
        this.ends = new ConversationEnds(conversations, timer, saver, api, endedRetentionMs, c -> handOver().handOver(c),
                counters);
        this.handOver = new EventHandOver(dispatcher, timer, calls, api, saver, ends);
        this.streams = new EventStreams(api, timer, counters, tokens, calls, handOver, ends, () -> stopped);
        dispatcher.onSinkRegistered(() -> handOver.consumerStarted(conversations.values()));
    }

    private EventHandOver handOver() {
        return handOver;
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
            ends.closeStream(c);
            saver.changed(c);
        }
        conversations.clear();
        MessagingHttp h = http;
        if (h != null) {
            h.close();
        }
    }

    /** How many event streams are open now (one per live conversation). */
    public int openStreams() {
        return counters.openStreams();
    }

    /** How many conversations this component knows (ended ones included for a while). */
    public int size() {
        return conversations.size();
    }

    /** How many known conversations are in each state. */
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new TreeMap<>();
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

    /**
     * Resumes the conversations a store kept, on this deployment: each reopens its stream from the position the routes
     * had processed (the history fills what the server does not replay) and renews its token when due.
     *
     * @return how many were resumed
     */
    public int restore(EnhancedChatSettings settings) throws IOException {
        int n = 0;
        for (SavedConversation saved : saver.loadAll()) {
            Conversation c = Conversation.restore(saved, settings, System.currentTimeMillis());
            if (conversations.putIfAbsent(c.id, c) != null) {
                continue;
            }
            n++;
            if (c.isClosedByServer()) {
                ends.finished(c);
                continue;
            }
            streams.open(c, null);
            tokens.scheduleRenewal(c);
        }
        counters.conversationsRestored(n);
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
        return retrying.call(op, null, settings, () -> api().accessToken(settings)).whenComplete((reply, e) -> {
            // the health check's token rule: a deployment that refuses every guest token lets no chat start
            if (e == null) {
                counters.tokenIssued();
            } else if (cause(e) instanceof EnhancedChatException refused && refused.getStatusCode() > 0) {
                counters.tokenRefused(refused.getStatusCode());
            }
        }).thenCompose(reply -> {
            AccessToken token = MessagingApi.readToken(reply, System.currentTimeMillis());
            Conversation c = new Conversation(MessagingApi.newId(), settings, token, correlationId, routingAttributes);
            conversations.put(c.id, c);
            CompletableFuture<Void> opened = new CompletableFuture<>();
            streams.open(c, opened);
            return opened
                    .thenCompose(x -> calls.call(c, op, t -> api().createConversation(settings, t, c.id, routingAttributes)))
                    .thenApply(created -> {
                        counters.conversationOpened();
                        tokens.scheduleRenewal(c);
                        saver.changed(c);
                        return c.id;
                    })
                    .whenComplete((id, error) -> {
                        if (error != null) {
                            ends.abandon(c);
                        }
                    });
        });
    }

    /** chatMessage: a text message with a new message id (kept across a retry). */
    public CompletableFuture<Void> message(String conversationId, String text) {
        String op = "chatMessage";
        Conversation c = live(op, conversationId);
        String messageId = MessagingApi.newId();
        return c.afterPrevious(() -> sendOpeningASessionIfNeeded(c, op,
                (token, attributes) -> api().sendMessage(c.settings, token, c.id, messageId, text, attributes))).thenRun(() -> {
                });
    }

    /**
     * Sends a message or a file; answered 417 (the deployment asks for pre-chat every session and the last one ended,
     * miaw-api.md §3.7), the same entry (same id) goes once more, opening a new session with the pre-chat fields the
     * conversation was started with.
     *
     * @param send the call with a token and null, or the routing attributes of the new session it must open
     */
    private CompletableFuture<HttpReply> sendOpeningASessionIfNeeded(
            Conversation c, String op, BiFunction<AccessToken, Map<String, ?>, CompletableFuture<HttpReply>> send) {
        return calls.call(c, op, t -> send.apply(t, null)).exceptionallyCompose(e -> {
            if (cause(e) instanceof EnhancedChatException refused && refused.getStatusCode() == 417) {
                counters.newSession();
                return calls.call(c, op, t -> send.apply(t, c.routingAttributes));
            }
            return CompletableFuture.failedFuture(e);
        });
    }

    /** chasitorTyping / chasitorNotTyping: the typing indicator entries. */
    public CompletableFuture<Void> typing(String conversationId, boolean started) {
        String op = started ? "chasitorTyping" : "chasitorNotTyping";
        Conversation c = live(op, conversationId);
        return c.afterPrevious(() -> calls.call(c, op, t -> api().typing(c.settings, t, c.id, started))).thenRun(() -> {
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
        return c.afterPrevious(() -> calls.call(c, op, t -> api().acknowledge(c.settings, t, c.id, read ? "Read" : "Delivery",
                target))).thenRun(() -> {
                });
    }

    /** sendFile: multipart, the size limit checked by the caller; a 417 opens a new session as for a message. */
    public CompletableFuture<Void> sendFile(String conversationId, String caption, String fileName, String contentType,
                                            byte[] content) {
        String op = "sendFile";
        Conversation c = live(op, conversationId);
        String messageId = MessagingApi.newId();
        return c.afterPrevious(() -> sendOpeningASessionIfNeeded(c, op, (token, attributes) -> api().sendFile(c.settings, token,
                c.id, messageId, caption, fileName, contentType, content, attributes))).thenRun(() -> {
                });
    }

    /** endSession: ends the messaging session; the conversation stays open (the stream reports the session's end). */
    public CompletableFuture<Void> endSession(String conversationId) {
        String op = "endSession";
        Conversation c = live(op, conversationId);
        return c.afterPrevious(() -> {
            // the agent's removal that follows is this end's answer, not the agent ending (see checkAgentEnded)
            c.sessionEndRequested();
            return calls.call(c, op, t -> api().endSession(c.settings, t, c.id));
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
            return calls.call(c, op, t -> api().closeConversation(c.settings, t, c.id)).whenComplete((reply, e) -> {
                if (e == null) {
                    c.closeRequested();
                }
                c.closing(false);
            });
        }).thenRun(() -> {
            timer.schedule(() -> {
                if (!c.isFinished()) {
                    LOG.debug("Conversation {}: no close event came after chatEnd; ending it here", c.id);
                    ends.end(c, new ChatEnded("client", null));
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

    /** Conversations known, for tests and statistics. */
    Collection<Conversation> conversations() {
        return conversations.values();
    }

    static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
