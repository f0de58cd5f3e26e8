package io.github.camelliveagent.component.poll;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelliveagent.component.session.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each chat's Messages polls at least {@code minPollInterval} apart, so that a busy chat's events pile up on the
 * server and come several to a reply: one round trip (and one wake-up of each thread on the way) then carries many
 * events instead of one. A poll the server held for the interval or longer (an ordinary chat, where a person types)
 * goes again at once.
 * <p>
 * Polls waiting for their time are kept in one queue, and one timer task at a time sends every poll whose time has
 * come. Their times are rounded up to an eighth of the interval, so a thousand busy chats cost a few timer wake-ups
 * per interval rather than one per poll. No lock: the queue and the flag are lock-free.
 */
final class PollPacer {

    private static final Logger LOG = LoggerFactory.getLogger(PollPacer.class);

    private record Due(long atNanos, Runnable poll) {
    }

    private final Timer timer;
    private final long intervalNanos;
    private final long tickNanos;
    private final ConcurrentLinkedQueue<Due> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean tickScheduled = new AtomicBoolean();

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
        long now = System.nanoTime();
        long due = previousSentNanos + intervalNanos;
        if (intervalNanos == 0 || due - now <= 0) {
            poll.run();
            return;
        }
        // on the tick grid: polls due within one tick of each other go together
        long onGrid = now + ((due - now + tickNanos - 1) / tickNanos) * tickNanos;
        waiting.add(new Due(onGrid, poll));
        scheduleTick(onGrid - now);
    }

    /** How many polls wait for their time (a test seam, and a per-session count for the churn tests). */
    int waiting() {
        return waiting.size();
    }

    /** Forgets the waiting polls (the component stops; each poll would find its loop gone anyway). */
    void clear() {
        waiting.clear();
    }

    private void scheduleTick(long inNanos) {
        if (tickScheduled.compareAndSet(false, true)) {
            timer.schedule(this::tick, Math.max(1, TimeUnit.NANOSECONDS.toMillis(inNanos + 999_999)));
        }
    }

    private void tick() {
        // cleared first: a poll added from here on schedules a tick of its own, one added before is seen below
        tickScheduled.set(false);
        Due head;
        while ((head = waiting.peek()) != null) {
            long left = head.atNanos() - System.nanoTime();
            if (left > tickNanos / 2) {
                // the queue is in about the order of the polls' times: the ones behind wait with this one
                scheduleTick(left);
                return;
            }
            waiting.poll();
            try {
                head.poll().run();
            } catch (RuntimeException e) {
                // the polls behind it must still go
                LOG.error("A paced liveagent Messages poll failed to start", e);
            }
        }
    }
}
