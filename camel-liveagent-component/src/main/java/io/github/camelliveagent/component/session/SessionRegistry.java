package io.github.camelliveagent.component.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.camelliveagent.component.LiveAgentConstants;
import io.github.camelliveagent.component.LiveAgentException;
import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.SessionIdResponse;
import io.github.camelliveagent.component.session.store.SessionSnapshot;

/**
 * The sessions a component holds, by session id: opens new ones with System/SessionId and finds them for later
 * operations. An ended session stays findable for a while so that a late operation on it gets "ended" rather than
 * "unknown".
 */
public final class SessionRegistry {

    private static final long ENDED_RETENTION_MS = 5 * 60_000L;

    private final Map<String, ChatSession> sessions = new ConcurrentHashMap<>();
    private final LiveAgentClient client;
    private final ScheduledExecutorService timer;
    private final Consumer<ChatSession> onOpened;
    private final ChatSession.Hooks hooks;

    /**
     * @param onOpened             called with every new or restored session (e.g. to start its poll)
     * @param onServiceUnavailable called when a call of a session is answered 503 (to run the hand-over)
     * @param onChanged            called when a session changed in a way a session store keeps
     * @param localEvents          delivers an event the component made (e.g. an idle warning) to the routes
     */
    public SessionRegistry(LiveAgentClient client, ScheduledExecutorService timer, Consumer<ChatSession> onOpened,
                           Consumer<ChatSession> onServiceUnavailable, Consumer<ChatSession> onChanged,
                           java.util.function.BiConsumer<ChatSession, io.github.camelliveagent.component.model.message.LiveAgentMessage> localEvents) {
        this.client = client;
        this.timer = timer;
        this.onOpened = onOpened;
        this.hooks = new ChatSession.Hooks(s -> new Outbox(s, client, timer), onServiceUnavailable, onChanged,
                s -> new IdleWatch(s, timer, m -> localEvents.accept(s, m)));
    }

    /** Creates a session on the server (System/SessionId with affinity {@code null}) and registers it. */
    public CompletableFuture<ChatSession> open(String operation, SessionSettings settings, String correlationId) {
        LiveAgentRequest request = new LiveAgentRequest("GET", settings.server(), "System/SessionId", null, "null",
                null, null, null, settings.requestTimeoutMs());
        return client.send(request).handle((reply, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                throw new CompletionException(new LiveAgentException(operation, null, 0,
                        "System/SessionId could not reach " + settings.server().baseUri() + ": " + cause, cause));
            }
            if (!reply.isSuccess()) {
                throw new CompletionException(new LiveAgentException(operation, null, reply.status(),
                        "System/SessionId was refused by " + settings.server().baseUri()
                                                                                     + (reply.bodyExcerpt().isEmpty() ? "" : ": " + reply.bodyExcerpt())));
            }
            SessionIdResponse created;
            try {
                created = LiveAgentJson.readSessionId(reply.body());
            } catch (RuntimeException e) {
                // neither the parser's message nor the cause: a SessionId body carries a session key, and a parser
                // message can quote a piece of the text it choked on
                throw new CompletionException(new LiveAgentException(operation, null, reply.status(),
                        "System/SessionId answered with a body that is not the expected JSON"));
            }
            if (created.id() == null || created.key() == null || created.affinityToken() == null) {
                throw new CompletionException(new LiveAgentException(operation, created.id(), reply.status(),
                        "System/SessionId answered without id, key or affinityToken"));
            }
            int pollTimeout = created.clientPollTimeout() > 0 ? created.clientPollTimeout() : 30;
            ChatSession session = new ChatSession(created.id(), created.key(), created.affinityToken(), pollTimeout,
                    settings, correlationId, hooks);
            register(session);
            hooks.onChanged().accept(session);
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
            if (snapshot.state().isEnded() || sessions.containsKey(snapshot.id())) {
                continue;
            }
            register(ChatSession.restore(snapshot, settingsFor.apply(snapshot), hooks));
            restored++;
        }
        return restored;
    }

    private void register(ChatSession session) {
        sessions.put(session.id(), session);
        session.whenEnded().thenRun(() -> timer.schedule(() -> sessions.remove(session.id(), session),
                ENDED_RETENTION_MS, TimeUnit.MILLISECONDS));
        onOpened.accept(session);
    }

    /**
     * Finds the session an operation names.
     *
     * @throws IllegalArgumentException when the id is missing
     * @throws LiveAgentException       when this component holds no such session
     */
    public ChatSession get(String operation, String sessionId) throws LiveAgentException {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("Header " + LiveAgentConstants.SESSION_ID + " is required for operation "
                                               + operation
                                               + ": set it to the session id that startChat or sessionId put in that header");
        }
        ChatSession session = sessions.get(sessionId.trim());
        if (session == null) {
            throw new LiveAgentException(operation, sessionId, 0,
                    "this liveagent component holds no such session (it holds " + sessions.size()
                                                                  + "); the id must come from startChat or sessionId on the same CamelContext");
        }
        return session;
    }

    public Collection<ChatSession> all() {
        return List.copyOf(sessions.values());
    }

    public int size() {
        return sessions.size();
    }
}
