package io.github.camelliveagent.component.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelliveagent.component.LiveAgentException;
import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's outgoing POSTs, sent strictly in order and one at a time (the server was seen to drop messages sent in
 * bursts). Chat activity waits here until the chat is established, since the server answers 500 to it before; a
 * post that waits longer than the establish timeout fails, and an ended session fails every post at once.
 */
public final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final Pattern OUT_OF_SYNC = Pattern.compile("Expected\\s+(-?\\d+)\\.?\\s+Actual\\s+(-?\\d+)");
    private static final int MAX_NETWORK_RETRIES = 2;
    private static final int MAX_HELD_BACK = 20;
    /** A post may meet more than one out-of-sync answer in its life (a hand-over in between); never loop on them. */
    private static final int MAX_SEQUENCE_REPAIRS = 3;

    private final ChatSession session;
    private final LiveAgentClient client;
    private final ScheduledExecutorService timer;
    private final Deque<OutgoingPost> queue = new ArrayDeque<>();
    private boolean inFlight;
    private boolean timerArmed;

    public Outbox(ChatSession session, LiveAgentClient client, ScheduledExecutorService timer) {
        this.session = session;
        this.client = client;
        this.timer = timer;
    }

    /**
     * Queues a call of this session.
     *
     * @param operation   the operation name, for errors
     * @param method      POST or DELETE
     * @param path        the resource, e.g. {@code Chasitor/ChatMessage}
     * @param body        the JSON body, or null
     * @param sequenced   whether the call carries X-LIVEAGENT-SEQUENCE
     * @param needsActive whether the call is chat activity that must wait for ChatEstablished
     * @param waitMs      how long chat activity may wait for ChatEstablished (the calling endpoint's establishTimeout)
     * @return            completes with the server's 2xx reply, or exceptionally with a {@link LiveAgentException}
     */
    public CompletableFuture<LiveAgentReply> submit(String operation, String method, String path, byte[] body,
                                                    boolean sequenced, boolean needsActive, long waitMs) {
        OutgoingPost post = new OutgoingPost(operation, method, path, body, sequenced, needsActive, waitMs);
        synchronized (session) {
            queue.addLast(post);
        }
        pump();
        return post.result;
    }

    /** The session's state changed: an established chat releases waiting posts, an ended one fails them. */
    void stateChanged() {
        pump();
    }

    /** How many calls wait or are in flight. */
    public int pending() {
        synchronized (session) {
            return queue.size() + (inFlight ? 1 : 0);
        }
    }

    private void pump() {
        List<OutgoingPost> failed = new ArrayList<>();
        OutgoingPost next = null;
        SessionState state;
        synchronized (session) {
            state = session.state();
            expireWaiting(failed);
            if (state.isEnded()) {
                failed.addAll(queue);
                queue.clear();
            } else if (!inFlight && !queue.isEmpty() && session.handover() == ChatSession.HandoverPhase.NONE) {
                OutgoingPost head = queue.peekFirst();
                if (head.needsActive && state != SessionState.ACTIVE) {
                    armTimer(head);
                } else {
                    next = queue.pollFirst();
                    inFlight = true;
                    if (next.sequenced && next.sequence == null) {
                        next.sequence = session.takeSequence();
                    }
                }
            }
        }
        for (OutgoingPost p : failed) {
            p.result.completeExceptionally(state.isEnded() ? endedError(p) : notEstablishedError(p));
        }
        if (next != null) {
            send(next);
        }
    }

    private void expireWaiting(List<OutgoingPost> failed) {
        long now = System.nanoTime();
        // only chat activity waits on the state; anything behind it waits on its turn, not on a deadline
        while (!queue.isEmpty() && !inFlight) {
            OutgoingPost head = queue.peekFirst();
            if (head.needsActive && session.state() != SessionState.ACTIVE && now - head.deadlineNanos >= 0) {
                failed.add(queue.pollFirst());
            } else {
                break;
            }
        }
    }

    private void armTimer(OutgoingPost head) {
        if (timerArmed) {
            return;
        }
        timerArmed = true;
        long delay = Math.max(0, head.deadlineNanos - System.nanoTime());
        timer.schedule(() -> {
            synchronized (session) {
                timerArmed = false;
            }
            pump();
        }, delay, TimeUnit.NANOSECONDS);
    }

    private void send(OutgoingPost post) {
        post.attempts++;
        LiveAgentRequest request = "DELETE".equals(post.method)
                ? session.deleteRequest()
                : session.request(post.method, post.path, post.sequence, post.body);
        post.sentAffinity = request.affinity();
        client.send(request)
                .whenComplete((reply, error) -> onReply(post, reply, error));
    }

    private void onReply(OutgoingPost post, LiveAgentReply reply, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (post.attempts <= MAX_NETWORK_RETRIES && !session.state().isEnded()) {
                // same sequence number: if the first attempt did reach the server, it drops this one as a duplicate
                LOG.debug("Session {}: {} failed on the network ({}); retrying", session.id(), post.operation, cause.toString());
                timer.schedule(() -> send(post), session.settings().pollRetryDelayMs(), TimeUnit.MILLISECONDS);
                return;
            }
            finish(post, null, new LiveAgentException(post.operation, session.id(), 0,
                    "the server could not be reached: " + describe(cause), cause));
            return;
        }
        if (reply.isSuccess()) {
            if (post.needsActive) {
                session.visitorActive();
            }
            finish(post, reply, null);
            return;
        }
        boolean staleAffinity = reply.status() == 403 && !session.refusalIsFinal(post.sentAffinity);
        if (reply.status() == 503 || staleAffinity) {
            // the server handed the session over: this post goes back to the head of the queue, to be numbered and
            // sent again once the hand-over is complete
            synchronized (session) {
                inFlight = false;
                if (post.sequenced) {
                    // numbered again when it leaves; a hand-over may restart the sequence meanwhile
                    post.sequence = null;
                    post.sequenceRepairs = 0;
                }
                post.attempts = 0;
                queue.addFirst(post);
            }
            if (reply.status() == 503) {
                session.serviceUnavailable(post.sentAffinity);
            }
            if (++post.heldBack > MAX_HELD_BACK) {
                synchronized (session) {
                    queue.remove(post);
                }
                finish(post, null, new LiveAgentException(post.operation, session.id(), reply.status(),
                        "the server refused the call " + post.heldBack + " times while handing the session over"));
                return;
            }
            // sent before a reconnect changed the affinity, or refused by a server that handed the session over:
            // it goes again once the hand-over is complete, after a pause so that nothing spins
            timer.schedule(this::pump, session.settings().pollRetryDelayMs(), TimeUnit.MILLISECONDS);
            return;
        }
        if (reply.status() == 409 && post.sequenced && post.sequenceRepairs < MAX_SEQUENCE_REPAIRS) {
            Matcher m = OUT_OF_SYNC.matcher(new String(reply.body() == null ? new byte[0] : reply.body(), StandardCharsets.UTF_8));
            if (m.find()) {
                post.sequenceRepairs++;
                post.sequence = session.resyncSequence(Long.parseLong(m.group(2)));
                LOG.info("Session {}: POST sequence out of sync ({}); re-sending {} as #{}", session.id(), m.group(),
                        post.operation, post.sequence);
                send(post);
                return;
            }
        }
        if (reply.status() == 403) {
            session.end("the server no longer knows the session (HTTP 403: ended or expired)");
            finish(post, null, new LiveAgentException(post.operation, session.id(), 403,
                    "the session is not valid on the server any more (ended or expired)"));
            return;
        }
        finish(post, null, new LiveAgentException(post.operation, session.id(), reply.status(),
                "the server refused the call" + (reply.bodyExcerpt().isEmpty() ? "" : ": " + reply.bodyExcerpt(session::redact))));
    }

    private void finish(OutgoingPost post, LiveAgentReply reply, Exception error) {
        synchronized (session) {
            inFlight = false;
        }
        if (error != null) {
            post.result.completeExceptionally(error);
        } else {
            post.result.complete(reply);
        }
        pump();
    }

    private LiveAgentException endedError(OutgoingPost p) {
        return new LiveAgentException(p.operation, session.id(), 0,
                "the chat has ended (" + session.endReason() + "); start a new chat");
    }

    private LiveAgentException notEstablishedError(OutgoingPost p) {
        return new LiveAgentException(p.operation, session.id(), 0,
                "no agent accepted the chat within establishTimeout (" + p.waitMs
                                                              + " ms); the session is " + session.state()
                                                              + ". Chat activity is only sent after ChatEstablished.");
    }

    private static String describe(Throwable t) {
        if (t instanceof IOException || t.getMessage() == null) {
            return t.getClass().getSimpleName() + (t.getMessage() != null ? " " + t.getMessage() : "");
        }
        return t.getMessage();
    }
}
