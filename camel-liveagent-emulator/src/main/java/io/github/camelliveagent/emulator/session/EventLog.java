package io.github.camelliveagent.emulator.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The session's append-only event log behind the Messages long poll (spec §3.1, §3.2): event indices, what a
 * poll's {@code ack} acknowledges under the {@link SequenceModel}, the reply to a poll ({@code messages},
 * {@code sequence}, {@code offset}), and the re-sent stream after a hand-over. Not thread-safe: it lives under
 * its {@link ChatSession}'s monitor.
 */
final class EventLog {

    /**
     * Where a poll stands: the {@code ack} it sent (or stands for, when it sent none) and the index of the last
     * event that ack covers. Under {@link SequenceModel#EVENT_INDEX} the two are the same number.
     */
    record Ack(long wire, long event) {
    }

    private record Event(long index, String type, ObjectNode message) {
    }

    private final SequenceModel model;
    private final List<Event> events = new ArrayList<>();
    /** Offsets are opaque, large and increasing (spec §3.1); a random base per session keeps clients honest. */
    private final long offsetBase = 1_000_000_000L + ThreadLocalRandom.current().nextLong(500_000_000L);
    /** Reply-counter model: reply {@code sequence} → index of the last event that reply held. */
    private final TreeMap<Long, Long> replyEnds = new TreeMap<>();
    /** The {@code sequence} of the latest reply. */
    private long lastSequence = -1;
    /** Highest event index returned in any reply. */
    private long lastReturned = -1;
    /** Highest event index any poll acknowledged (including polls refused during a hand-over). */
    private long lastAcked = -1;
    /** After a hand-over, indices up to here are never served again, whatever ack the client resumes with. */
    private long floor = -1;
    /** A reply to be delivered once more, whatever the next poll acknowledges (duplicate-next-event fault). */
    private String replay;

    EventLog(SequenceModel model) {
        this.model = model;
    }

    /** Appends an event; returns its index. */
    long append(String type, ObjectNode message) {
        long index = events.size();
        events.add(new Event(index, type, message));
        return index;
    }

    /** The {@code message} of event {@code index} as JSON text, for the transcript. */
    String messageJson(long index) {
        return Json.write(events.get((int) index).message());
    }

    /**
     * What a poll acknowledges: its {@code ack}, or when absent the latest reply (spec §3.2 [INF]); never an
     * event below the hand-over floor.
     */
    Ack acknowledged(Long ack) {
        long wire = ack == null ? lastSequence : ack;
        long event = Math.max(ack == null ? lastReturned : eventIndexOf(ack), floor);
        lastAcked = Math.max(lastAcked, event);
        return new Ack(wire, event);
    }

    /** Remembers the ack of a poll that was refused, so that a hand-over does not re-send what the client has. */
    void noteAck(long ack) {
        lastAcked = Math.max(lastAcked, eventIndexOf(ack));
    }

    /**
     * The new server's stream after a hand-over: {@code sessionData} (ChasitorSessionData), then every event the
     * client has not acknowledged, re-sent under new, consecutive indices (so a client's index arithmetic keeps
     * working); older indices are never served again. Returns the index of the ChasitorSessionData event.
     *
     * @param ack the first poll's ack: a client that kept its ack says exactly what it has; one that reset to -1
     *            says nothing new
     */
    long restartAfterHandover(Long ack, ObjectNode sessionData) {
        int index = events.size();
        long clientAck = lastAcked;
        if (ack != null) {
            clientAck = Math.max(clientAck, Math.min(index - 1, eventIndexOf(ack)));
        }
        List<Event> unacknowledged = new ArrayList<>(events.subList((int) Math.min(index, Math.max(0, clientAck + 1)), index));
        long dataIndex = append("ChasitorSessionData", sessionData);
        for (Event e : unacknowledged) {
            append(e.type(), e.message());
        }
        floor = index - 1;
        return dataIndex;
    }

    /** The reply to be delivered again, once; null if none. */
    String takeReplay() {
        String again = replay;
        replay = null;
        return again;
    }

    /** Whether a poll standing at {@code ack} would be answered now. */
    boolean hasAfter(Ack ack) {
        return ack.event() < events.size() - 1; // not event + 1 < size: an ack may be Long.MAX_VALUE
    }

    /**
     * The reply for a poll standing at {@code ack}: every newer event, its {@code sequence} and an offset; null
     * when there is nothing newer (also for an ack beyond anything ever sent).
     *
     * @param replayNext whether the reply must be delivered once more (duplicate-next-event fault)
     */
    String replyAfter(Ack ack, boolean replayNext) {
        if (!hasAfter(ack)) {
            return null;
        }
        ObjectNode root = Json.object();
        ArrayNode messages = root.putArray("messages");
        long last = -1;
        for (int i = (int) Math.max(0, ack.event() + 1); i < events.size(); i++) {
            Event e = events.get(i);
            ObjectNode m = messages.addObject();
            m.put("type", e.type());
            m.set("message", e.message());
            last = e.index();
        }
        long sequence = model == SequenceModel.EVENT_INDEX ? last : replyAfter(ack.wire(), last);
        root.put("sequence", sequence);
        root.put("offset", offsetBase + (last + 1) * 1024L);
        lastReturned = Math.max(lastReturned, last);
        lastSequence = sequence;
        String json = Json.write(root);
        if (replayNext) {
            replay = json;
        }
        return json;
    }

    /** Reply-counter model: numbers the reply after {@code wireAck} and forgets replies it supersedes. */
    private long replyAfter(long wireAck, long lastEvent) {
        // an ack far ahead has no successor worth numbering; it is still a reply boundary the client chose
        long sequence = wireAck == Long.MAX_VALUE ? wireAck : wireAck + 1;
        replyEnds.tailMap(sequence, true).clear();
        replyEnds.put(sequence, lastEvent);
        return sequence;
    }

    /** The index of the last event an ack covers: the ack itself, or under reply-counter the end of that reply. */
    private long eventIndexOf(long wireAck) {
        if (model == SequenceModel.EVENT_INDEX) {
            return wireAck;
        }
        Long end = replyEnds.get(wireAck);
        if (end != null) {
            return end;
        }
        Map.Entry<Long, Long> lastReply = replyEnds.lastEntry();
        // an ack beyond every reply sent claims all of them; one before the first (-1) claims none
        return lastReply != null && wireAck > lastReply.getKey() ? lastReturned : -1;
    }
}
