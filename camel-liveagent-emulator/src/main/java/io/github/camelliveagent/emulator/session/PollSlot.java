package io.github.camelliveagent.emulator.session;

import java.time.Duration;

/**
 * The one Messages poll a session may have in flight (spec §3.3): the held poll with its hold timer, the poll
 * and conflict counts, and when the client was last seen polling (for expiry, spec §5.2). Not thread-safe: it
 * lives under its {@link ChatSession}'s monitor.
 */
final class PollSlot {

    /** A parked poll: who to answer, what it acknowledged, and the timer that answers 204. */
    record HeldPoll(PollResponder responder, EventLog.Ack ack, Scheduler.Cancellable timer) {
    }

    private HeldPoll held;
    private int pollCount;
    private int conflictCount;
    private long lastActivityNanos = System.nanoTime();

    void counted() {
        pollCount++;
    }

    int pollCount() {
        return pollCount;
    }

    void conflicted() {
        conflictCount++;
    }

    int conflictCount() {
        return conflictCount;
    }

    boolean occupied() {
        return held != null;
    }

    /** The held poll, or null. */
    HeldPoll held() {
        return held;
    }

    void hold(HeldPoll poll) {
        held = poll;
    }

    /** Empties the slot and cancels the hold timer; returns what was held, or null. */
    HeldPoll release() {
        HeldPoll h = held;
        if (h != null) {
            held = null;
            h.timer().cancel();
        }
        return h;
    }

    /** Whether {@code responder} is the poll held now (not an earlier one already answered). */
    boolean holds(PollResponder responder) {
        return held != null && held.responder() == responder;
    }

    /** The client was active on the Messages resource just now. */
    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /** No poll in flight and none for longer than {@code timeout}: the client is gone (spec §5.2). */
    boolean idleLongerThan(Duration timeout, long nowNanos) {
        return held == null && nowNanos - lastActivityNanos > timeout.toNanos();
    }
}
