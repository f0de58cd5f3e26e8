package io.github.camelliveagent.component.session;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import java.net.URI;

import io.github.camelliveagent.component.client.ChatServer;
import io.github.camelliveagent.component.client.FileUploadRequest;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import io.github.camelliveagent.component.model.message.ChasitorIdleTimeout;
import io.github.camelliveagent.component.model.message.ChasitorSessionData;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.ChatTransferred;
import io.github.camelliveagent.component.model.message.FileTransfer;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.SwitchServer;
import io.github.camelliveagent.component.model.message.TransferToButtonInitiated;
import io.github.camelliveagent.component.session.store.SessionSnapshot;

/**
 * One chat: its credentials, its place in the event stream and in the POST sequence, and the state machine of
 * liveagent-api.md §5.1. State changes happen under the session's lock; no I/O is done while holding it.
 * <p>
 * The session key lives here and nowhere else: it goes into request headers and is never printed.
 */
public final class ChatSession {

    private final String id;
    private final String key;
    private final SessionSettings settings;
    private final int clientPollTimeoutSeconds;
    private final Outbox outbox;
    private final CompletableFuture<SessionState> ended = new CompletableFuture<>();

    private final Hooks hooks;
    private final String correlationId;
    private ChatServer server;
    private String affinity;
    private HandoverPhase handover = HandoverPhase.NONE;
    private SessionState state = SessionState.CREATED;
    private String endReason;
    private long nextSequence = 1;
    private long ack = -1;
    private long applied = -1;
    private long offset;

    /** Where a session stands in the server hand-over procedure (liveagent-api.md §5.3). */
    public enum HandoverPhase {
        /** no hand-over: calls flow */
        NONE,
        /** a call answered 503: ReconnectSession is under way, nothing else is sent */
        RECONNECTING,
        /** reconnected: polling again, waiting for ChasitorSessionData before anything is posted */
        AWAITING_SESSION_DATA,
        /** ChasitorSessionData processed: ChasitorResyncState is under way */
        RESYNCING
    }

    /**
     * What a session tells the component about.
     *
     * @param outbox               creates the session's outbox (the outbox needs the session)
     * @param onServiceUnavailable a call was answered 503: run the hand-over
     * @param onChanged            something a session store keeps changed
     * @param idleWatch            creates the visitor idle time-out watch (when the option asks for one)
     */
    public record Hooks(Function<ChatSession, Outbox> outbox, Consumer<ChatSession> onServiceUnavailable,
                        Consumer<ChatSession> onChanged, Function<ChatSession, IdleWatch> idleWatch) {
    }

    private final IdleWatch idle;
    private ChasitorIdleTimeout idleSettings;

    ChatSession(String id, String key, String affinity, int clientPollTimeoutSeconds, SessionSettings settings,
                String correlationId, Hooks hooks) {
        this.hooks = hooks;
        this.correlationId = correlationId;
        this.id = id;
        this.key = key;
        this.affinity = affinity;
        this.clientPollTimeoutSeconds = clientPollTimeoutSeconds;
        this.settings = settings;
        this.server = settings.server();
        this.outbox = hooks.outbox().apply(this);
        this.idle = settings.chasitorIdleTimeout() ? hooks.idleWatch().apply(this) : null;
    }

    /**
     * A session saved by a session store before a restart. Its sequence jumps ahead by a margin: POSTs may have been
     * accepted after the last save, and a number the server has seen already would be dropped as a duplicate; a
     * number ahead is either accepted or answered with 409 and the server's last number, which the outbox repairs.
     */
    static ChatSession restore(SessionSnapshot saved, SessionSettings settings, Hooks hooks) {
        ChatSession s = new ChatSession(saved.id(), saved.key(), saved.affinity(), saved.clientPollTimeout(), settings,
                saved.correlationId(), hooks);
        s.state = saved.state();
        s.nextSequence = saved.nextSequence() + RESTORED_SEQUENCE_MARGIN;
        s.ack = saved.ack();
        s.applied = saved.ack();
        s.offset = saved.offset();
        return s;
    }

    static final long RESTORED_SEQUENCE_MARGIN = 100;

    /** What a session store keeps of this session. */
    public synchronized SessionSnapshot snapshot() {
        return new SessionSnapshot(id, key, affinity, server.baseUri().toString(), server.apiVersion(),
                settings.organizationId(), clientPollTimeoutSeconds, state, nextSequence, ack, offset, correlationId);
    }

    private void changed() {
        hooks.onChanged().accept(this);
    }

    public String id() {
        return id;
    }

    /** The text with this session's key blanked out, for anything that quotes what the server said. */
    public String redact(String text) {
        return KeyRedaction.redact(text, key, id);
    }

    /** The route's own value given when the session was opened (header CamelLiveAgentCorrelationId), or null. */
    public String correlationId() {
        return correlationId;
    }

    public SessionSettings settings() {
        return settings;
    }

    public Outbox outbox() {
        return outbox;
    }

    public int clientPollTimeoutSeconds() {
        return clientPollTimeoutSeconds;
    }

    public synchronized SessionState state() {
        return state;
    }

    public synchronized String endReason() {
        return endReason;
    }

    public synchronized long ack() {
        return ack;
    }

    public synchronized long offset() {
        return offset;
    }

    /** Completes when the session ends, with the state ENDED. */
    public CompletableFuture<SessionState> whenEnded() {
        return ended;
    }

    /** The Messages long poll with the current ack; its timeout leaves room over the server's hold time. */
    public synchronized LiveAgentRequest messagesRequest() {
        long timeoutMs = (clientPollTimeoutSeconds + 5L) * 1000L;
        return new LiveAgentRequest("GET", server, "System/Messages", "ack=" + ack, affinity, key, null, null,
                timeoutMs);
    }

    /** A call of this session with its affinity and key. */
    public synchronized LiveAgentRequest request(String method, String path, Long sequence, byte[] body) {
        return new LiveAgentRequest(method, server, path, null, affinity, key, sequence, body,
                settings.requestTimeoutMs());
    }

    /**
     * GET System/ReconnectSession with the latest offset; affinity {@code null} as Salesforce's guide and SDK send it.
     */
    public synchronized LiveAgentRequest reconnectRequest() {
        return new LiveAgentRequest("GET", server, "System/ReconnectSession", "ReconnectSession.offset=" + offset, "null",
                key, null, null, settings.requestTimeoutMs());
    }

    /**
     * Whether a 403 to a call sent with this affinity can be trusted to mean "session gone": not when the call went out
     * before a reconnect changed the affinity, nor while a hand-over runs (the reconnect may have been answered
     * before the 403 while its reply is still on its way to us).
     */
    public synchronized boolean refusalIsFinal(String sentAffinity) {
        return affinity.equals(sentAffinity) && handover == HandoverPhase.NONE;
    }

    /**
     * A call of this session, sent with this affinity, was answered 503: the server handed the session over.
     * Remembered so that the hand-over can tell a new hand-over from a late answer to a call of the old server.
     */
    public void serviceUnavailable(String sentAffinity) {
        synchronized (this) {
            unavailableAffinity = sentAffinity;
        }
        hooks.onServiceUnavailable().accept(this);
    }

    private String unavailableAffinity;

    public synchronized HandoverPhase handover() {
        return handover;
    }

    /**
     * Starts a hand-over unless one is under way; true when the caller must run it. A 503 to a call made with the
     * affinity of a reconnect that already succeeded is a new hand-over (the server moved the session again); a 503
     * to a call made with an older affinity is a late answer and changes nothing.
     */
    public synchronized boolean beginHandover() {
        if (state == SessionState.ENDED || handover == HandoverPhase.RECONNECTING) {
            return false;
        }
        if (handover != HandoverPhase.NONE && !affinity.equals(unavailableAffinity)) {
            return false;
        }
        handover = HandoverPhase.RECONNECTING;
        resyncSent = false;
        return true;
    }

    /** ReconnectSession answered: adopt the new affinity and, when told, restart the POST sequence. */
    public void reconnected(String newAffinity, Boolean resetSequence) {
        synchronized (this) {
            affinity = newAffinity;
            if (!Boolean.FALSE.equals(resetSequence)) {
                // the guide says the flag is always true and may be absent
                nextSequence = 1;
            }
            handover = HandoverPhase.AWAITING_SESSION_DATA;
        }
        changed();
    }

    /** ReconnectSession found nothing to reconnect: go straight to ChasitorResyncState. */
    public synchronized void skipToResync() {
        handover = HandoverPhase.RESYNCING;
        resyncSent = true;
    }

    /** Whether ChasitorSessionData arrived after a reconnect, so ChasitorResyncState is due; true once. */
    public synchronized boolean takeResyncDue() {
        if (handover == HandoverPhase.RESYNCING && !resyncSent) {
            resyncSent = true;
            return true;
        }
        return false;
    }

    private boolean resyncSent;

    /** ChasitorResyncState was accepted: held POSTs may leave again. */
    public void resynced() {
        synchronized (this) {
            handover = HandoverPhase.NONE;
            resyncSent = false;
        }
        outbox.stateChanged();
    }

    /** ChasitorResyncState is the last step of a hand-over: no sequence, the session's org. */
    public synchronized LiveAgentRequest resyncRequest(byte[] body) {
        return new LiveAgentRequest("POST", server, "Chasitor/ChasitorResyncState", null, affinity, key, null, body,
                settings.requestTimeoutMs());
    }

    /** DELETE System/SessionId/{key}: the key goes into the path, percent-encoded, and so never into a log line. */
    public synchronized LiveAgentRequest deleteRequest() {
        String encodedKey = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return new LiveAgentRequest("DELETE", server, "System/SessionId/" + encodedKey, null, affinity, key, null, null,
                settings.requestTimeoutMs());
    }

    long takeSequence() {
        long taken;
        synchronized (this) {
            taken = nextSequence++;
        }
        changed();
        return taken;
    }

    /** After the server said which sequence it accepted last (409 Out of sync): continue after it. */
    long resyncSequence(long lastAccepted) {
        long taken;
        synchronized (this) {
            nextSequence = lastAccepted + 1;
            taken = nextSequence++;
        }
        changed();
        return taken;
    }

    /** ChasitorInit was accepted. */
    public void chatRequested() {
        boolean changed;
        synchronized (this) {
            changed = state == SessionState.CREATED;
            if (changed) {
                state = SessionState.REQUESTED;
            }
        }
        if (changed) {
            outbox.stateChanged();
            changed();
        }
    }

    /**
     * Applies the events of a Messages reply to the state machine, each once even when the server delivers it
     * again.
     *
     * @param  firstIndex the position of the first event of the reply in the session's event stream
     * @return the index of the first event never seen before (events before it are redeliveries)
     */
    public long apply(java.util.List<LiveAgentMessage> events, long firstIndex) {
        boolean changed = false;
        boolean nowEnded = false;
        long firstNew;
        synchronized (this) {
            firstNew = applied + 1;
            for (int i = 0; i < events.size(); i++) {
                long index = firstIndex + i;
                if (index <= applied) {
                    continue;
                }
                applied = index;
                SessionState before = state;
                transition(events.get(i));
                changed |= before != state;
            }
            nowEnded = changed && state == SessionState.ENDED;
        }
        if (changed) {
            outbox.stateChanged();
        }
        changed();
        ChasitorIdleTimeout idleNow = takeIdleSettings();
        if (idle != null && idleNow != null) {
            idle.configure(idleNow.warningTime(), idleNow.timeout());
        }
        if (nowEnded) {
            stopIdleWatch();
            ended.complete(SessionState.ENDED);
        }
        return firstNew;
    }

    private void transition(LiveAgentMessage event) {
        if (state == SessionState.ENDED) {
            return;
        }
        if (event instanceof ChatRequestSuccess) {
            if (state == SessionState.CREATED || state == SessionState.REQUESTED) {
                state = SessionState.QUEUED;
            }
        } else if (event instanceof ChatEstablished || event instanceof ChatTransferred) {
            state = SessionState.ACTIVE;
            ChasitorIdleTimeout t = event instanceof ChatEstablished e ? e.chasitorIdleTimeout()
                    : ((ChatTransferred) event).chasitorIdleTimeout();
            if (t != null && Boolean.TRUE.equals(t.isEnabled()) && t.warningTime() != null && t.timeout() != null) {
                idleSettings = t;
            }
        } else if (event instanceof TransferToButtonInitiated) {
            state = SessionState.QUEUED;
        } else if (event instanceof ChatEnded e) {
            state = SessionState.ENDED;
            endReason = e.reason() != null ? e.reason() : "unknown";
        } else if (event instanceof ChatRequestFail f) {
            state = SessionState.ENDED;
            endReason = "ChatRequestFail: " + (f.reason() != null ? f.reason() : "Unknown");
        } else if (event instanceof ChasitorSessionData && handover == HandoverPhase.AWAITING_SESSION_DATA) {
            handover = HandoverPhase.RESYNCING;
        } else if (event instanceof FileTransfer f) {
            latestFileTransfer = f;
        } else if (event instanceof SwitchServer s && s.newUrl() != null) {
            try {
                server = server.switchTo(s.newUrl());
            } catch (IllegalArgumentException e) {
                org.slf4j.LoggerFactory.getLogger(ChatSession.class).warn("Session {}: {}; it stays on {}", id, redact(e.getMessage()), server.baseUri());
            }
        }
    }

    private long emptyPolls;
    private CompletableFuture<?> dispatchTail = CompletableFuture.completedFuture(null);

    /** Runs the next hand-over of events to the routes once the previous one of this session is done. */
    public synchronized <T> CompletableFuture<T> afterPreviousDispatch(java.util.function.Supplier<CompletableFuture<T>> next) {
        CompletableFuture<T> run = dispatchTail.handle((r, e) -> null).thenCompose(previous -> next.get());
        dispatchTail = run;
        return run;
    }

    /** Counts 204s in a row; returns the current streak. */
    public synchronized long emptyPollStreak(boolean empty) {
        emptyPolls = empty ? emptyPolls + 1 : 0;
        return emptyPolls;
    }

    /** The index a component-made event takes: after every event the server sent. */
    public synchronized long nextEventIndex() {
        return ++applied;
    }

    /** The events up to this index were processed by the routes: the next poll acknowledges them. */
    public void acknowledge(long index) {
        acknowledge(index, 0);
    }

    /**
     * The events up to this index were processed by the routes, and with them the whole reply that carried this
     * offset: ReconnectSession will name it, so a hand-over re-sends only what the routes have not processed.
     */
    public void acknowledge(long index, long replyOffset) {
        boolean moved;
        synchronized (this) {
            moved = index > ack;
            if (moved) {
                ack = index;
            }
            if (replyOffset > 0) {
                offset = replyOffset;
                moved = true;
            }
        }
        if (moved) {
            changed();
        }
    }

    /** Ends the session from the client side (a 403, ChatEnd/DELETE accepted, or polling given up). */
    public void end(String reason) {
        synchronized (this) {
            if (state == SessionState.ENDED) {
                return;
            }
            state = SessionState.ENDED;
            endReason = reason;
        }
        outbox.stateChanged();
        changed();
        stopIdleWatch();
        ended.complete(SessionState.ENDED);
    }

    private synchronized ChasitorIdleTimeout takeIdleSettings() {
        ChasitorIdleTimeout t = idleSettings;
        idleSettings = null;
        return t;
    }

    private void stopIdleWatch() {
        if (idle != null) {
            idle.stop();
        }
    }

    /** The visitor did something in the chat (a chat activity POST was accepted). */
    void visitorActive() {
        if (idle != null) {
            idle.activity();
        }
    }

    // ------------------------------------------------------------------ file upload (liveagent-api.md §2.2)

    private FileTransfer latestFileTransfer;

    /** The latest FileTransfer event of this chat (Requested, Canceled, Success or Failure), or null; not persisted. */
    public synchronized FileTransfer latestFileTransfer() {
        return latestFileTransfer;
    }

    /**
     * The upload of a file for the agent's request. Its {@code chatKey} is the session key's part before the first
     * {@code !} (one reading of the clients in liveagent-api.md §2.2), made here so that the key stays in the session.
     */
    public FileUploadRequest uploadRequest(FileTransfer requested, String fileName, String contentType, byte[] content,
                                           long timeoutMs) {
        int bang = key.indexOf('!');
        String chatKey = bang < 0 ? key : key.substring(0, bang);
        return new FileUploadRequest(URI.create(requested.uploadServletUrl()), settings.organizationId(), chatKey,
                requested.fileToken(), fileName, contentType, content, timeoutMs);
    }

    @Override
    public String toString() {
        return "ChatSession[" + id + " " + state() + "]";
    }
}
