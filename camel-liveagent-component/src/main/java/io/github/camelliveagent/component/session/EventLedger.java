package io.github.camelliveagent.component.session;

import java.util.ArrayList;
import java.util.List;

import io.github.camelliveagent.component.session.SessionSnapshot;

/**
 * A session's own numbering of its events, and what the server has been told of them.
 * <p>
 * The component never derives an event's position from the server's {@code sequence}: whether that is the index of a
 * reply's last event or a counter of replies is not documented (liveagent-api.md §3.2). What holds under both
 * readings is that a poll with {@code ack=<sequence of a reply>} is answered from the first event after that reply.
 * So the ledger acknowledges only at reply boundaries, with the server's own {@code sequence}, and numbers events by
 * counting from that point: the events of a reply that comes again after a failed exchange get the numbers they had,
 * and what every route processed already is skipped by position.
 * <p>
 * Events the component makes itself (an idle warning, the final {@code ChatEnded} of a lost session) take the next
 * free number; the numbers of server events received past the acknowledged point are kept, so a later server event
 * never takes the number of a component-made one.
 * <p>
 * Thread-safety: every method holds the ledger's own monitor and calls nothing outside this class.
 */
public final class EventLedger {

    private long ack = -1;
    private long offset;
    private long nextPosition;
    private long processed = -1;
    private long handed = -1;
    /** Numbers given to the server events received after the acknowledged point, in server order. */
    private final List<Long> pending = new ArrayList<>();
    private final List<HeldEvent> held = new ArrayList<>();
    /**
     * How many replies without ChasitorSessionData a reconnect waits through before judging replies as usual again.
     * The guide says the new server's first event is ChasitorSessionData (liveagent-api.md §5.3, [DOC]); a reply
     * without it is one of the old stream delivered again. Bounded, so that a server that never sends it cannot hold
     * the session: a dropped reply is not acknowledged, so its events come again either way.
     */
    static final int OLD_STREAM_REPLIES_TOLERATED = 3;

    /** Set by a reconnect: the reply that opens the new stream is taken as it is, whatever came before. */
    private boolean rebase;
    private int oldStreamReplies;
    /**
     * While a ReconnectSession is under way: the ack and offset it named, and the numbers of every server event
     * received after that point. The new server sends those events again (after the offset we named), so the first
     * poll after the reconnect acknowledges exactly what the offset named, and they keep their numbers.
     */
    private long namedAck;
    private long namedOffset;
    private List<Long> resendBase;

    /** One event of a reply with its number. */
    public record Numbered(long position, boolean seenBefore, boolean processed) {
    }

    /** The ack for the next Messages poll. */
    public synchronized long ack() {
        return ack;
    }

    /** The offset of the last reply the routes fully processed (for ReconnectSession). */
    public synchronized long offset() {
        return offset;
    }

    /** The last position every route processed. */
    public synchronized long processed() {
        return processed;
    }

    /** How many numbers the ledger has given (server and component-made events). */
    public synchronized long nextPosition() {
        return nextPosition;
    }

    /**
     * Whether a reply with this sequence answers the current ack: a sequence at or below the ack is a reply the
     * routes processed already (a server that delivers twice, or a sequence going backwards). After a reconnect the
     * reply that opens the new server's stream (it starts with ChasitorSessionData, liveagent-api.md §5.3) is taken
     * whatever its sequence, since the new server's numbering may start afresh; a reply before it is one of the old
     * stream delivered again and is dropped unacknowledged (its events come again after the offset the reconnect
     * named), up to {@link #OLD_STREAM_REPLIES_TOLERATED} of them.
     *
     * @param opensNewStream whether the reply holds ChasitorSessionData
     */
    public synchronized boolean isStale(long sequence, boolean opensNewStream) {
        if (rebase) {
            if (opensNewStream) {
                rebase = false;
                oldStreamReplies = 0;
                return false;
            }
            if (++oldStreamReplies <= OLD_STREAM_REPLIES_TOLERATED) {
                return true;
            }
            // this server does not open its stream with ChasitorSessionData: judge its replies as usual
            rebase = false;
            oldStreamReplies = 0;
        }
        return ack >= 0 && sequence <= ack;
    }

    /**
     * Numbers the events of a reply to the current ack, in their order. Events of the resumable stream take the
     * numbers they had when this reply came before, then new ones; events outside it (ChasitorSessionData, which a
     * server puts in front of what it sends again after a hand-over) take a new number where they stand.
     *
     * @param  inStream per event: whether it belongs to the resumable stream
     * @return          one entry per event, in order
     */
    public synchronized List<Numbered> number(List<Boolean> inStream) {
        List<Numbered> out = new ArrayList<>(inStream.size());
        int k = 0;
        for (Boolean streamed : inStream) {
            long position;
            if (!streamed) {
                position = nextPosition++;
            } else if (k < pending.size()) {
                position = pending.get(k++);
            } else {
                position = nextPosition++;
                pending.add(position);
                if (resendBase != null) {
                    resendBase.add(position);
                }
                k++;
            }
            out.add(new Numbered(position, position <= handed, position <= processed));
        }
        return out;
    }

    /** Whether server events were received past the acknowledged point (they come again before anything newer). */
    public synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * Whether a server event received after the acknowledged point and numbered before this position is not yet
     * processed: an event numbered after it must then wait, or the processed position would pass over it.
     */
    public synchronized boolean hasUnprocessedBefore(long position) {
        for (Long p : pending) {
            if (p > processed && p < position) {
                return true;
            }
        }
        return false;
    }

    /**
     * The events kept in memory for the routes because no server will give them again (the chat ended, or the
     * component made them), in their wire form, so that a session store keeps them across a restart.
     */
    public synchronized List<HeldEvent> held() {
        return List.copyOf(held);
    }

    /** Replaces the events kept for the routes; returns whether they changed. */
    public synchronized boolean held(List<HeldEvent> events) {
        if (held.equals(events)) {
            return false;
        }
        held.clear();
        held.addAll(events);
        return true;
    }

    /**
     * An event kept for the routes.
     *
     * @param position its number
     * @param envelope its wire form {@code {"type":…,"message":{…}}}
     * @param seen     whether a route was handed it before
     */
    public record HeldEvent(long position, String envelope, boolean seen) {
    }

    /** A number for an event outside the resumable stream: component-made events, ChasitorSessionData. */
    public synchronized long local() {
        return nextPosition++;
    }

    /** The event at this position was handed to the routes (again, when it comes back, it is "redelivered"). */
    public synchronized void handed(long position) {
        handed = Math.max(handed, position);
    }

    /** Every route processed the event at this position (events are processed in order); true when it moved. */
    public synchronized boolean processed(long position) {
        if (position <= processed) {
            return false;
        }
        processed = position;
        return true;
    }

    /**
     * The routes processed every event of the reply with this sequence: the next poll acknowledges it.
     *
     * @return whether anything a session store keeps changed
     */
    public synchronized boolean replyProcessed(long sequence, long replyOffset) {
        boolean moved = sequence != ack;
        ack = sequence;
        pending.clear();
        if (replyOffset > 0 && replyOffset != offset) {
            offset = replyOffset;
            moved = true;
        }
        return moved;
    }

    /**
     * A ReconnectSession is about to be sent: the offset it names (the last reply the routes fully processed). A
     * retried ReconnectSession names the same point again, so that what the new server sends again and what the
     * ledger counts from stay the same point.
     */
    public synchronized long reconnecting() {
        if (resendBase == null) {
            namedAck = ack;
            namedOffset = offset;
            resendBase = new ArrayList<>(pending);
        }
        return namedOffset;
    }

    /**
     * ReconnectSession succeeded: the next poll acknowledges what the reconnect named, the events after it keep their
     * numbers when the new server sends them again, and the next reply's sequence is taken as it is (the new server's
     * numbering may start afresh).
     */
    public synchronized void reconnected() {
        if (resendBase != null) {
            ack = namedAck;
            pending.clear();
            pending.addAll(resendBase);
            resendBase = null;
        }
        rebase = true;
        oldStreamReplies = 0;
    }

    /**
     * Restored in the middle of a hand-over that had reconnected: the reply that opens the new stream is taken as it
     * is, as after {@link #reconnected()} (the numbers it named were saved as the pending positions).
     */
    synchronized void restoredReconnected() {
        rebase = true;
        oldStreamReplies = 0;
    }

    /** The hand-over ended without a reconnect (nothing pending on the server): nothing is sent again. */
    public synchronized void reconnectDropped() {
        resendBase = null;
    }

    /** Restores what a session store kept. */
    synchronized void restore(SessionSnapshot saved) {
        ack = saved.ack();
        offset = saved.offset();
        nextPosition = Math.max(saved.nextPosition(), 0);
        processed = saved.processed();
        handed = saved.processed();
        pending.clear();
        if (saved.pendingPositions() != null) {
            pending.addAll(saved.pendingPositions());
        }
        held.clear();
        if (saved.heldEvents() != null) {
            held.addAll(saved.heldEvents());
        }
    }

    /** What a session store keeps: a copy. */
    synchronized Saved save() {
        return new Saved(ack, offset, nextPosition, processed, List.copyOf(pending), List.copyOf(held));
    }

    /** A copy of the ledger's persistent state. */
    record Saved(long ack, long offset, long nextPosition, long processed, List<Long> pending, List<HeldEvent> held) {
    }

    @Override
    public synchronized String toString() {
        return "EventLedger[ack=" + ack + " next=" + nextPosition + " processed=" + processed + " pending=" + pending + "]";
    }
}
