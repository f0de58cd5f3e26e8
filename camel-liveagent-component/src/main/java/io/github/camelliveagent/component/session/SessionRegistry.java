package io.github.camelliveagent.component.session;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.SessionIdResponse;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.session.SessionSnapshot;

/**
 * The sessions a component holds, by session id: opens new ones with System/SessionId and finds them for later
 * operations. An ended session stays findable for a while so that a late operation on it gets "ended" rather than
 * "unknown".
 */
public final class SessionRegistry {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SessionRegistry.class);

    private final Map<String, ChatSession> sessions = new ConcurrentHashMap<>();
    /** Ended sessions and when they ended (System.nanoTime), swept by one periodic task, not one task each. */
    private final Map<String, Long> endedAt = new ConcurrentHashMap<>();
    private final LiveAgentClient client;
    private final Consumer<ChatSession> onOpened;
    private final Consumer<ChatSession> onEvicted;
    private final ChatSession.Hooks hooks;
    private final long retentionNanos;

    /**
     * @param listener  what the component does when sessions open, change, end or are forgotten
     * @param retention how long an ended session stays findable, so a late operation on it hears "ended"
     */
    public SessionRegistry(LiveAgentClient client, Timer timer, SessionListener listener, Duration retention) {
        this.client = client;
        this.onOpened = listener::opened;
        this.onEvicted = listener::evicted;
        this.retentionNanos = retention.toNanos();
        this.hooks = new ChatSession.Hooks(s -> new Outbox(s, client, timer), listener::serviceUnavailable,
                listener::resyncDue, listener::changed,
                s -> new IdleWatch(s, timer, m -> listener.localEvent(s, m)),
                s -> {
                    endedAt.put(s.id(), System.nanoTime());
                    listener.ended(s);
                    if (s.end() != null && s.end().kind() == SessionEnd.Kind.NOT_STARTED) {
                        // never handed to a route: nothing can refer to it later
                        evict(s);
                    }
                });
    }

    /** What the component does with the sessions of its registry; each is called without any lock held. */
    public interface SessionListener {
        /** A new or restored session (e.g. to start its poll). */
        void opened(ChatSession session);

        /** A call of the session was answered 503 (to run the hand-over). */
        void serviceUnavailable(ChatSession session);

        /** ChasitorSessionData arrived after a reconnect (ChasitorResyncState is due). */
        void resyncDue(ChatSession session);

        /** Something a session store keeps changed. */
        void changed(ChatSession session);

        /** An event the component made (e.g. an idle warning) for the routes. */
        void localEvent(ChatSession session, LiveAgentMessage message);

        /** The session ended, once, however it ended. */
        void ended(ChatSession session);

        /** The session is forgotten: its retention after the end is over. */
        void evicted(ChatSession session);
    }

    /** Creates a session on the server (System/SessionId with affinity {@code null}) and registers it. */
    public CompletableFuture<ChatSession> open(String operation, SessionSettings settings, String correlationId) {
        LiveAgentRequest request = new LiveAgentRequest("GET", settings.server(), "System/SessionId", null, "null",
                null, null, null, settings.requestTimeoutMs());
        return client.send(request).handle((reply, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                throw new CompletionException(new SessionCallException(operation, null, 0,
                        "System/SessionId could not reach " + settings.server().baseUri() + ": " + cause, cause));
            }
            if (!reply.isSuccess()) {
                throw new CompletionException(new SessionCallException(operation, null, reply.status(),
                        "System/SessionId was refused by " + settings.server().baseUri()
                                                                                     + (reply.bodyExcerpt().isEmpty() ? "" : ": " + reply.bodyExcerpt())));
            }
            SessionIdResponse created;
            try {
                created = LiveAgentJson.readSessionId(reply.body());
            } catch (RuntimeException e) {
                // neither the parser's message nor the cause: a SessionId body carries a session key, and a parser
                // message can quote a piece of the text it choked on
                throw new CompletionException(new SessionCallException(operation, null, reply.status(),
                        "System/SessionId answered with a body that is not the expected JSON"));
            }
            if (created.id() == null || created.key() == null || created.affinityToken() == null) {
                throw new CompletionException(new SessionCallException(operation, created.id(), reply.status(),
                        "System/SessionId answered without id, key or affinityToken"));
            }
            int pollTimeout = created.clientPollTimeout() > 0 ? created.clientPollTimeout() : 30;
            ChatSession session = new ChatSession(created.id(), created.key(), created.affinityToken(), pollTimeout,
                    settings, correlationId, hooks);
            register(session);
            session.changed();
            return session;
        });
    }

    /**
     * Takes back the sessions a session store kept across a restart and starts their polls; ended ones are skipped.
     *
     * @param  settingsFor the settings of a restored session, from its base URI and API version
     * @return             how many sessions were restored
     */
    public int restore(List<SessionSnapshot> saved, java.util.function.Function<SessionSnapshot, SessionSettings> settingsFor) {
        int restored = 0;
        for (SessionSnapshot snapshot : saved) {
            boolean finished = snapshot.state().isEnded() && snapshot.heldEvents().isEmpty();
            if (finished || sessions.containsKey(snapshot.id())) {
                continue;
            }
            ChatSession session = ChatSession.restore(snapshot, settingsFor.apply(snapshot), hooks);
            register(session);
            session.resumeIdleWatch();
            restored++;
        }
        return restored;
    }

    private void register(ChatSession session) {
        sessions.put(session.id(), session);
        if (session.state().isEnded()) {
            // restored with events still to hand over: forgotten like any ended session once its retention is over
            endedAt.put(session.id(), System.nanoTime());
        }
        onOpened.accept(session);
    }

    /** Forgets the ended sessions whose retention is over; run periodically by the component. */
    public void sweep() {
        long now = System.nanoTime();
        for (Map.Entry<String, Long> e : endedAt.entrySet()) {
            if (now - e.getValue() >= retentionNanos) {
                ChatSession session = sessions.get(e.getKey());
                if (session != null) {
                    evict(session);
                } else {
                    endedAt.remove(e.getKey());
                }
            }
        }
    }

    private void evict(ChatSession session) {
        endedAt.remove(session.id());
        if (sessions.remove(session.id(), session)) {
            LOG.trace("Session {} forgotten", session.id());
            onEvicted.accept(session);
        }
    }

    /**
     * Finds the session an operation names.
     *
     * @param  sessionId            not blank (the producer checks its header first)
     * @throws SessionCallException when this component holds no such session
     */
    public ChatSession get(String operation, String sessionId) throws SessionCallException {
        ChatSession session = sessions.get(sessionId.trim());
        if (session == null) {
            throw new SessionCallException(operation, sessionId, 0,
                    "this liveagent component holds no such session (it holds " + sessions.size()
                                                                  + "); the id must come from startChat or sessionId on the same CamelContext");
        }
        return session;
    }

    /** The session under that id, or null. */
    public ChatSession find(String sessionId) {
        return sessions.get(sessionId);
    }

    /**
     * Gives a session up to another node of a cluster: it stops here (no poll, no save, no idle watch) without
     * ending, and is forgotten at once; its new owner goes on with it.
     */
    public void release(ChatSession session) {
        session.release();
        endedAt.remove(session.id());
        if (sessions.remove(session.id(), session)) {
            onEvicted.accept(session);
        }
    }

    public Collection<ChatSession> all() {
        return List.copyOf(sessions.values());
    }

    public int size() {
        return sessions.size();
    }

    /** How many ended sessions wait for their retention to end. */
    public int endedCount() {
        return endedAt.size();
    }
}
