package io.github.camelliveagent.component.poll;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.camelliveagent.component.client.LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.client.LiveAgentRequest;
import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.Messages;
import io.github.camelliveagent.component.model.message.ChasitorSessionData;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.observe.LiveAgentStatistics;
import io.github.camelliveagent.component.session.ChatSession;
import io.github.camelliveagent.component.session.EventLedger;
import io.github.camelliveagent.component.session.Handover;
import io.github.camelliveagent.component.session.SessionCallException;
import io.github.camelliveagent.component.session.SessionEnd;
import io.github.camelliveagent.component.session.Timer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The System/Messages long-poll loop of every session, as callbacks rather than threads, and the hand-off of what it
 * brings to the routes.
 * <p>
 * A session's next poll is only ever started from the completion of its previous one (and after the routes have
 * processed what it brought), which alone guarantees one poll in flight per session: a second one would make the
 * server end the chat (409). Every way a poll can go wrong, or come back with nothing too fast, counts toward one
 * bounded back-off; where it keeps happening the session ends with a {@code ChatEnded} the routes see.
 */
public final class Poller extends ServiceSupport implements Handover.PollControl {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    /** ChatEnded reason when the server answered 403: the session ended or expired on the server. */
    public static final String SESSION_INVALID = SessionEnd.SESSION_INVALID;
    /** ChatEnded reason when the server answered 409 to a poll and ended the chat. */
    public static final String CONCURRENT_POLL = SessionEnd.CONCURRENT_POLL;
    /** ChatEnded reason when polls or the hand-over failed too often in a row. */
    public static final String CONNECTION_LOST = SessionEnd.CONNECTION_LOST;
    /** ChatEnded reason when the server kept answering with nothing usable (not JSON, stale, empty at once). */
    public static final String PROTOCOL_ERROR = SessionEnd.PROTOCOL_ERROR;

    /**
     * An empty answer (204, or 200 without events) faster than this is not a long poll that ran its course: it counts
     * toward the back-off. Real servers hold a poll about 30 s; the emulator at least a few hundred ms.
     */
    static final long FAST_EMPTY_REPLY_MS = 200;

    private final LiveAgentClient client;
    private final Dispatcher dispatcher;
    private final Timer timer;
    private final LiveAgentStatistics stats;
    private volatile PollPacer pacer;
    private final Map<String, SessionLoop> loops = new ConcurrentHashMap<>();
    /** What must be true before a poll may carry a new ack (a shared store must hold it first); none by default. */
    private static final CompletableFuture<Void> NOTHING_TO_WAIT_FOR = CompletableFuture.completedFuture(null);
    private volatile java.util.function.Function<ChatSession, CompletableFuture<Void>> beforeAck = s -> NOTHING_TO_WAIT_FOR;

    public Poller(LiveAgentClient client, Dispatcher dispatcher, Timer timer, LiveAgentStatistics stats) {
        this.stats = stats;
        this.client = client;
        this.dispatcher = dispatcher;
        this.timer = timer;
        this.pacer = new PollPacer(timer, 0);
        dispatcher.onSinkRegistered(this::consumerStarted);
    }

    /**
     * Sets the least time between the sending of two Messages polls of one chat (option {@code minPollInterval}): a
     * busy chat's events then come several to a reply. 0 (the default) polls again as soon as a reply is processed.
     */
    public void setMinPollInterval(long intervalMs) {
        this.pacer = new PollPacer(timer, intervalMs);
    }

    /** How often the polls' overall deadlines are checked: a poll overdue is aborted at most this much late. */
    static final long DEADLINE_SWEEP_MS = 500;

    private Future<?> deadlineSweep;

    @Override
    protected void doStart() {
        deadlineSweep = timer.every(this::expireOverdue, DEADLINE_SWEEP_MS);
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (SessionLoop loop : loops.values()) {
            loop.expireIfOverdue(now);
        }
    }

    @Override
    protected void doStop() {
        // polls in flight are aborted; sessions stay alive on the server until their poll timeout
        loops.values().forEach(SessionLoop::abort);
        loops.clear();
        pacer.clear();
        if (deadlineSweep != null) {
            deadlineSweep.cancel(false);
        }
    }

    /**
     * Starts the session's loop unless it runs already. A loop whose poll is still parked on the server carries on
     * by itself (with the session's current affinity), so a second poll is never started next to it.
     */
    @Override
    public void start(ChatSession session) {
        if (!isRunAllowed()) {
            return;
        }
        SessionLoop loop = loops.computeIfAbsent(session.id(), id -> {
            SessionLoop created = new SessionLoop(session);
            created.restoreHeld();
            return created;
        });
        if (session.state().isEnded()) {
            // restored after a restart with events the routes had not processed: they go when a consumer runs
            if (dispatcher.hasOpenSink()) {
                deliverHeld(loop, 1);
            } else {
                park(loop);
            }
            return;
        }
        long epoch = loop.claim();
        if (epoch >= 0) {
            poll(loop, epoch);
        }
    }

    /**
     * Sets what a poll waits for before it sends a new ack: with a store several nodes share, the ack must be stored
     * before the server hears it, so that a node taking the chat over never starts from an older one.
     */
    public void setBeforeAck(java.util.function.Function<ChatSession, CompletableFuture<Void>> beforeAck) {
        this.beforeAck = beforeAck;
    }

    /** How many polls are in flight now. */
    public int inFlight() {
        int n = 0;
        for (SessionLoop l : loops.values()) {
            if (l.polling()) {
                n++;
            }
        }
        return n;
    }

    /** How many sessions this poller keeps state for (live ones, and ended ones with events still to hand over). */
    public int sessions() {
        return loops.size();
    }

    /**
     * Test seam: the size of every per-session structure the poller keeps (a churn test checks they all return to 0).
     */
    public Map<String, Integer> perSessionEntries() {
        int held = 0;
        for (SessionLoop l : loops.values()) {
            held += l.held().size();
        }
        return Map.of("poller.loops", loops.size(), "poller.inFlight", inFlight(), "poller.heldEvents", held,
                "poller.pacedPolls", pacer.waiting());
    }

    /** A consumer started: sessions that waited for one poll now, and events held for one go to it. */
    private void consumerStarted() {
        for (SessionLoop loop : loops.values()) {
            ChatSession session = loop.session;
            long epoch = loop.unpark();
            if (session.state().isEnded()) {
                if (epoch >= 0) {
                    loop.release();
                }
                if (!loop.held().isEmpty()) {
                    deliverHeld(loop, 1);
                }
            } else if (epoch >= 0) {
                LOG.debug("Session {}: a consumer started; polling for what waited for it", session.id());
                poll(loop, epoch);
            } else if (!loop.held().isEmpty() && !session.ledger().hasPending()) {
                // component-made events, with no server event before them still to come: they can go now
                deliverHeld(loop, 1);
            }
        }
    }

    private void poll(SessionLoop loop, long epoch) {
        ChatSession session = loop.session;
        if (!loop.isCurrent(epoch)) {
            return;
        }
        if (!isRunAllowed() || session.state().isEnded()) {
            loop.release();
            return;
        }
        // while ReconnectSession runs nothing is sent; the hand-over starts the loop again when it is done
        if (session.handover() == ChatSession.HandoverPhase.RECONNECTING) {
            loop.release();
            return;
        }
        if (session.isReleased()) {
            // another node owns the chat now
            loop.release();
            return;
        }
        CompletableFuture<Void> stored = beforeAck.apply(session);
        if (!stored.isDone()) {
            stored.whenComplete((done, error) -> {
                if (session.isReleased()) {
                    loop.release();
                } else if (error != null) {
                    failed(loop, epoch, "the session store could not save the ack before the next poll: " + error);
                } else {
                    poll(loop, epoch);
                }
            });
            return;
        }
        if (stored.isCompletedExceptionally()) {
            failed(loop, epoch, "the session store could not save the ack before the next poll");
            return;
        }
        LiveAgentRequest request = session.messagesRequest();
        long sentAt = System.nanoTime();
        CompletableFuture<LiveAgentReply> call = client.send(request);
        // the client's response timeout is a read timeout: a body trickling in byte by byte would never trip it, so
        // each poll has an overall deadline too, which one periodic sweep checks (no timer task per poll)
        long deadline = sentAt + TimeUnit.MILLISECONDS.toNanos(request.timeoutMs() + 1000);
        if (!loop.polling(call, deadline, epoch)) {
            call.cancel(true);
            return;
        }
        call.whenComplete((reply, error) -> {
            boolean expired = loop.pollDone(call);
            if (!isRunAllowed() || (call.isCancelled() && !expired) || !loop.isCurrent(epoch)) {
                return;
            }
            try {
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
                if (expired) {
                    failed(loop, epoch, "no complete reply within " + (request.timeoutMs() + 1000) + " ms");
                } else {
                    onReply(loop, epoch, request, sentAt, tookMs, reply, error);
                }
            } catch (RuntimeException e) {
                LOG.error("Session {}: unexpected failure in the poll loop", session.id(), e);
                failed(loop, epoch, "unexpected failure: " + e);
            }
        });
    }

    private void onReply(SessionLoop loop, long epoch, LiveAgentRequest request, long sentAt, long tookMs,
                         LiveAgentReply reply, Throwable error) {
        ChatSession session = loop.session;
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            failed(loop, epoch,
                    cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : ""));
            return;
        }
        if (reply.status() == 403 && !session.refusalIsFinal(request.affinity())) {
            // a refusal of the old affinity around a hand-over: the session is fine, the loop goes on (or waits for
            // it); bounded like any failure, so that a session that is really gone cannot make us spin
            failed(loop, epoch, "HTTP 403 around a hand-over");
            return;
        }
        switch (reply.status()) {
            case 200 -> onEvents(loop, epoch, reply, sentAt, tookMs);
            case 204 -> {
                stats.emptyPollStreak(loop.emptyStreak(true));
                if (tookMs < FAST_EMPTY_REPLY_MS) {
                    futile(loop, epoch, "HTTP 204 after " + tookMs + " ms");
                } else {
                    loop.succeeded();
                    poll(loop, epoch);
                }
            }
            case 403 -> {
                loop.release();
                session.end(SessionEnd.lost(SESSION_INVALID, new SessionCallException("System/Messages",
                        session.id(), 403, "the server no longer knows the session (HTTP 403: ended or expired)")));
            }
            case 409 -> {
                loop.release();
                session.end(SessionEnd.lost(CONCURRENT_POLL, new SessionCallException("System/Messages",
                        session.id(), 409, "the server ended the chat because of a concurrent Messages poll (HTTP 409)")));
            }
            case 503 -> {
                // the hand-over (if this 503 starts one) restarts the loop when it is done; otherwise back off
                session.serviceUnavailable(request.affinity());
                failed(loop, epoch, "HTTP 503");
            }
            default -> failed(loop, epoch, "HTTP " + reply.status());
        }
    }

    private void onEvents(SessionLoop loop, long epoch, LiveAgentReply reply, long sentAt, long tookMs) {
        ChatSession session = loop.session;
        Messages payload;
        try {
            payload = LiveAgentJson.readMessagesLeniently(reply.body());
        } catch (RuntimeException e) {
            futile(loop, epoch, "unreadable Messages payload: " + e.getMessage());
            return;
        }
        List<LiveAgentMessage> messages = payload.messages();
        EventLedger ledger = session.ledger();
        if (messages.isEmpty()) {
            if (tookMs < FAST_EMPTY_REPLY_MS) {
                futile(loop, epoch, "a Messages reply without events after " + tookMs + " ms");
            } else {
                loop.succeeded();
                poll(loop, epoch);
            }
            return;
        }
        boolean opensNewStream = false;
        for (LiveAgentMessage m : messages) {
            opensNewStream |= m instanceof ChasitorSessionData;
        }
        if (ledger.isStale(payload.sequence(), opensNewStream)) {
            // a reply the routes processed already: delivered twice, or a sequence going backwards
            futile(loop, epoch, "a Messages reply with sequence " + payload.sequence() + " at or below ack " + ledger.ack());
            return;
        }
        loop.emptyStreak(false);
        // ChasitorSessionData stands outside the resumable stream: after a reconnect the server puts it in front of
        // the events it sends again, so it takes a number of its own and the others are counted from the ack
        List<Boolean> inStream = new ArrayList<>(messages.size());
        for (LiveAgentMessage m : messages) {
            inStream.add(!(m instanceof ChasitorSessionData));
        }
        List<EventLedger.Numbered> numbered = ledger.number(inStream);
        List<Long> positions = new ArrayList<>(messages.size());
        List<SessionEvent> events = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            EventLedger.Numbered n = numbered.get(i);
            positions.add(n.position());
            if (!n.processed()) {
                events.add(new SessionEvent(session.id(), n.position(), messages.get(i), n.seenBefore(),
                        session.correlationId()));
            }
        }
        session.apply(messages, positions);
        if (LOG.isTraceEnabled()) {
            LOG.trace("Session {}: reply sequence {} with {} events at positions {}; {} to hand over; ledger {}",
                    session.id(), payload.sequence(), messages.size(), positions, events.size(), ledger);
        }
        // component-made events held for a consumer go in their place among these
        List<SessionEvent> local = loop.takeHeld();
        events.addAll(local);
        // routes see positions strictly increasing: a ChasitorSessionData numbered after events sent again goes after them
        events.sort(Comparator.comparingLong(SessionEvent::index));
        long sequence = payload.sequence();
        long offset = payload.offset();
        handOver(loop, events).whenComplete((result, error) -> {
            Dispatcher.Outcome outcome = error != null ? Dispatcher.Outcome.FAILED : result.outcome();
            long processed = ledger.processed();
            LOG.trace("Session {}: reply sequence {} handed over: {}", session.id(), sequence, outcome);
            if (outcome == Dispatcher.Outcome.ALL) {
                loop.succeeded();
                if (ledger.replyProcessed(sequence, offset)) {
                    session.changed();
                }
            } else if (!local.isEmpty()) {
                // the server gives its own events again; the component's are kept here
                loop.hold(again(remaining(local, processed), outcome));
            }
            if (session.state().isEnded()) {
                loop.release();
                if (outcome != Dispatcher.Outcome.ALL) {
                    // an ended chat cannot be polled again: what the routes did not process is kept in memory
                    // (local events were re-held above; the server's are added)
                    loop.hold(again(remaining(serverEvents(events, local), processed), outcome));
                    if (outcome == Dispatcher.Outcome.FAILED) {
                        redeliverHeld(loop, 1);
                    } else {
                        park(loop);
                    }
                } else {
                    finish(loop);
                }
                return;
            }
            switch (outcome) {
                case ALL -> pacer.pace(sentAt, () -> poll(loop, epoch));
                case FAILED -> {
                    // the server gives the reply again for the same ack; a failing route must not make us spin
                    int round = loop.redeliveryRound();
                    timer.schedule(() -> poll(loop, epoch), retryDelay(session, round));
                }
                case NO_CONSUMER -> park(loop);
            }
        });
    }

    private static List<SessionEvent> serverEvents(List<SessionEvent> events, List<SessionEvent> local) {
        List<SessionEvent> out = new ArrayList<>(events);
        out.removeAll(local);
        return out;
    }

    private static List<SessionEvent> again(List<SessionEvent> events, Dispatcher.Outcome outcome) {
        if (outcome != Dispatcher.Outcome.FAILED) {
            return events;
        }
        List<SessionEvent> out = new ArrayList<>(events.size());
        events.forEach(e -> out.add(e.again()));
        return out;
    }

    /**
     * No consumer runs: the events stay unacknowledged on the server and the loop waits for a consumer. To keep the
     * chat alive (the server ends a session nobody polls for clientPollTimeout) it polls again with the same ack,
     * first after pollRetryDelay, then doubling up to a third of clientPollTimeout; the server answers at once with
     * what it holds, and that waits again.
     */
    private void park(SessionLoop loop) {
        if (!loop.park()) {
            return;
        }
        if (dispatcher.hasOpenSink()) {
            // a consumer started between the hand-over and now
            consumerStarted();
            return;
        }
        ChatSession session = loop.session;
        if (session.state().isEnded()) {
            return;
        }
        int round = loop.parkRound();
        long keepAlive = Math.min(session.settings().pollRetryDelayMs() << Math.min(round - 1, 20),
                session.clientPollTimeoutSeconds() * 1000L / 3);
        LOG.debug("Session {}: no liveagent:messages consumer runs; events wait unacknowledged, polling again in {} ms",
                session.id(), keepAlive);
        timer.schedule(() -> {
            long epoch = loop.unpark();
            if (epoch >= 0) {
                poll(loop, epoch);
            }
        }, keepAlive);
    }

    private static List<SessionEvent> remaining(List<SessionEvent> events, long processed) {
        List<SessionEvent> rest = new ArrayList<>();
        for (SessionEvent e : events) {
            if (e.index() > processed) {
                rest.add(e);
            }
        }
        return rest;
    }

    /**
     * The chat ended with events some route failed on: the server will not give them again, so they are handed to
     * the routes again from memory, with the usual back-off, {@code maxPollRetries} times at most.
     */
    private void redeliverHeld(SessionLoop loop, int attempt) {
        ChatSession session = loop.session;
        List<SessionEvent> held = loop.held();
        if (held.isEmpty() || !isRunAllowed()) {
            finish(loop);
            return;
        }
        if (attempt > Math.max(1, session.settings().maxPollRetries())) {
            LOG.warn("Session {} has ended; events #{}..#{} failed in the routes {} times and are given up",
                    session.id(), held.get(0).index(), held.get(held.size() - 1).index(), attempt - 1);
            loop.takeHeld();
            finish(loop);
            return;
        }
        timer.schedule(() -> deliverHeld(loop, attempt), retryDelay(session, attempt));
    }

    private void deliverHeld(SessionLoop loop, int attempt) {
        List<SessionEvent> held = loop.takeHeld();
        if (held.isEmpty()) {
            finish(loop);
            return;
        }
        handOver(loop, held).whenComplete((result, error) -> {
            Dispatcher.Outcome outcome = error != null ? Dispatcher.Outcome.FAILED : result.outcome();
            loop.hold(again(remaining(held, loop.session.ledger().processed()), outcome));
            switch (outcome) {
                case ALL -> finish(loop);
                case FAILED -> redeliverHeld(loop, attempt + 1);
                case NO_CONSUMER -> park(loop);
            }
        });
    }

    /** The loop of an ended session is done once nothing is left to hand over. */
    private void finish(SessionLoop loop) {
        if (loop.session.state().isEnded() && loop.held().isEmpty() && loop.idle()) {
            loops.remove(loop.session.id(), loop);
        }
    }

    /** A poll that failed: network, HTTP status, deadline. */
    private void failed(SessionLoop loop, long epoch, String why) {
        backOff(loop, epoch, why, CONNECTION_LOST, "Messages poll failed");
    }

    /** A reply with nothing usable, or nothing too fast: counts like a failure, and ends the session as a protocol error. */
    private void futile(SessionLoop loop, long epoch, String why) {
        backOff(loop, epoch, why, PROTOCOL_ERROR, "Messages poll brought nothing usable");
    }

    private void backOff(SessionLoop loop, long epoch, String why, String reason, String what) {
        ChatSession session = loop.session;
        int failures = loop.failed();
        if (failures > session.settings().maxPollRetries()) {
            loop.release();
            session.end(SessionEnd.lost(reason, new SessionCallException("System/Messages", session.id(), 0,
                    what + " " + failures + " times in a row (last: " + why + ")")));
            return;
        }
        long delay = retryDelay(session, failures);
        LOG.debug("Session {}: {} ({}); retry {} in {} ms", session.id(), what, why, failures, delay);
        timer.schedule(() -> poll(loop, epoch), delay);
    }

    /** Doubles from pollRetryDelay, capped so that retries stay well inside the server's clientPollTimeout. */
    static long retryDelay(ChatSession session, int failures) {
        long cap = session.clientPollTimeoutSeconds() * 1000L / 4;
        long delay = session.settings().pollRetryDelayMs() << Math.min(Math.max(failures, 1) - 1, 20);
        return Math.max(0, Math.min(delay, cap));
    }

    /**
     * Hands events to the routes after whatever the session is still handing them: server replies, redeliveries and
     * the component's own events (idle warnings, the final ChatEnded) never overtake each other.
     */
    private CompletableFuture<Dispatcher.Result> handOver(SessionLoop loop, List<SessionEvent> events) {
        return loop.afterPrevious(() -> dispatch(loop, events));
    }

    /** One step of the session's chain: the processed position moves before the next step starts. */
    private CompletableFuture<Dispatcher.Result> dispatch(SessionLoop loop, List<SessionEvent> events) {
        ChatSession session = loop.session;
        EventLedger ledger = session.ledger();
        for (SessionEvent e : events) {
            ledger.handed(e.index());
        }
        return dispatcher.dispatch(events, loop.positions).thenApply(result -> {
            if (result.lastProcessed() != Long.MIN_VALUE && ledger.processed(result.lastProcessed())) {
                session.changed();
            }
            return result;
        });
    }

    /**
     * Hands a component-made event to the routes in its place: when a server event numbered before it is still
     * unprocessed (a route failed on it and the server will give it again), it is kept and goes with that event.
     */
    private CompletableFuture<Dispatcher.Result> handOverLocal(SessionLoop loop, SessionEvent event) {
        return loop.afterPrevious(() -> {
            if (loop.session.ledger().hasUnprocessedBefore(event.index())) {
                loop.hold(List.of(event));
                return CompletableFuture.completedFuture(new Dispatcher.Result(event.index() - 1, Dispatcher.Outcome.HELD));
            }
            return dispatch(loop, List.of(event));
        });
    }

    /** Hands an event the component made (not the server) to the routes, after the session's server events. */
    public void deliverLocal(ChatSession session, LiveAgentMessage message) {
        SessionLoop loop = loops.get(session.id());
        if (loop == null) {
            return;
        }
        SessionEvent event = new SessionEvent(session.id(), session.ledger().local(), message, false,
                session.correlationId());
        handOverLocal(loop, event).whenComplete((result, error) -> afterLocal(loop, event, result, error));
    }

    private void afterLocal(SessionLoop loop, SessionEvent event, Dispatcher.Result result, Throwable error) {
        Dispatcher.Outcome outcome = error != null ? Dispatcher.Outcome.FAILED : result.outcome();
        ChatSession session = loop.session;
        switch (outcome) {
            case ALL -> finish(loop);
            case HELD -> {
                if (session.state().isEnded() && !loop.polling()) {
                    // no reply will bring the server event it waits for: both come again from memory
                    redeliverHeld(loop, 1);
                }
            }
            case NO_CONSUMER -> {
                // no server keeps this one for us: it waits in memory for a consumer, in its place
                loop.hold(List.of(event));
                if (session.state().isEnded()) {
                    park(loop);
                }
            }
            case FAILED -> {
                loop.hold(List.of(event.again()));
                if (session.state().isEnded()) {
                    redeliverHeld(loop, 1);
                } else {
                    // no server gives it again: it goes again from memory after a pause (or with the next reply)
                    retryHeldLocal(loop, 1);
                }
            }
        }
    }

    /**
     * Hands the held component-made events of a live chat to the routes again, after the usual back-off, in their
     * place: while a server event numbered before them is still unprocessed they stay held for the next reply.
     */
    private void retryHeldLocal(SessionLoop loop, int round) {
        ChatSession session = loop.session;
        timer.schedule(() -> {
            List<SessionEvent> taken = new ArrayList<>();
            loop.afterPrevious(() -> {
                taken.addAll(loop.takeHeld());
                if (taken.isEmpty()) {
                    return CompletableFuture.completedFuture(new Dispatcher.Result(Long.MIN_VALUE, Dispatcher.Outcome.ALL));
                }
                if (session.ledger().hasUnprocessedBefore(taken.get(0).index())) {
                    loop.hold(taken);
                    return CompletableFuture.completedFuture(
                            new Dispatcher.Result(taken.get(0).index() - 1, Dispatcher.Outcome.HELD));
                }
                return dispatch(loop, taken);
            }).whenComplete((result, error) -> {
                Dispatcher.Outcome outcome = error != null ? Dispatcher.Outcome.FAILED : result.outcome();
                if (outcome == Dispatcher.Outcome.FAILED || outcome == Dispatcher.Outcome.NO_CONSUMER) {
                    loop.hold(again(remaining(taken, session.ledger().processed()), outcome));
                    if (outcome == Dispatcher.Outcome.FAILED && !session.state().isEnded()
                            && round < Math.max(1, session.settings().maxPollRetries())) {
                        retryHeldLocal(loop, round + 1);
                    }
                }
            });
        }, retryDelay(session, round));
    }

    /**
     * The session ended (the session's one end path calls this). When the server did not say so itself, the routes
     * receive a final {@code ChatEnded} made by the component; its reason says why.
     */
    public CompletableFuture<?> ended(ChatSession session) {
        SessionLoop loop = loops.get(session.id());
        if (loop == null) {
            return CompletableFuture.completedFuture(null);
        }
        SessionEnd end = session.end();
        if (end == null || !end.tellsRoutes()) {
            // the server's ChatEnded (or ChatRequestFail) is in the reply being handed over; that hand-over finishes
            // the loop. A chat that never started has nothing to hand over.
            if (end != null && end.kind() == SessionEnd.Kind.NOT_STARTED) {
                loop.abort();
            }
            return CompletableFuture.completedFuture(null);
        }
        loop.abort();
        SessionEvent last = new SessionEvent(session.id(), session.ledger().local(), new ChatEnded(end.reason(), null),
                false, session.correlationId());
        return handOverLocal(loop, last).whenComplete((result, error) -> afterLocal(loop, last, result, error));
    }

    /** Forgets a session (its retention after the end is over, or it never started). */
    public void forget(ChatSession session) {
        SessionLoop loop = loops.remove(session.id());
        if (loop != null) {
            loop.abort();
        }
    }
}
