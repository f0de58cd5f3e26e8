package io.github.camelliveagent.component.enhanced;

import java.util.ArrayList;
import java.util.List;

import io.github.camelliveagent.component.enhanced.stream.SseFrame;

/**
 * One conversation's event stream connection as the client sees it: which connection attempt is the current one (the
 * callbacks of older ones are ignored), how to cancel it, how many attempts failed in a row, and whether the first
 * events of a reopened stream wait while the history is checked for a gap. The lock is this object's monitor; nothing
 * outside this class is called while it is held.
 */
final class StreamConnection {

    /** Whether the first event of a reopened stream is checked against the history for a gap. */
    enum GapCheck {
        NONE,
        /** the stream was reopened: its first event starts the check */
        ARMED,
        /** the history is being read: events wait, in order */
        RUNNING
    }

    /** What to do with an event as it arrives. */
    enum Admission {
        /** map and queue it now */
        PROCESS,
        /** held until the gap check is done */
        HELD,
        /** held, and the first after a reopen: read the history up to it */
        CHECK_GAP
    }

    private Runnable cancel;
    private long epoch;
    private int failures;
    private boolean everOpened;
    private GapCheck gapCheck = GapCheck.NONE;
    private final List<SseFrame> held = new ArrayList<>();

    /** A new connection attempt: its epoch (callbacks of older attempts are ignored). */
    synchronized long newAttempt() {
        return ++epoch;
    }

    synchronized boolean isCurrent(long attempt) {
        return attempt == epoch;
    }

    /** How to cancel the attempt, kept if it is still the current one. */
    synchronized void canceller(long attempt, Runnable cancelIt) {
        if (attempt == epoch) {
            cancel = cancelIt;
        }
    }

    /** The cancel action of the current connection (null when none), forgetting it; later callbacks are ignored. */
    synchronized Runnable takeCanceller() {
        Runnable c = cancel;
        cancel = null;
        epoch++;
        return c;
    }

    /** The server accepted the stream: the failures in a row start again, and a reopened stream is checked for a gap. */
    synchronized void opened() {
        failures = 0;
        if (everOpened) {
            gapCheck = GapCheck.ARMED;
        }
        everOpened = true;
    }

    /** A conversation read back from a store: its first stream is a reopen (events may have been missed meanwhile). */
    synchronized void resumedAfterRestart() {
        everOpened = true;
    }

    /** An attempt failed; how many failed in a row. */
    synchronized int failed() {
        return ++failures;
    }

    /** Whether an arriving event is processed now or held for the gap check. */
    synchronized Admission admit(SseFrame frame) {
        switch (gapCheck) {
            case ARMED -> {
                gapCheck = GapCheck.RUNNING;
                held.add(frame);
                return Admission.CHECK_GAP;
            }
            case RUNNING -> {
                held.add(frame);
                return Admission.HELD;
            }
            default -> {
                return Admission.PROCESS;
            }
        }
    }

    /** The events held during the gap check, in order; none left means the check is over. */
    synchronized List<SseFrame> takeHeld() {
        if (held.isEmpty()) {
            gapCheck = GapCheck.NONE;
            return List.of();
        }
        List<SseFrame> taken = new ArrayList<>(held);
        held.clear();
        return taken;
    }
}
