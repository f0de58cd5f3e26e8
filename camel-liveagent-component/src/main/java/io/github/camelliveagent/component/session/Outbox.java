package io.github.camelliveagent.component.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private final Timer timer;
    /** Owned by this class: guards the queue and the two flags, and is never held while calling anything else. */
    private final Object lock = new Object();
    private final Deque<OutgoingPost> queue = new ArrayDeque<>();
    private boolean inFlight;
    private boolean timerArmed;

    public Outbox(ChatSession session, LiveAgentClient client, Timer timer) {
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
     * @return            completes with the server's 2xx reply, or exceptionally with a {@link SessionCallException}
     */
    public CompletableFuture<LiveAgentReply> submit(String operation, String method, String path, byte[] body,
                                                    boolean sequenced, boolean needsActive, long waitMs) {
        return submit(operation, method, path, body, sequenced, needsActive, waitMs, null, null);
    }

    /**
     * Queues a call that a shared outbox of several nodes recorded: it may already carry the number a previous owner
     * gave it (sent again with that number, the server drops it if the first one arrived), and each new number it
     * gets is recorded before the call leaves.
     *
     * @param sequence the number a previous owner gave it, or null
     * @param numbered completes once the new number is recorded; the post leaves after that
     */
    public CompletableFuture<LiveAgentReply> submit(String operation, String method, String path, byte[] body,
                                                    boolean sequenced, boolean needsActive, long waitMs, Long sequence,
                                                    java.util.function.Function<Long, java.util.concurrent.CompletionStage<?>> numbered) {
        OutgoingPost post = new OutgoingPost(operation, method, path, body, sequenced, needsActive, waitMs);
        post.sequence = sequenced ? sequence : null;
        post.numbered = numbered;
        synchronized (lock) {
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
        synchronized (lock) {
            return queue.size() + (inFlight ? 1 : 0);
        }
    }

    private void pump() {
        List<OutgoingPost> failed = new ArrayList<>();
        OutgoingPost next = null;
        OutgoingPost waitFor = null;
        boolean recheck = false;
        // read before taking the lock: the session's state is volatile and the session is not called under it
        SessionState state = session.state();
        boolean handingOver = session.handover() != ChatSession.HandoverPhase.NONE;
        synchronized (lock) {
            expireWaiting(failed, state);
            if (state.isEnded()) {
                failed.addAll(queue);
                queue.clear();
            } else if (!inFlight && !queue.isEmpty() && handingOver) {
                // the hand-over's end pumps again; a re-check as well, so that a post queued just as it ended can
                // never wait for a wake-up that already happened
                if (!timerArmed) {
                    timerArmed = true;
                    recheck = true;
                }
            } else if (!inFlight && !queue.isEmpty()) {
                OutgoingPost head = queue.peekFirst();
                if (head.needsActive && state != SessionState.ACTIVE) {
                    if (!timerArmed) {
                        timerArmed = true;
                        waitFor = head;
                    }
                } else {
                    next = queue.pollFirst();
                    inFlight = true;
                }
            }
        }
        for (OutgoingPost p : failed) {
            p.result.completeExceptionally(state.isEnded() ? endedError(p) : notEstablishedError(p));
        }
        if (recheck) {
            timer.schedule(() -> {
                synchronized (lock) {
                    timerArmed = false;
                }
                pump();
            }, Math.max(10, session.settings().pollRetryDelayMs()));
        }
        if (waitFor != null) {
            long delay = Math.max(0, waitFor.deadlineNanos - System.nanoTime());
            timer.schedule(() -> {
                synchronized (lock) {
                    timerArmed = false;
                }
                pump();
            }, TimeUnit.NANOSECONDS.toMillis(delay) + 1);
        }
        if (next != null) {
            // only the caller that set inFlight gets here, so numbering outside the lock cannot interleave
            if (next.sequenced && next.sequence == null) {
                next.sequence = session.takeSequence();
                sendNumbered(next);
            } else {
                send(next);
            }
        }
    }

    /** Sends a post that just got a new number, once whoever must know the number has recorded it. */
    private void sendNumbered(OutgoingPost post) {
        if (post.numbered == null) {
            send(post);
            return;
        }
        post.numbered.apply(post.sequence).whenComplete((recorded, error) -> {
            if (error != null) {
                // not sent: without the record a new owner could send it a second time under another number
                finish(post, null, new SessionCallException(post.operation, session.id(), 0,
                        "the shared outbox could not record the call's sequence number, so it was not sent: " + error));
            } else {
                send(post);
            }
        });
    }

    // under lock
    private void expireWaiting(List<OutgoingPost> failed, SessionState state) {
        long now = System.nanoTime();
        // only chat activity waits on the state; anything behind it waits on its turn, not on a deadline
        while (!queue.isEmpty() && !inFlight) {
            OutgoingPost head = queue.peekFirst();
            if (head.needsActive && state != SessionState.ACTIVE && now - head.deadlineNanos >= 0) {
                failed.add(queue.pollFirst());
            } else {
                break;
            }
        }
    }

    private void send(OutgoingPost post) {
        post.attempts++;
        LiveAgentRequest request = "DELETE".equals(post.method)
                ? session.deleteRequest()
                : session.request(post.method, post.path, post.sequence, post.body);
        post.sentAffinity = request.affinity();
        post.sentInHandover = session.handover() != ChatSession.HandoverPhase.NONE;
        client.send(request)
                .whenComplete((reply, error) -> onReply(post, reply, error));
    }

    private void onReply(OutgoingPost post, LiveAgentReply reply, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (post.attempts <= MAX_NETWORK_RETRIES && !session.state().isEnded()) {
                // same sequence number: if the first attempt did reach the server, it drops this one as a duplicate
                LOG.debug("Session {}: {} failed on the network ({}); retrying", session.id(), post.operation, cause.toString());
                timer.schedule(() -> send(post), session.settings().pollRetryDelayMs());
                return;
            }
            finish(post, null, new SessionCallException(post.operation, session.id(), 0,
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
        // a POST that met a hand-over between its reconnect and ChasitorResyncState (it left just as the hand-over
        // began): the server refuses it, not having taken it (liveagent-api.md §5.3: nothing before the resync), so it
        // goes again after the resync instead of failing
        boolean refusedInHandover = reply.status() >= 500 && reply.status() != 503
                && (post.sentInHandover || session.handover() != ChatSession.HandoverPhase.NONE);
        if (reply.status() == 503 || staleAffinity || refusedInHandover) {
            // the server handed the session over: this post goes back to the head of the queue, to be numbered and
            // sent again once the hand-over is complete; decided before it is queued again, so that it is never both
            // queued and given up (a second POST of the session could then leave while this one counts as in flight)
            if (++post.heldBack > MAX_HELD_BACK) {
                if (reply.status() == 503) {
                    session.serviceUnavailable(post.sentAffinity);
                }
                finish(post, null, new SessionCallException(post.operation, session.id(), reply.status(),
                        "the server refused the call " + post.heldBack + " times while handing the session over"));
                return;
            }
            if (post.sequenced) {
                // numbered again when it leaves; a hand-over may restart the sequence meanwhile
                post.sequence = null;
                post.sequenceRepairs = 0;
            }
            post.attempts = 0;
            synchronized (lock) {
                inFlight = false;
                queue.addFirst(post);
            }
            if (reply.status() == 503) {
                session.serviceUnavailable(post.sentAffinity);
            }
            // sent before a reconnect changed the affinity, or refused by a server that handed the session over:
            // it goes again once the hand-over is complete, after a pause so that nothing spins
            timer.schedule(this::pump, session.settings().pollRetryDelayMs());
            return;
        }
        if (reply.status() == 409 && post.sequenced && post.sequenceRepairs < MAX_SEQUENCE_REPAIRS) {
            Matcher m = OUT_OF_SYNC.matcher(new String(reply.body() == null ? new byte[0] : reply.body(), StandardCharsets.UTF_8));
            if (m.find()) {
                post.sequenceRepairs++;
                post.sequence = session.resyncSequence(Long.parseLong(m.group(2)));
                LOG.info("Session {}: POST sequence out of sync ({}); re-sending {} as #{}", session.id(), m.group(),
                        post.operation, post.sequence);
                sendNumbered(post);
                return;
            }
        }
        if (reply.status() == 403) {
            SessionCallException gone = new SessionCallException(post.operation, session.id(), 403,
                    "the session is not valid on the server any more (ended or expired)");
            // the one end path first (the routes get a final ChatEnded, the exception handler and the statistics hear
            // of it), so that whoever waits for this post finds the session ended
            session.end(SessionEnd.lost(SessionEnd.SESSION_INVALID, gone));
            finish(post, null, gone);
            return;
        }
        finish(post, null, new SessionCallException(post.operation, session.id(), reply.status(),
                "the server refused the call" + (reply.bodyExcerpt().isEmpty() ? "" : ": " + reply.bodyExcerpt(session::redact))));
    }

    private void finish(OutgoingPost post, LiveAgentReply reply, Exception error) {
        synchronized (lock) {
            inFlight = false;
        }
        if (error != null) {
            post.result.completeExceptionally(error);
        } else {
            post.result.complete(reply);
        }
        pump();
    }

    /** For diagnostics: how many calls wait, whether one is in flight. */
    @Override
    public String toString() {
        synchronized (lock) {
            return "Outbox[" + session.id() + " queued=" + queue.size() + " inFlight=" + inFlight + " timer=" + timerArmed
                   + "]";
        }
    }

    private SessionCallException endedError(OutgoingPost p) {
        return new SessionCallException(p.operation, session.id(), 0,
                "the chat has ended (" + session.endReason() + "); start a new chat");
    }

    private SessionCallException notEstablishedError(OutgoingPost p) {
        return new SessionCallException(p.operation, session.id(), 0,
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
