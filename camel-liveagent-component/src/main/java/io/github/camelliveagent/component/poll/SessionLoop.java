package io.github.camelliveagent.component.poll;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.model.LiveAgentJson;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.session.EventLedger;
import io.github.camelliveagent.component.session.ChatSession;

/**
 * The poll loop of one session, as the {@link Poller} drives it: who may poll now, the poll in flight, the failure
 * streaks, the chain of hand-overs to the routes, and the events held in memory while no consumer runs.
 * <p>
 * The right to poll is a token: {@link #claim()} takes it and starts a new epoch; a continuation (a retry, a
 * keep-alive) polls only while its epoch is current, so two polls of one session can never be under way at once.
 * This class owns its lock and calls nothing while holding it.
 */
final class SessionLoop {

    final ChatSession session;
    /** How far each consumer got in this session's events. */
    final DeliveryPositions positions = new DeliveryPositions();
    private final Object lock = new Object();

    // guarded by lock
    private boolean active;
    private boolean parked;
    private long epoch;
    private CompletableFuture<LiveAgentReply> call;
    private long deadlineNanos;
    private boolean expired;
    private int failures;
    private int redeliveries;
    private int parkRounds;
    private long emptyStreak;
    private int dispatching;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private final List<SessionEvent> held = new ArrayList<>();

    SessionLoop(ChatSession session) {
        this.session = session;
    }

    /** Takes the right to poll unless someone holds it; returns the new epoch, or -1. */
    long claim() {
        synchronized (lock) {
            if (active) {
                return -1;
            }
            active = true;
            parked = false;
            return ++epoch;
        }
    }

    /** Whether a continuation of this epoch may still poll. */
    boolean isCurrent(long e) {
        synchronized (lock) {
            return active && epoch == e;
        }
    }

    /** Gives the right to poll up (the hand-over or a consumer takes it again). */
    void release() {
        synchronized (lock) {
            active = false;
        }
    }

    /** Waits for a consumer; false when the loop was not polling (nothing to park). */
    boolean park() {
        synchronized (lock) {
            if (parked) {
                return false;
            }
            active = false;
            parked = true;
            return true;
        }
    }

    /** Ends the wait for a consumer and takes the right to poll; returns the new epoch, or -1 when not parked. */
    long unpark() {
        synchronized (lock) {
            if (!parked || active) {
                return -1;
            }
            parked = false;
            active = true;
            return ++epoch;
        }
    }

    /**
     * Registers the poll just sent; false when the loop was aborted meanwhile (the caller then cancels the poll: an
     * abort that came before the registration could not).
     */
    boolean polling(CompletableFuture<LiveAgentReply> call, long deadlineNanos, long e) {
        synchronized (lock) {
            if (!active || epoch != e) {
                return false;
            }
            this.call = call;
            this.deadlineNanos = deadlineNanos;
            this.expired = false;
            return true;
        }
    }

    /** The poll completed; true when it was aborted because it ran past its deadline. */
    boolean pollDone(CompletableFuture<LiveAgentReply> done) {
        synchronized (lock) {
            if (call != done) {
                return false;
            }
            call = null;
            return expired;
        }
    }

    /** Aborts the poll in flight when it has run past its deadline; its completion reports a failure. */
    void expireIfOverdue(long nowNanos) {
        CompletableFuture<LiveAgentReply> overdue;
        synchronized (lock) {
            if (call == null || expired || nowNanos - deadlineNanos < 0) {
                return;
            }
            expired = true;
            overdue = call;
        }
        overdue.cancel(true);
    }

    boolean polling() {
        synchronized (lock) {
            return call != null;
        }
    }

    /** Stops the loop: the poll in flight is aborted and nobody holds the right to poll. */
    void abort() {
        CompletableFuture<LiveAgentReply> c;
        synchronized (lock) {
            active = false;
            parked = false;
            epoch++;
            c = call;
            call = null;
        }
        if (c != null) {
            c.cancel(true);
        }
    }

    /** One more failure in a row; returns the streak. */
    int failed() {
        synchronized (lock) {
            return ++failures;
        }
    }

    /** A poll brought something usable (or an ordinary long-poll timeout): streaks start again. */
    void succeeded() {
        synchronized (lock) {
            failures = 0;
            redeliveries = 0;
            parkRounds = 0;
        }
    }

    /** One more wait for a consumer in a row; returns the count. */
    int parkRound() {
        synchronized (lock) {
            return ++parkRounds;
        }
    }

    /** One more round of handing failed events again; returns the count. */
    int redeliveryRound() {
        synchronized (lock) {
            return ++redeliveries;
        }
    }

    /** Counts 204s in a row; returns the current streak. */
    long emptyStreak(boolean empty) {
        synchronized (lock) {
            emptyStreak = empty ? emptyStreak + 1 : 0;
            return emptyStreak;
        }
    }

    /** Runs the next hand-over of events once the previous one of this session is done. */
    <T> CompletableFuture<T> afterPrevious(Supplier<CompletableFuture<T>> next) {
        CompletableFuture<T> run;
        synchronized (lock) {
            dispatching++;
            run = tail.handle((r, e) -> null).thenCompose(previous -> next.get());
            tail = run;
        }
        return run.whenComplete((r, e) -> {
            synchronized (lock) {
                dispatching--;
            }
        });
    }

    /** Whether no poll and no hand-over is under way. */
    boolean idle() {
        synchronized (lock) {
            return call == null && dispatching == 0 && !active;
        }
    }

    /** The events kept in memory for the routes (the chat ended, or no consumer ran for a component-made event). */
    List<SessionEvent> held() {
        synchronized (lock) {
            return List.copyOf(held);
        }
    }

    /** Takes the held events out, to hand them over in order with others. */
    List<SessionEvent> takeHeld() {
        List<SessionEvent> taken;
        synchronized (lock) {
            taken = List.copyOf(held);
            held.clear();
        }
        keep(List.of());
        return taken;
    }

    /** Keeps these events in memory, in position order, with any held already. */
    void hold(List<SessionEvent> events) {
        List<SessionEvent> now;
        synchronized (lock) {
            held.addAll(events);
            held.sort(java.util.Comparator.comparingLong(SessionEvent::index));
            now = List.copyOf(held);
        }
        keep(now);
    }

    /** The session's ledger keeps what is held, so that a session store carries it across a restart. */
    private void keep(List<SessionEvent> now) {
        List<EventLedger.HeldEvent> wire = new ArrayList<>(now.size());
        for (SessionEvent e : now) {
            wire.add(new EventLedger.HeldEvent(e.index(), LiveAgentJson.envelope(e.message()).toString(), e.redelivered()));
        }
        if (session.ledger().held(wire)) {
            session.changed();
        }
    }

    /** Takes back what a session store kept (after a restart). */
    void restoreHeld() {
        List<SessionEvent> restored = new ArrayList<>();
        for (EventLedger.HeldEvent h : session.ledger().held()) {
            LiveAgentMessage m = LiveAgentJson.readEnvelope(h.envelope().getBytes(StandardCharsets.UTF_8));
            restored.add(new SessionEvent(session.id(), h.position(), m, h.seen(), session.correlationId()));
        }
        synchronized (lock) {
            held.clear();
            held.addAll(restored);
        }
    }
}
