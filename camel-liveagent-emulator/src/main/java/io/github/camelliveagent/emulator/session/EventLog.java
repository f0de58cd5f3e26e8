package io.github.camelliveagent.emulator.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The session's append-only event log behind the Messages long poll (spec §3.1, §3.2): event indices, what a
 * poll's {@code ack} acknowledges under the {@link SequenceModel}, the reply to a poll ({@code messages},
 * {@code sequence}, {@code offset}), which offsets were sent, and the re-sent stream after a hand-over. Not thread-safe: it lives under
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
    private static final long OFFSET_STEP = 1024;

    /** Offsets are opaque, large and increasing (spec §3.1); a random base per session keeps clients honest. */
    private final long offsetBase = 1_000_000_000L + ThreadLocalRandom.current().nextLong(500_000_000L);
    /** Reply-counter model: reply {@code sequence} → index of the last event that reply held. */
    private final TreeMap<Long, Long> replyEnds = new TreeMap<>();
    /** The {@code sequence} of the latest reply. */
    private long lastSequence = -1;
    /** Highest event index returned in any reply. */
    private long lastReturned = -1;
    /** Every offset a reply carried: ReconnectSession may only name one of these (or 0, nothing received). */
    private final Set<Long> sentOffsets = new HashSet<>();
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
        return new Ack(wire, event);
    }

    /**
     * The index of the last event a client has, by the {@code offset} of the latest reply it got (spec §2.1,
     * ReconnectSession); 0 means it got none (-1). Null when no reply of this session carried that offset.
     */
    Long resumePointOf(long offset) {
        if (offset == 0) {
            return -1L;
        }
        return sentOffsets.contains(offset) ? (offset - offsetBase) / OFFSET_STEP - 1 : null;
    }

    /**
     * The new server's stream after a hand-over: {@code sessionData} (ChasitorSessionData), then every event
     * after the client's resume point, re-sent under new, consecutive indices (so a client's index arithmetic
     * keeps working); older indices are never served again. Returns the index of the ChasitorSessionData event.
     *
     * @param resumeAfter the last event index the client has, from ReconnectSession's offset
     * @param ack         the first poll's ack, null if absent: like any ack it acknowledges what it covers, so a
     *                    client that kept its ack and processed more than the offset says gets no duplicates
     */
    long restartAfterHandover(long resumeAfter, Long ack, ObjectNode sessionData) {
        int index = events.size();
        long has = resumeAfter;
        if (ack != null) {
            has = Math.max(has, Math.min(index - 1, eventIndexOf(ack)));
        }
        // never from before an earlier hand-over: what came before it was re-sent after it already
        int from = (int) Math.min(index, Math.max(has, floor) + 1);
        List<Event> resend = new ArrayList<>();
        for (Event e : events.subList(from, index)) {
            if (!"ChasitorSessionData".equals(e.type())) {
                resend.add(e);
            }
        }
        long dataIndex = append("ChasitorSessionData", sessionData);
        for (Event e : resend) {
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
        long offset = offsetBase + (last + 1) * OFFSET_STEP;
        root.put("offset", offset);
        sentOffsets.add(offset);
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
