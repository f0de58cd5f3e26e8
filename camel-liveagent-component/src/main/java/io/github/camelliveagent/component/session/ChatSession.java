package io.github.camelliveagent.component.session;

import java.util.concurrent.CompletableFuture;

import io.github.camelliveagent.component.client.ChatServer;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import io.github.camelliveagent.component.model.message.ChasitorSessionData;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.ChatTransferred;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.SwitchServer;
import io.github.camelliveagent.component.model.message.TransferToButtonInitiated;

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

    private final java.util.function.Consumer<ChatSession> onServiceUnavailable;
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

    ChatSession(String id, String key, String affinity, int clientPollTimeoutSeconds, SessionSettings settings,
                OutboxFactory outboxFactory, java.util.function.Consumer<ChatSession> onServiceUnavailable) {
        this.onServiceUnavailable = onServiceUnavailable;
        this.id = id;
        this.key = key;
        this.affinity = affinity;
        this.clientPollTimeoutSeconds = clientPollTimeoutSeconds;
        this.settings = settings;
        this.server = settings.server();
        this.outbox = outboxFactory.create(this);
    }

    /** Creates the outbox of a session once the session exists (the outbox needs the session). */
    @FunctionalInterface
    public interface OutboxFactory {
        Outbox create(ChatSession session);
    }

    public String id() {
        return id;
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

    /** Whether calls are sent with this affinity now (false for a call sent before a reconnect). */
    public synchronized boolean isCurrentAffinity(String sentAffinity) {
        return affinity.equals(sentAffinity);
    }

    /** A call of this session answered 503: the server handed the session over. */
    public void serviceUnavailable() {
        onServiceUnavailable.accept(this);
    }

    public synchronized HandoverPhase handover() {
        return handover;
    }

    /** Starts a hand-over unless one is under way; true when the caller must run it. */
    public synchronized boolean beginHandover() {
        if (handover != HandoverPhase.NONE || state == SessionState.ENDED) {
            return false;
        }
        handover = HandoverPhase.RECONNECTING;
        return true;
    }

    /** ReconnectSession answered: adopt the new affinity and, when told, restart the POST sequence. */
    public synchronized void reconnected(String newAffinity, Boolean resetSequence) {
        affinity = newAffinity;
        if (!Boolean.FALSE.equals(resetSequence)) {
            // the guide says the flag is always true and may be absent
            nextSequence = 1;
        }
        handover = HandoverPhase.AWAITING_SESSION_DATA;
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

    synchronized long takeSequence() {
        return nextSequence++;
    }

    /** After the server said which sequence it accepted last (409 Out of sync): continue after it. */
    synchronized long resyncSequence(long lastAccepted) {
        nextSequence = lastAccepted + 1;
        return nextSequence++;
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
        }
    }

    /**
     * Applies the events of a Messages reply to the state machine, each once even when the server delivers it
     * again.
     *
     * @param  firstIndex the position of the first event of the reply in the session's event stream
     * @return            the index of the first event never seen before (events before it are redeliveries)
     */
    public long apply(java.util.List<LiveAgentMessage> events, long firstIndex, long replyOffset) {
        boolean changed = false;
        boolean nowEnded = false;
        long firstNew;
        synchronized (this) {
            if (replyOffset > 0) {
                offset = replyOffset;
            }
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
        if (nowEnded) {
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
        } else if (event instanceof SwitchServer s && s.newUrl() != null) {
            try {
                server = server.switchTo(s.newUrl());
            } catch (IllegalArgumentException e) {
                org.slf4j.LoggerFactory.getLogger(ChatSession.class).warn("Session {}: {}", id, e.getMessage());
            }
        }
    }

    /** The index a component-made event takes: after every event the server sent. */
    public synchronized long nextEventIndex() {
        return ++applied;
    }

    /** The events up to this index were processed by the routes: the next poll acknowledges them. */
    public synchronized void acknowledge(long index) {
        if (index > ack) {
            ack = index;
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
        ended.complete(SessionState.ENDED);
    }

    @Override
    public String toString() {
        return "ChatSession[" + id + " " + state() + "]";
    }
}
