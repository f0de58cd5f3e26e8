package io.github.camelliveagent.emulator.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The one Messages poll a session may have in flight (spec §3.3): the held poll with its hold timer, the poll
 * and conflict counts, the latest polls and abandoned polls with their times, and when the client was last seen
 * polling (for expiry, spec §5.2). Not thread-safe: it lives under its {@link ChatSession}'s monitor.
 */
final class PollSlot {

    /**
     * How many polls (and abandoned polls) a session remembers with their times: enough for a failover test's
     * chats, bounded so that a soak of thousands of long chats does not grow without end.
     */
    static final int RECENT_POLLS = 256;

    /** A parked poll: who to answer, what it acknowledged, and the timer that answers 204. */
    record HeldPoll(PollResponder responder, EventLog.Ack ack, Scheduler.Cancellable timer) {
    }

    private HeldPoll held;
    private int pollCount;
    private int conflictCount;
    private long lastActivityNanos = System.nanoTime();
    private final ArrayDeque<PollRecord> recentPolls = new ArrayDeque<>();
    private final ArrayDeque<Instant> recentAbandoned = new ArrayDeque<>();

    void counted(String client) {
        pollCount++;
        remember(recentPolls, new PollRecord(Instant.now(), client));
    }

    /** The held poll's client closed its connection (it died, or gave up). */
    void abandoned() {
        remember(recentAbandoned, Instant.now());
    }

    List<PollRecord> recentPolls() {
        return List.copyOf(recentPolls);
    }

    List<Instant> recentAbandoned() {
        return List.copyOf(recentAbandoned);
    }

    private static <T> void remember(ArrayDeque<T> recent, T item) {
        if (recent.size() == RECENT_POLLS) {
            recent.removeFirst();
        }
        recent.addLast(item);
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
