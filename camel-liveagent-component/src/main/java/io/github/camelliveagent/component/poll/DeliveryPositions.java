package io.github.camelliveagent.component.poll;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far each consumer got in one session's events. The server's acknowledgement is one position for all
 * consumers, so an event comes again when any consumer failed on it; these positions let it go again only to the
 * consumers that have not processed it yet.
 */
public final class DeliveryPositions {

    private final Map<EventSink, Long> processed = new ConcurrentHashMap<>();

    boolean hasProcessed(EventSink sink, long index) {
        Long upTo = processed.get(sink);
        return upTo != null && upTo >= index;
    }

    void processed(EventSink sink, long index) {
        processed.merge(sink, index, Math::max);
    }
}
