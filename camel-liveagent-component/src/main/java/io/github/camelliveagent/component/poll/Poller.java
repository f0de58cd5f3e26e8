package io.github.camelliveagent.component.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.github.camelliveagent.component.LiveAgentException;
import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.Messages;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.session.ChatSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The System/Messages long-poll loop of every session, as callbacks rather than threads.
 * <p>
 * A session's next poll is only ever started from the completion of its previous one (and after the routes have
 * processed what it brought), which alone guarantees one poll in flight per session: a second one would make the
 * server end the chat (409).
 */
public final class Poller {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    private final LiveAgentClient client;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService timer;
    private final BiConsumer<ChatSession, LiveAgentException> onSessionLost;
    private final Map<String, CompletableFuture<LiveAgentReply>> inFlight = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /**
     * @param onSessionLost told when a session could not be kept alive, so that routes hear of it
     */
    public Poller(LiveAgentClient client, Dispatcher dispatcher, ScheduledExecutorService timer,
                  BiConsumer<ChatSession, LiveAgentException> onSessionLost) {
        this.client = client;
        this.dispatcher = dispatcher;
        this.timer = timer;
        this.onSessionLost = onSessionLost;
    }

    public void start(ChatSession session) {
        poll(session, 0);
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
            return;
        }
        CompletableFuture<LiveAgentReply> call = client.send(session.messagesRequest());
        inFlight.put(session.id(), call);
        call.whenComplete((reply, error) -> {
            inFlight.remove(session.id(), call);
            if (!running || call.isCancelled()) {
                return;
            }
            try {
                onReply(session, failures, reply, error);
            } catch (RuntimeException e) {
                LOG.error("Session {}: unexpected failure in the poll loop", session.id(), e);
                retry(session, failures + 1, "unexpected failure: " + e);
            }
        });
    }

    private void onReply(ChatSession session, int failures, LiveAgentReply reply, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            retry(session, failures + 1, cause.getClass().getSimpleName()
                                         + (cause.getMessage() != null ? ": " + cause.getMessage() : ""));
            return;
        }
        switch (reply.status()) {
            case 200 -> onEvents(session, reply);
            case 204 -> poll(session, 0);
            case 403 -> lose(session, 403, "the server no longer knows the session (HTTP 403: ended or expired)");
            case 409 -> lose(session, 409, "the server ended the chat because of a concurrent Messages poll (HTTP 409)");
            default -> retry(session, failures + 1, "HTTP " + reply.status());
        }
    }

    private void onEvents(ChatSession session, LiveAgentReply reply) {
        Messages payload;
        try {
            payload = LiveAgentJson.readMessages(reply.body());
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
        long firstNew = session.apply(messages, firstIndex, payload.offset());
        long acked = session.ack();
        List<SessionEvent> events = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            long index = firstIndex + i;
            if (index > acked) {
                events.add(new SessionEvent(session.id(), index, messages.get(i), index < firstNew));
            }
        }
        if (events.isEmpty()) {
            poll(session, 0);
            return;
        }
        dispatcher.dispatch(events).whenComplete((processed, error) -> {
            long last = error != null ? events.get(0).index() - 1 : processed;
            session.acknowledge(last);
            boolean complete = last >= events.get(events.size() - 1).index();
            if (session.state().isEnded()) {
                if (!complete) {
                    LOG.warn("Session {} ended while events #{}..#{} were not processed by the routes;"
                             + " they cannot be fetched again from an ended chat",
                            session.id(), last + 1, events.get(events.size() - 1).index());
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

    private void retry(ChatSession session, int failures, String why) {
        if (failures > session.settings().maxPollRetries()) {
            lose(session, 0, "Messages poll failed " + failures + " times in a row (last: " + why + ")");
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

    private void lose(ChatSession session, int status, String why) {
        boolean wasEnded = session.state().isEnded();
        session.end(why);
        if (!wasEnded) {
            LOG.warn("Session {} is over: {}", session.id(), why);
            onSessionLost.accept(session, new LiveAgentException("System/Messages", session.id(), status, why));
        }
    }
}
