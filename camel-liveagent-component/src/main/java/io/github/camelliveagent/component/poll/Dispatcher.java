package io.github.camelliveagent.component.poll;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import io.github.camelliveagent.component.observe.LiveAgentStatistics;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a session's events to every interested sink, strictly one after another, and reports how far processing got
 * so that the poller acknowledges only what was processed. When no sink is open (no {@code liveagent:messages}
 * consumer runs) it stops and says so: such events are not processed, whatever their type.
 * <p>
 * Every step runs on the dispatcher's executor, never on the HTTP client's I/O threads, because routes may block.
 * <p>
 * A Camel service: the component starts it before the poller and stops it after the poller, before it shuts the
 * executor down. Once stopping it starts no new hand-over (the events wait, as when no consumer runs); hand-overs
 * under way finish while the executor drains.
 */
public final class Dispatcher extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** How a hand-over of events to the sinks ended. */
    public enum Outcome {
        /** every event was processed by every sink that wants it */
        ALL,
        /** a sink failed on an event: it and the events after it are not processed */
        FAILED,
        /** no sink is open: the events from this one on were not handed to anyone */
        NO_CONSUMER,
        /** not handed over yet: a component-made event waits for an earlier server event to come again */
        HELD
    }

    /**
     * @param lastProcessed the position of the last event processed by every sink, or the first event's position
     *                      minus one
     * @param outcome       why the hand-over stopped where it did
     */
    public record Result(long lastProcessed, Outcome outcome) {
    }

    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final List<Runnable> sinkOpened = new CopyOnWriteArrayList<>();
    private final Executor executor;
    private final LiveAgentStatistics stats;

    public Dispatcher(Executor executor, LiveAgentStatistics stats) {
        this.executor = executor;
        this.stats = stats;
    }

    /** A sink is ready for events: what waited for one is handed over now. */
    public void register(EventSink sink) {
        sinks.add(sink);
        sinkOpened.forEach(Runnable::run);
    }

    public void unregister(EventSink sink) {
        sinks.remove(sink);
    }

    /** Told whenever a sink registers (the poller resumes sessions that waited for a consumer). */
    public void onSinkRegistered(Runnable listener) {
        sinkOpened.add(listener);
    }

    /** Whether any sink is open. */
    public boolean hasOpenSink() {
        for (EventSink s : sinks) {
            if (s.isOpen()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Delivers the events in order, stopping at the first that fails or finds no open sink, skipping the sinks that
     * processed an event before (by these positions): an event that comes again because one route failed on it
     * reaches only the routes that have not processed it.
     */
    public CompletableFuture<Result> dispatch(List<SessionEvent> events, DeliveryPositions positions) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        if (events.isEmpty()) {
            done.complete(new Result(Long.MIN_VALUE, Outcome.ALL));
            return done;
        }
        if (!isRunAllowed()) {
            // stopping: the executor is about to shut down and the consumers are gone
            done.complete(new Result(events.get(0).index() - 1, Outcome.NO_CONSUMER));
            return done;
        }
        executor.execute(() -> step(events, positions, 0, 0, done));
        return done;
    }

    private void step(List<SessionEvent> events, DeliveryPositions positions, int eventPos, int sinkPos,
                      CompletableFuture<Result> done) {
        while (eventPos < events.size()) {
            SessionEvent event = events.get(eventPos);
            if (sinkPos == 0 && !hasOpenSink()) {
                done.complete(new Result(event.index() - 1, Outcome.NO_CONSUMER));
                return;
            }
            List<EventSink> current = sinks;
            while (sinkPos < current.size() && (!current.get(sinkPos).isOpen()
                    || !current.get(sinkPos).accepts(event.message().type())
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
            EventSink sink = current.get(sp);
            CompletableFuture<Boolean> delivered;
            try {
                delivered = sink.deliver(event);
            } catch (RuntimeException e) {
                LOG.warn("Session {}: delivering event #{} failed: {}", event.sessionId(), event.index(), e.toString());
                delivered = CompletableFuture.completedFuture(false);
            }
            stats.eventDelivered(event.redelivered());
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
                    done.complete(new Result(event.index() - 1, Outcome.FAILED));
                }
            });
            return;
        }
        done.complete(new Result(events.get(events.size() - 1).index(), Outcome.ALL));
    }
}
