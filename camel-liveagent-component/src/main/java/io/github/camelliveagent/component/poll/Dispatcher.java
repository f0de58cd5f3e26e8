package io.github.camelliveagent.component.poll;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import io.github.camelliveagent.component.observe.LiveAgentStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a session's events to every interested sink, strictly one after another, and reports how far processing got
 * so that the poller acknowledges only what was processed.
 * <p>
 * Every step runs on the dispatcher's executor, never on the HTTP client's I/O threads, because routes may block.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final Executor executor;

    private final LiveAgentStatistics stats;

    public Dispatcher(Executor executor, LiveAgentStatistics stats) {
        this.executor = executor;
        this.stats = stats;
    }

    public void register(EventSink sink) {
        sinks.add(sink);
    }

    public void unregister(EventSink sink) {
        sinks.remove(sink);
    }

    /**
     * Delivers the events in order, stopping at the first that fails.
     *
     * @return the index of the last event processed by every sink, or {@code events.get(0).index() - 1} when the
     *         first failed
     */
    public CompletableFuture<Long> dispatch(List<SessionEvent> events) {
        return dispatch(events, new DeliveryPositions());
    }

    /**
     * Like {@link #dispatch(List)}, skipping the sinks that processed an event before (by these positions): an event
     * that comes again because one route failed on it reaches only the routes that have not processed it.
     */
    CompletableFuture<Long> dispatch(List<SessionEvent> events, DeliveryPositions positions) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        if (events.isEmpty()) {
            done.complete(Long.MIN_VALUE);
            return done;
        }
        executor.execute(() -> step(events, positions, 0, 0, done));
        return done;
    }

    private void step(List<SessionEvent> events, DeliveryPositions positions, int eventPos, int sinkPos,
                      CompletableFuture<Long> done) {
        while (eventPos < events.size()) {
            SessionEvent event = events.get(eventPos);
            List<EventSink> current = sinks;
            while (sinkPos < current.size() && (!current.get(sinkPos).accepts(event.message().type())
                    || positions.hasProcessed(current.get(sinkPos), event.index()))) {
                sinkPos++;
            }
            if (sinkPos >= current.size()) {
                eventPos++;
                sinkPos = 0;
                continue;
            }
            final int ep = eventPos;
            final int sp = sinkPos;
            CompletableFuture<Boolean> delivered;
            try {
                delivered = current.get(sp).deliver(event);
            } catch (RuntimeException e) {
                LOG.warn("Session {}: delivering event #{} failed: {}", event.sessionId(), event.index(), e.toString());
                delivered = CompletableFuture.completedFuture(false);
            }
            stats.eventDelivered(event.redelivered());
            EventSink sink = current.get(sp);
            if (delivered.isDone() && Boolean.TRUE.equals(delivered.getNow(false))) {
                positions.processed(sink, event.index());
                sinkPos++;
                continue;
            }
            delivered.whenComplete((ok, error) -> {
                if (error == null && Boolean.TRUE.equals(ok)) {
                    positions.processed(sink, event.index());
                    executor.execute(() -> step(events, positions, ep, sp + 1, done));
                } else {
                    done.complete(event.index() - 1);
                }
            });
            return;
        }
        done.complete(events.get(events.size() - 1).index());
    }
}
