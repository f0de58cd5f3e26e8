package io.github.camelliveagent.component.poll;

import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelliveagent.component.session.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each chat's Messages polls at least {@code minPollInterval} apart, so that a busy chat's events pile up on the
 * server and come several to a reply: one round trip (and one wake-up of each thread on the way) then carries many
 * events instead of one. A poll the server held for the interval or longer (an ordinary chat, where a person types)
 * goes again at once.
 * <p>
 * Polls waiting for their time are kept in one queue ordered by that time, and a timer task sends every poll whose time
 * has come. The times are rounded up to a grid of an eighth of the interval, so a thousand busy chats cost a few timer
 * wake-ups per interval rather than one per poll. The queue's own lock is the only one, and nothing runs under it.
 */
final class PollPacer {

    private static final Logger LOG = LoggerFactory.getLogger(PollPacer.class);
    private static final long NONE = Long.MAX_VALUE;

    private record Due(long atNanos, Runnable poll) {
    }

    private final Timer timer;
    private final long intervalNanos;
    private final long tickNanos;
    /** The waiting polls, soonest first (nanoTime values compared by their difference, as nanoTime requires). */
    private final PriorityBlockingQueue<Due> waiting = new PriorityBlockingQueue<>(64,
            (a, b) -> Long.signum(a.atNanos() - b.atNanos()));
    /** When the earliest tick scheduled will run, or NONE: a poll due sooner schedules one of its own. */
    private final AtomicLong nextTick = new AtomicLong(NONE);

    /**
     * @param timer      the component's timer (an unbounded queue: a tick is never rejected while the component runs)
     * @param intervalMs the least time between the sending of two polls of one chat; 0 polls again at once
     */
    PollPacer(Timer timer, long intervalMs) {
        this.timer = timer;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, intervalMs));
        this.tickNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), intervalNanos / 8);
    }

    /**
     * Runs {@code poll} now when the previous poll of its chat was sent at least the interval ago, otherwise once it
     * has been (on the timer's thread).
     *
     * @param previousSentNanos {@link System#nanoTime()} when the chat's previous poll was sent
     */
    void pace(long previousSentNanos, Runnable poll) {
        long due = previousSentNanos + intervalNanos;
        if (intervalNanos == 0 || due - System.nanoTime() <= 0) {
            poll.run();
            return;
        }
        // on the grid: polls due within one tick of each other go together, on one timer wake-up
        long onGrid = Math.floorDiv(due + tickNanos - 1, tickNanos) * tickNanos;
        waiting.add(new Due(onGrid, poll));
        tickBy(onGrid);
    }

    /** How many polls wait for their time (a test seam, and a per-session count for the churn tests). */
    int waiting() {
        return waiting.size();
    }

    /** Forgets the waiting polls (the component stops; each poll would find its loop gone anyway). */
    void clear() {
        waiting.clear();
    }

    /** Makes sure a tick runs no later than {@code atNanos}. */
    private void tickBy(long atNanos) {
        while (true) {
            long scheduled = nextTick.get();
            if (scheduled != NONE && scheduled - atNanos <= 0) {
                return; // a tick at or before that time will send it, or schedule the next one for it
            }
            if (nextTick.compareAndSet(scheduled, atNanos)) {
                long inNanos = atNanos - System.nanoTime();
                timer.schedule(this::tick, Math.max(0, TimeUnit.NANOSECONDS.toMillis(inNanos + 999_999)));
                return;
            }
        }
    }

    private void tick() {
        // cleared first: a poll added from here on makes sure of a tick itself, one added before is seen below
        nextTick.set(NONE);
        Due head;
        while ((head = waiting.peek()) != null) {
            if (head.atNanos() - System.nanoTime() > tickNanos / 2) {
                tickBy(head.atNanos());
                return;
            }
            // the head, or one added since that is due even sooner
            Due taken = waiting.poll();
            if (taken == null) {
                return;
            }
            try {
                taken.poll().run();
            } catch (RuntimeException e) {
                // the polls behind it must still go
                LOG.error("A paced liveagent Messages poll failed to start", e);
            }
        }
    }
}
