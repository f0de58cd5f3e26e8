package io.github.camelliveagent.component.session;

import java.util.concurrent.CompletionException;

import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.message.ReconnectSession;
import io.github.camelliveagent.component.model.request.ChasitorResyncState;
import io.github.camelliveagent.component.observe.LiveAgentStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server hand-over procedure of liveagent-api.md §5.3, started by a 503 on any call of a session: stop its poll,
 * hold its POSTs, ReconnectSession with the last offset, adopt the new affinity (and restart the sequence), poll
 * until ChasitorSessionData, send ChasitorResyncState, then let the held POSTs go in order.
 */
public final class Handover {

    private static final Logger LOG = LoggerFactory.getLogger(Handover.class);

    /** What the hand-over needs from the poll loop. */
    public interface PollControl {
        /** Starts the session's poll loop again, unless its poll is still in flight. */
        void start(ChatSession session);
    }

    private final LiveAgentClient client;
    private final Timer timer;
    private final PollControl polls;
    private final LiveAgentStatistics stats;

    public Handover(LiveAgentClient client, Timer timer, PollControl polls, LiveAgentStatistics stats) {
        this.stats = stats;
        this.client = client;
        this.timer = timer;
        this.polls = polls;
    }

    /** A call of the session was answered 503. */
    public void begin(ChatSession session) {
        if (!session.beginHandover()) {
            return;
        }
        stats.handoverStarted();
        // the poll in flight is left alone: cancelling it on our side would not end it on the server, and a second
        // poll next to it ends the chat (409). The server answers it (503, or events), and the loop then waits for us.
        LOG.info("Session {}: the server handed the session over (503); reconnecting", session.id());
        reconnect(session, 1);
    }

    private void reconnect(ChatSession session, int attempt) {
        client.send(session.reconnectRequest()).whenComplete((reply, error) -> {
            if (error != null) {
                retry(session, attempt, "ReconnectSession failed: " + cause(error), () -> reconnect(session, attempt + 1));
                return;
            }
            switch (reply.status()) {
                case 200 -> adopt(session, reply, attempt);
                case 403 -> lose(session, new SessionCallException("System/ReconnectSession", session.id(), 403,
                        "the server no longer knows the session after a hand-over (HTTP 403)"));
                case 405 -> {
                    // no hand-over pending on the server: a 503 without one, or one an earlier ReconnectSession of
                    // ours already took. ChasitorResyncState completes the latter and does no harm in the former.
                    LOG.info("Session {}: no hand-over pending on the server; resynchronising and resuming", session.id());
                    session.skipToResync();
                    polls.start(session);
                    resync(session);
                }
                default -> retry(session, attempt, "ReconnectSession answered HTTP " + reply.status(),
                        () -> reconnect(session, attempt + 1));
            }
        });
    }

    private void adopt(ChatSession session, LiveAgentReply reply, int attempt) {
        ReconnectSession reconnect;
        try {
            reconnect = LiveAgentJson.readReconnectSession(reply.body());
        } catch (RuntimeException e) {
            retry(session, attempt, "unreadable ReconnectSession reply: " + e.getMessage(), () -> reconnect(session, attempt + 1));
            return;
        }
        session.reconnected(reconnect.affinityToken(), reconnect.resetSequence());
        LOG.info("Session {}: reconnected; waiting for ChasitorSessionData", session.id());
        polls.start(session);
    }

    /** ChasitorSessionData was processed: the last step, then the held POSTs go. */
    public void resync(ChatSession session) {
        resync(session, 1);
    }

    private void resync(ChatSession session, int attempt) {
        byte[] body = LiveAgentJson.write(new ChasitorResyncState(session.settings().organizationId()));
        var request = session.resyncRequest(body);
        client.send(request).whenComplete((reply, error) -> {
            if (error != null) {
                retry(session, attempt, "ChasitorResyncState failed: " + cause(error), () -> resync(session, attempt + 1));
            } else if (reply.isSuccess()) {
                LOG.info("Session {}: hand-over complete", session.id());
                session.resynced();
            } else if (reply.status() == 503) {
                // handed over again before the first hand-over was complete: start over
                session.serviceUnavailable(request.affinity());
            } else if (reply.status() == 403 && session.refusalIsFinal(request.affinity())) {
                lose(session, new SessionCallException("Chasitor/ChasitorResyncState", session.id(), 403,
                        "the server no longer knows the session after a hand-over (HTTP 403)"));
            } else {
                retry(session, attempt, "ChasitorResyncState answered HTTP " + reply.status(), () -> resync(session, attempt + 1));
            }
        });
    }

    private void retry(ChatSession session, int attempt, String why, Runnable again) {
        int max = Math.max(1, session.settings().maxPollRetries());
        if (attempt > max) {
            lose(session, new SessionCallException("hand-over", session.id(), 0,
                    "the session could not be reconnected after " + attempt + " attempts (last: " + why + ")"));
            return;
        }
        long cap = session.clientPollTimeoutSeconds() * 1000L / 4;
        long delay = Math.min(cap, session.settings().pollRetryDelayMs() << Math.min(attempt - 1, 20));
        LOG.debug("Session {}: {}; retry {} in {} ms", session.id(), why, attempt, delay);
        timer.schedule(again, delay);
    }

    /** The session cannot be handed over: it ends through its one end path, which tells the routes. */
    private static void lose(ChatSession session, SessionCallException why) {
        session.end(SessionEnd.lost(why.getStatusCode() == 403 ? SessionEnd.SESSION_INVALID : SessionEnd.CONNECTION_LOST,
                why));
    }

    private static String cause(Throwable error) {
        Throwable c = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return c.getClass().getSimpleName() + (c.getMessage() != null ? ": " + c.getMessage() : "");
    }
}
