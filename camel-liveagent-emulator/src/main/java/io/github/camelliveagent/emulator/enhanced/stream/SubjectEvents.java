package io.github.camelliveagent.emulator.enhanced.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event log of one end user (one token subject): every event of all its conversations, in id order, the latest
 * {@code retention} of them kept for {@code Last-Event-Id} replay. A leaf lock: nothing is called while holding it,
 * and an id is taken and its event stored in one step, so a reader never sees id n+1 before id n.
 */
public final class SubjectEvents {

    /**
     * What a stream gets after a position.
     *
     * @param events the events after it, in order
     * @param gap    true when events after it were no longer kept (the client must back-fill from the entries)
     */
    public record Replay(List<StreamEvent> events, boolean gap) {
    }

    private final AtomicLong ids;
    private final int retention;
    private final Deque<StreamEvent> kept = new ArrayDeque<>();
    private long dropped; // id of the newest event no longer kept, 0 if none

    SubjectEvents(AtomicLong ids, int retention) {
        this.ids = ids;
        this.retention = retention;
    }

    /** Appends an event with the next id. */
    public synchronized StreamEvent append(String name, String conversationId, String data) {
        StreamEvent e = new StreamEvent(ids.incrementAndGet(), name, conversationId, data);
        kept.addLast(e);
        while (kept.size() > retention) {
            dropped = kept.removeFirst().id();
        }
        return e;
    }

    /** The events with an id above {@code lastId}. */
    public synchronized Replay after(long lastId) {
        List<StreamEvent> out = new ArrayList<>();
        for (StreamEvent e : kept) {
            if (e.id() > lastId) {
                out.add(e);
            }
        }
        return new Replay(out, dropped > lastId);
    }

    /** The id of the kept event just before {@code id} (the position that replays {@code id} again), or {@code id - 1}. */
    public synchronized long before(long id) {
        long prev = -1;
        for (StreamEvent e : kept) {
            if (e.id() >= id) {
                break;
            }
            prev = e.id();
        }
        return prev >= 0 ? prev : id - 1;
    }

    /** The newest event's id, or 0 when there is none. */
    public synchronized long newest() {
        return kept.isEmpty() ? dropped : kept.getLast().id();
    }
}
