package io.github.camelliveagent.component.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.github.camelliveagent.component.LiveAgentException;
import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.Messages;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.observe.LiveAgentStatistics;
import io.github.camelliveagent.component.session.ChatSession;
import io.github.camelliveagent.component.session.Handover;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The System/Messages long-poll loop of every session, as callbacks rather than threads.
 * <p>
 * A session's next poll is only ever started from the completion of its previous one (and after the routes have
 * processed what it brought), which alone guarantees one poll in flight per session: a second one would make the
 * server end the chat (409).
 */
public final class Poller implements Handover.PollControl {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    /** ChatEnded reason when the server answered 403: the session ended or expired on the server. */
    public static final String SESSION_INVALID = "sessionInvalid";
    /** ChatEnded reason when the server answered 409 to a poll and ended the chat. */
    public static final String CONCURRENT_POLL = "concurrentPoll";
    /** ChatEnded reason when polls or the hand-over failed too often in a row. */
    public static final String CONNECTION_LOST = "connectionLost";

    private final LiveAgentClient client;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService timer;
    private final BiConsumer<ChatSession, LiveAgentException> onSessionLost;
    private final Consumer<ChatSession> onSessionData;
    private final LiveAgentStatistics stats;
    private final Map<String, CompletableFuture<LiveAgentReply>> inFlight = new ConcurrentHashMap<>();
    private final Set<String> looping = ConcurrentHashMap.newKeySet();
    private final Map<String, DeliveryPositions> positions = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /**
     * @param onSessionLost told when a session could not be kept alive, so that routes hear of it
     * @param onSessionData told when ChasitorSessionData arrived after a reconnect (ChasitorResyncState is due)
     */
    public Poller(LiveAgentClient client, Dispatcher dispatcher, ScheduledExecutorService timer,
                  BiConsumer<ChatSession, LiveAgentException> onSessionLost, Consumer<ChatSession> onSessionData,
                  LiveAgentStatistics stats) {
        this.stats = stats;
        this.client = client;
        this.dispatcher = dispatcher;
        this.timer = timer;
        this.onSessionLost = onSessionLost;
        this.onSessionData = onSessionData;
    }

    /**
     * Starts the session's loop unless it runs already. A loop whose poll is still parked on the server carries on
     * by itself (with the session's current affinity), so a second poll is never started next to it.
     */
    @Override
    public void start(ChatSession session) {
        if (looping.add(session.id())) {
            poll(session, 0);
        }
    }

    private void cancel(ChatSession session) {
        looping.remove(session.id());
        CompletableFuture<LiveAgentReply> call = inFlight.remove(session.id());
        if (call != null) {
            call.cancel(false);
        }
    }

    private void exit(ChatSession session) {
        looping.remove(session.id());
    }

    /** Stops every loop and aborts the polls in flight; sessions stay alive on the server until their poll timeout. */
    public void stop() {
        running = false;
        inFlight.values().forEach(f -> f.cancel(false));
        inFlight.clear();
    }

    /** How many polls are in flight now. */
    public int inFlight() {
        return inFlight.size();
    }

    private void poll(ChatSession session, int failures) {
        if (!running || session.state().isEnded()) {
            exit(session);
            return;
        }
        synchronized (session) {
            // while ReconnectSession runs nothing is sent; the hand-over starts the loop again when it is done
            if (session.handover() == ChatSession.HandoverPhase.RECONNECTING) {
                exit(session);
                return;
            }
        }
        LiveAgentRequest request = session.messagesRequest();
        CompletableFuture<LiveAgentReply> call = client.send(request);
        inFlight.put(session.id(), call);
        call.whenComplete((reply, error) -> {
            inFlight.remove(session.id(), call);
            if (!running || call.isCancelled()) {
                exit(session);
                return;
            }
            try {
                onReply(session, request, failures, reply, error);
            } catch (RuntimeException e) {
                LOG.error("Session {}: unexpected failure in the poll loop", session.id(), e);
                retry(session, failures + 1, "unexpected failure: " + e);
            }
        });
    }

    private void onReply(ChatSession session, LiveAgentRequest request, int failures, LiveAgentReply reply,
                         Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            retry(session, failures + 1, cause.getClass().getSimpleName()
                                         + (cause.getMessage() != null ? ": " + cause.getMessage() : ""));
            return;
        }
        if (reply.status() == 403 && !session.refusalIsFinal(request.affinity())) {
            // a refusal of the old affinity around a hand-over: the session is fine, the loop goes on (or waits for
            // it); bounded like any failure, so that a session that is really gone cannot make us spin
            retry(session, failures + 1, "HTTP 403 around a hand-over");
            return;
        }
        switch (reply.status()) {
            case 200 -> {
                session.emptyPollStreak(false);
                onEvents(session, reply);
            }
            case 204 -> {
                stats.emptyPollStreak(session.emptyPollStreak(true));
                poll(session, 0);
            }
            case 403 -> lose(session, new LiveAgentException("System/Messages", session.id(), 403,
                    "the server no longer knows the session (HTTP 403: ended or expired)"), SESSION_INVALID);
            case 409 -> lose(session, new LiveAgentException("System/Messages", session.id(), 409,
                    "the server ended the chat because of a concurrent Messages poll (HTTP 409)"), CONCURRENT_POLL);
            case 503 -> {
                // the hand-over (if this 503 starts one) restarts the loop when it is done; otherwise back off
                session.serviceUnavailable(request.affinity());
                retry(session, failures + 1, "HTTP 503");
            }
            default -> retry(session, failures + 1, "HTTP " + reply.status());
        }
    }

    private void onEvents(ChatSession session, LiveAgentReply reply) {
        Messages payload;
        try {
            payload = LiveAgentJson.readMessagesLeniently(reply.body());
        } catch (RuntimeException e) {
            retry(session, 1, "unreadable Messages payload: " + e.getMessage());
            return;
        }
        List<LiveAgentMessage> messages = payload.messages();
        if (messages.isEmpty()) {
            poll(session, 0);
            return;
        }
        // the sequence is the index of the last event of the reply (liveagent-api.md §3.2)
        long firstIndex = payload.sequence() - messages.size() + 1;
        long firstNew = session.apply(messages, firstIndex);
        if (session.takeResyncDue()) {
            onSessionData.accept(session);
        }
        long acked = session.ack();
        List<SessionEvent> events = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            long index = firstIndex + i;
            if (index > acked) {
                events.add(new SessionEvent(session.id(), index, messages.get(i), index < firstNew,
                        session.correlationId()));
            }
        }
        if (events.isEmpty()) {
            session.acknowledge(acked, payload.offset());
            poll(session, 0);
            return;
        }
        dispatchInOrder(session, events).whenComplete((processed, error) -> {
            long last = error != null ? events.get(0).index() - 1 : processed;
            boolean complete = last >= events.get(events.size() - 1).index();
            session.acknowledge(last, complete ? payload.offset() : 0);
            if (session.state().isEnded()) {
                exit(session);
                if (!complete) {
                    // an ended chat cannot be polled again: what the routes failed on comes again from here
                    redeliverAfterEnd(session, remaining(events, last), 1);
                }
                return;
            }
            if (complete) {
                poll(session, 0);
            } else {
                // a failed exchange gets its event again from the server; wait a little so a failing route does not spin
                timer.schedule(() -> poll(session, 0), retryDelay(session, 1), TimeUnit.MILLISECONDS);
            }
        });
    }

    private static List<SessionEvent> remaining(List<SessionEvent> events, long processed) {
        List<SessionEvent> rest = new ArrayList<>();
        for (SessionEvent e : events) {
            if (e.index() > processed) {
                rest.add(e.again());
            }
        }
        return rest;
    }

    /**
     * The chat ended in the same reply as events some route failed on: the server will not give them again, so they
     * are handed to the routes again from memory, with the usual back-off, {@code maxPollRetries} times at most.
     */
    private void redeliverAfterEnd(ChatSession session, List<SessionEvent> events, int attempt) {
        if (events.isEmpty() || !running) {
            return;
        }
        if (attempt > Math.max(1, session.settings().maxPollRetries())) {
            LOG.warn("Session {} has ended; events #{}..#{} failed in the routes {} times and are given up",
                    session.id(), events.get(0).index(), events.get(events.size() - 1).index(), attempt - 1);
            return;
        }
        timer.schedule(() -> dispatchInOrder(session, events).whenComplete((processed, error) -> {
            long last = error != null ? events.get(0).index() - 1 : processed;
            session.acknowledge(last);
            redeliverAfterEnd(session, remaining(events, last), attempt + 1);
        }), retryDelay(session, attempt), TimeUnit.MILLISECONDS);
    }

    private void retry(ChatSession session, int failures, String why) {
        if (failures > session.settings().maxPollRetries()) {
            lose(session, new LiveAgentException("System/Messages", session.id(), 0,
                    "Messages poll failed " + failures + " times in a row (last: " + why + ")"), CONNECTION_LOST);
            return;
        }
        long delay = retryDelay(session, failures);
        LOG.debug("Session {}: Messages poll failed ({}); retry {} in {} ms", session.id(), why, failures, delay);
        timer.schedule(() -> poll(session, failures), delay, TimeUnit.MILLISECONDS);
    }

    /** Doubles from pollRetryDelay, capped so that retries stay well inside the server's clientPollTimeout. */
    private static long retryDelay(ChatSession session, int failures) {
        long cap = session.clientPollTimeoutSeconds() * 1000L / 4;
        long delay = session.settings().pollRetryDelayMs() << Math.min(failures - 1, 20);
        return Math.max(0, Math.min(delay, cap));
    }

    /**
     * Hands events to the routes after whatever the session is still handing them: server replies, redeliveries and
     * the component's own events (idle warnings, the final ChatEnded) never overtake each other.
     */
    private CompletableFuture<Long> dispatchInOrder(ChatSession session, List<SessionEvent> events) {
        DeliveryPositions at = positions.computeIfAbsent(session.id(), id -> {
            // kept a while after the end, for the redeliveries from memory
            session.whenEnded().thenRun(() -> timer.schedule(() -> positions.remove(id), 5, TimeUnit.MINUTES));
            return new DeliveryPositions();
        });
        return session.afterPreviousDispatch(() -> dispatcher.dispatch(events, at));
    }

    /** Hands an event the component made (not the server) to the routes, after the session's server events. */
    public void deliverLocal(ChatSession session, LiveAgentMessage message) {
        dispatchInOrder(session, List.of(new SessionEvent(session.id(), session.nextEventIndex(), message, false,
                session.correlationId())));
    }

    /**
     * The session cannot be kept alive: it ends, the routes receive a final {@code ChatEnded} made by the component
     * (its reason says why), and the component's consumers report the exception.
     *
     * @param reason the ChatEnded reason the routes see: {@link #SESSION_INVALID}, {@link #CONCURRENT_POLL} or
     *               {@link #CONNECTION_LOST}
     */
    public void lose(ChatSession session, LiveAgentException why, String reason) {
        boolean wasEnded = session.state().isEnded();
        cancel(session);
        session.end(why.getMessage());
        if (wasEnded) {
            return;
        }
        LOG.warn("Session {} is over: {}", session.id(), why.getMessage());
        SessionEvent last = new SessionEvent(session.id(), session.nextEventIndex(), new ChatEnded(reason, null), false,
                session.correlationId());
        dispatchInOrder(session, List.of(last)).whenComplete((r, e) -> onSessionLost.accept(session, why));
    }

}
