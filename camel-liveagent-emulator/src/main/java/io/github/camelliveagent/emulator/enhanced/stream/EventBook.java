package io.github.camelliveagent.emulator.enhanced.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The event logs of all end users, and the one id sequence they share (ids increase across the emulator). */
public final class EventBook {

    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, SubjectEvents> bySubject = new ConcurrentHashMap<>();
    private final int retention;

    /** @param retention how many of each end user's latest events stay replayable */
    public EventBook(int retention) {
        this.retention = retention;
    }

    /** The log of this subject, made on first use. */
    public SubjectEvents of(String subject) {
        return bySubject.computeIfAbsent(subject, s -> new SubjectEvents(ids, retention));
    }

    /** The newest id given out so far: the {@code lastEventId} of a token response. */
    public long head() {
        return ids.get();
    }
}
