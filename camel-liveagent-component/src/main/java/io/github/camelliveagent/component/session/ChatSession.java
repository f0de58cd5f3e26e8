package io.github.camelliveagent.component.session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import io.github.camelliveagent.component.session.SessionSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat: its credentials, where it lives, its POST sequence and the state machine of liveagent-api.md §5.1.
 * <p>
 * This class owns its lock: a private monitor that nothing outside can take, held only to change the fields below and
 * never while calling anything else (hooks, the outbox, the idle watch run after it is released). State and hand-over
 * phase are volatile, so others read them without the lock. The event numbering lives in the session's
 * {@link EventLedger}, which has its own.
 * <p>
 * The session key lives here and nowhere else: it goes into request headers and is never printed.
 */
public final class ChatSession {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSession.class);

    /**
     * After a restart the POST sequence jumps ahead: POSTs may have been accepted after the last save, and a number
     * the server has seen already would be dropped as a duplicate; a number ahead is either accepted or answered with
     * 409 and the server's last number, which the outbox repairs.
     */
    static final long RESTORED_SEQUENCE_MARGIN = 100;

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
     * What a session tells the component about; each is called without any lock held.
     *
     * @param outbox               creates the session's outbox (the outbox needs the session)
     * @param onServiceUnavailable a call was answered 503: run the hand-over
     * @param onChanged            something a session store keeps changed
     * @param idleWatch            creates the visitor idle time-out watch (when the option asks for one)
     * @param onResyncDue          ChasitorSessionData arrived after a reconnect: ChasitorResyncState is due
     * @param onEnded              the session ended (once): the one place that tells routes, statistics and handlers
     */
    public record Hooks(Function<ChatSession, Outbox> outbox, Consumer<ChatSession> onServiceUnavailable,
                        Consumer<ChatSession> onResyncDue, Consumer<ChatSession> onChanged,
                        Function<ChatSession, IdleWatch> idleWatch, Consumer<ChatSession> onEnded) {
    }

    private final String id;
    private final String key;
    private final SessionSettings settings;
    private final int clientPollTimeoutSeconds;
    private final String correlationId;
    private final Hooks hooks;
    private final Outbox outbox;
    private final IdleWatch idle;
    private final EventLedger ledger = new EventLedger();
    private final CompletableFuture<SessionEnd> ended = new CompletableFuture<>();
    private final Object lock = new Object();

    private volatile SessionState state = SessionState.CREATED;
    private volatile HandoverPhase handover = HandoverPhase.NONE;
    /** The cluster shard that owns the chat (high availability), -1 on a single node. */
    private volatile int shard = -1;
    /** Another node owns the chat now: this one neither polls nor saves it any more. */
    private volatile boolean released;
    // guarded by lock
    private ChatServer server;
    private String affinity;
    private String unavailableAffinity;
    private boolean resyncSent;
    private long nextSequence = 1;
    private long appliedPosition = -1;
    private SessionEnd end;
    private ChasitorIdleTimeout idleSettings;
    /** The idle settings the watch runs with (kept by a session store, so that a restored chat watches again). */
    private int idleWarningTime;
    private int idleTimeout;

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

    /** A session saved by a session store before a restart. */
    static ChatSession restore(SessionSnapshot saved, SessionSettings settings, Hooks hooks) {
        ChatSession s = new ChatSession(saved.id(), saved.key(), saved.affinity(), saved.clientPollTimeout(), settings,
                saved.correlationId(), hooks);
        s.state = saved.state();
        s.shard = saved.shard();
        s.nextSequence = saved.nextSequence() + RESTORED_SEQUENCE_MARGIN;
        s.ledger.restore(saved);
        s.appliedPosition = s.ledger.processed();
        s.idleWarningTime = saved.idleWarningTime();
        s.idleTimeout = saved.idleTimeout();
        if (saved.resyncPending() && !saved.state().isEnded()) {
            // the application stopped between ReconnectSession and ChasitorResyncState: the server still waits for
            // the resync, and refuses every other POST until it comes (liveagent-api.md §5.3). The server sends
            // ChasitorSessionData again (nothing after the named point was acknowledged), so wait for it as before.
            s.handover = HandoverPhase.AWAITING_SESSION_DATA;
            s.ledger.restoredReconnected();
        }
        return s;
    }

    /**
     * A restored chat watches the visitor's idleness again with the settings it had: the component, not the server,
     * makes the warning and the time-out, so without this a restart would silently drop them. The idle clock starts
     * again at the restore (when the visitor was last active before the restart is not known).
     */
    void resumeIdleWatch() {
        int warning;
        int timeout;
        synchronized (lock) {
            warning = idleWarningTime;
            timeout = idleTimeout;
        }
        if (idle != null && warning > 0 && state == SessionState.ACTIVE) {
            idle.configure(warning, timeout);
        }
    }

    /** What a session store keeps of this session. */
    public SessionSnapshot snapshot() {
        EventLedger.Saved events = ledger.save();
        synchronized (lock) {
            return new SessionSnapshot(id, key, affinity, server.baseUri().toString(), server.apiVersion(),
                    settings.organizationId(), clientPollTimeoutSeconds, state, nextSequence, events.ack(),
                    events.offset(), correlationId, events.nextPosition(), events.processed(), events.pending(),
                    events.held(), idleWarningTime, idleTimeout,
                    handover == HandoverPhase.AWAITING_SESSION_DATA || handover == HandoverPhase.RESYNCING, shard);
        }
    }

    /** The cluster shard that owns the chat, or -1 on a single node. */
    public int shard() {
        return shard;
    }

    /** Puts a new chat in a cluster shard (before it is first saved). */
    public void assignShard(int shard) {
        this.shard = shard;
    }

    /** Whether another node owns the chat now (this one lost its shard): nothing here may poll or save it. */
    public boolean isReleased() {
        return released;
    }

    /** This node gives the chat up to the shard's new owner: from now on it neither polls nor saves it. */
    public void release() {
        released = true;
        if (idle != null) {
            // the new owner watches the visitor's idleness; two watches would warn twice
            idle.stop();
        }
    }

    /** Tells the session store that something it keeps changed. */
    public void changed() {
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

    /** The session's own numbering of its events and its acknowledgements to the server. */
    public EventLedger ledger() {
        return ledger;
    }

    public int clientPollTimeoutSeconds() {
        return clientPollTimeoutSeconds;
    }

    public SessionState state() {
        return state;
    }

    public HandoverPhase handover() {
        return handover;
    }

    /** How the session ended, or null while it runs. */
    public SessionEnd end() {
        synchronized (lock) {
            return end;
        }
    }

    /** A text saying why the session ended, or null while it runs. */
    public String endReason() {
        SessionEnd e = end();
        return e == null ? null : e.describe();
    }

    /** Completes once, when the session ends. */
    public CompletableFuture<SessionEnd> whenEnded() {
        return ended;
    }

    /** The Messages long poll with the current ack; its timeout leaves room over the server's hold time. */
    public LiveAgentRequest messagesRequest() {
        long ack = ledger.ack();
        synchronized (lock) {
            return new LiveAgentRequest("GET", server, "System/Messages", "ack=" + ack, affinity, key, null, null,
                    pollTimeoutMs());
        }
    }

    /** How long a poll may take before it counts as failed: the server's hold time is shorter than clientPollTimeout. */
    public long pollTimeoutMs() {
        return (clientPollTimeoutSeconds + 5L) * 1000L;
    }

    /** A call of this session with its affinity and key. */
    public LiveAgentRequest request(String method, String path, Long sequence, byte[] body) {
        synchronized (lock) {
            return new LiveAgentRequest(method, server, path, null, affinity, key, sequence, body,
                    settings.requestTimeoutMs());
        }
    }

    /**
     * GET System/ReconnectSession with the offset of the last reply the routes fully processed; affinity
     * {@code null} as Salesforce's guide and SDK send it.
     */
    public LiveAgentRequest reconnectRequest() {
        long offset = ledger.reconnecting();
        synchronized (lock) {
            return new LiveAgentRequest("GET", server, "System/ReconnectSession", "ReconnectSession.offset=" + offset,
                    "null", key, null, null, settings.requestTimeoutMs());
        }
    }

    /** ChasitorResyncState is the last step of a hand-over: no sequence, the session's org. */
    public LiveAgentRequest resyncRequest(byte[] body) {
        synchronized (lock) {
            return new LiveAgentRequest("POST", server, "Chasitor/ChasitorResyncState", null, affinity, key, null, body,
                    settings.requestTimeoutMs());
        }
    }

    /** DELETE System/SessionId/{key}: the key goes into the path, percent-encoded, and so never into a log line. */
    public LiveAgentRequest deleteRequest() {
        String encodedKey = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
        synchronized (lock) {
            return new LiveAgentRequest("DELETE", server, "System/SessionId/" + encodedKey, null, affinity, key, null,
                    null, settings.requestTimeoutMs());
        }
    }

    /**
     * Whether a 403 to a call sent with this affinity can be trusted to mean "session gone": not when the call went out
     * before a reconnect changed the affinity, nor while a hand-over runs (the reconnect may have been answered
     * before the 403 while its reply is still on its way to us).
     */
    public boolean refusalIsFinal(String sentAffinity) {
        synchronized (lock) {
            return affinity.equals(sentAffinity) && handover == HandoverPhase.NONE;
        }
    }

    /**
     * A call of this session, sent with this affinity, was answered 503: the server handed the session over.
     * Remembered so that the hand-over can tell a new hand-over from a late answer to a call of the old server.
     */
    public void serviceUnavailable(String sentAffinity) {
        synchronized (lock) {
            unavailableAffinity = sentAffinity;
        }
        hooks.onServiceUnavailable().accept(this);
    }

    /**
     * Starts a hand-over unless one is under way; true when the caller must run it. A 503 to a call made with the
     * affinity of a reconnect that already succeeded is a new hand-over (the server moved the session again); a 503
     * to a call made with an older affinity is a late answer and changes nothing.
     */
    public boolean beginHandover() {
        synchronized (lock) {
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
    }

    /** ReconnectSession answered: adopt the new affinity and, when told, restart the POST sequence. */
    public void reconnected(String newAffinity, Boolean resetSequence) {
        synchronized (lock) {
            affinity = newAffinity;
            if (!Boolean.FALSE.equals(resetSequence)) {
                // the guide says the flag is always true and may be absent
                nextSequence = 1;
            }
            handover = HandoverPhase.AWAITING_SESSION_DATA;
        }
        ledger.reconnected();
        changed();
    }

    /** ReconnectSession found nothing to reconnect: go straight to ChasitorResyncState. */
    public void skipToResync() {
        ledger.reconnectDropped();
        synchronized (lock) {
            handover = HandoverPhase.RESYNCING;
            resyncSent = true;
        }
    }

    /** Whether ChasitorSessionData arrived after a reconnect, so ChasitorResyncState is due; true once. */
    private boolean takeResyncDue() {
        synchronized (lock) {
            if (handover == HandoverPhase.RESYNCING && !resyncSent) {
                resyncSent = true;
                return true;
            }
            return false;
        }
    }

    /** Whether the session waits for ChasitorSessionData after a reconnect. */
    public boolean awaitsSessionData() {
        return handover == HandoverPhase.AWAITING_SESSION_DATA;
    }

    /** ChasitorResyncState was accepted: held POSTs may leave again. */
    public void resynced() {
        synchronized (lock) {
            handover = HandoverPhase.NONE;
            resyncSent = false;
        }
        outbox.stateChanged();
    }

    /** The next POST sequence number. */
    long takeSequence() {
        long taken;
        synchronized (lock) {
            taken = nextSequence++;
        }
        changed();
        return taken;
    }

    /** After the server said which sequence it accepted last (409 Out of sync): continue after it. */
    long resyncSequence(long lastAccepted) {
        long taken;
        synchronized (lock) {
            nextSequence = lastAccepted + 1;
            taken = nextSequence++;
        }
        changed();
        return taken;
    }

    /** ChasitorInit was accepted. */
    public void chatRequested() {
        boolean moved;
        synchronized (lock) {
            moved = state == SessionState.CREATED;
            if (moved) {
                state = SessionState.REQUESTED;
            }
        }
        if (moved) {
            outbox.stateChanged();
            changed();
        }
    }

    /**
     * Applies server events to the state machine, each once: an event that comes again (same position) is not
     * applied again.
     *
     * @param events    the events of a reply, in order
     * @param positions their positions in the session's event stream
     */
    public void apply(List<LiveAgentMessage> events, List<Long> positions) {
        boolean moved = false;
        SessionEnd endedNow = null;
        ChasitorIdleTimeout idleNow;
        synchronized (lock) {
            for (int i = 0; i < events.size(); i++) {
                long position = positions.get(i);
                if (position <= appliedPosition) {
                    continue;
                }
                appliedPosition = position;
                SessionState before = state;
                transition(events.get(i));
                moved |= before != state;
            }
            if (moved && state == SessionState.ENDED) {
                endedNow = end;
            }
            idleNow = idleSettings;
            idleSettings = null;
            if (idleNow != null) {
                idleWarningTime = idleNow.warningTime();
                idleTimeout = idleNow.timeout();
            }
        }
        if (moved) {
            outbox.stateChanged();
        }
        if (idle != null && idleNow != null) {
            idle.configure(idleNow.warningTime(), idleNow.timeout());
        }
        if (takeResyncDue()) {
            hooks.onResyncDue().accept(this);
        }
        if (endedNow != null) {
            afterEnd(endedNow);
        }
    }

    // under lock
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
            end = SessionEnd.server(e.reason() != null ? e.reason() : "unknown");
        } else if (event instanceof ChatRequestFail f) {
            state = SessionState.ENDED;
            end = SessionEnd.server("ChatRequestFail: " + (f.reason() != null ? f.reason() : "Unknown"));
        } else if (event instanceof ChasitorSessionData && handover == HandoverPhase.AWAITING_SESSION_DATA) {
            handover = HandoverPhase.RESYNCING;
        } else if (event instanceof FileTransfer f) {
            latestFileTransfer = f;
        } else if (event instanceof SwitchServer s && s.newUrl() != null) {
            try {
                server = server.switchTo(s.newUrl());
            } catch (IllegalArgumentException e) {
                LOG.warn("Session {}: {}; it stays on {}", id, redact(e.getMessage()), server.baseUri());
            }
        }
    }

    /**
     * Ends the session from the client side. Every such path comes here, and the session's
     * {@link Hooks#onEnded()} then tells the routes, the statistics and the exception handlers, once.
     *
     * @return true when this call ended it, false when it had ended already
     */
    public boolean end(SessionEnd why) {
        synchronized (lock) {
            if (state == SessionState.ENDED) {
                return false;
            }
            state = SessionState.ENDED;
            end = why;
        }
        afterEnd(why);
        return true;
    }

    private void afterEnd(SessionEnd why) {
        outbox.stateChanged();
        if (idle != null) {
            idle.stop();
        }
        changed();
        hooks.onEnded().accept(this);
        ended.complete(why);
    }

    /** The visitor did something in the chat (a chat activity POST was accepted). */
    void visitorActive() {
        if (idle != null) {
            idle.activity();
        }
    }

    // ------------------------------------------------------------------ file upload (liveagent-api.md §2.2)

    // written under lock by transition(), read without it: volatile, so that a reader sees the latest, and so that
    // the session's one lock stays private (a synchronized method would make "this" a second, public one)
    private volatile FileTransfer latestFileTransfer;

    /** The latest FileTransfer event of this chat (Requested, Canceled, Success or Failure), or null; not persisted. */
    public FileTransfer latestFileTransfer() {
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
        return "ChatSession[" + id + " " + state + "]";
    }
}
