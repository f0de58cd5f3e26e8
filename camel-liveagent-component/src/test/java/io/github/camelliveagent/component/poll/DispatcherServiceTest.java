package io.github.camelliveagent.component.poll;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.observe.LiveAgentStatistics;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher is a Camel service: it hands events over only while started, and once stopped it answers at once
 * that no consumer took them (they wait, as they do when no consumer runs) instead of handing work to an executor
 * that is shutting down.
 */
class DispatcherServiceTest {

    private final AtomicInteger tasks = new AtomicInteger();
    private final Executor counting = task -> {
        tasks.incrementAndGet();
        task.run();
    };
    private final List<SessionEvent> delivered = new CopyOnWriteArrayList<>();
    private final EventSink sink = new EventSink() {
        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public boolean accepts(String messageType) {
            return true;
        }

        @Override
        public CompletableFuture<Boolean> deliver(SessionEvent event) {
            delivered.add(event);
            return CompletableFuture.completedFuture(true);
        }
    };

    @Test
    void handsOverWhileStartedAndNothingOnceStopped() throws Exception {
        Dispatcher dispatcher = new Dispatcher(counting, new LiveAgentStatistics());
        dispatcher.register(sink);
        List<SessionEvent> events = List.of(event(0), event(1));

        ServiceHelper.startService(dispatcher);
        Dispatcher.Result started = dispatcher.dispatch(events, new DeliveryPositions()).get(5, TimeUnit.SECONDS);
        System.out.println("started: " + started + ", " + delivered.size() + " delivered, " + tasks + " executor tasks");
        assertThat(dispatcher.isStarted()).isTrue();
        assertThat(started).isEqualTo(new Dispatcher.Result(1, Dispatcher.Outcome.ALL));
        assertThat(delivered).hasSize(2);

        ServiceHelper.stopService(dispatcher);
        int tasksBefore = tasks.get();
        Dispatcher.Result stopped = dispatcher.dispatch(List.of(event(2)), new DeliveryPositions())
                .get(5, TimeUnit.SECONDS);
        System.out.println("stopped: " + stopped + ", " + delivered.size() + " delivered, " + tasks + " executor tasks");
        assertThat(dispatcher.isStopped()).isTrue();
        assertThat(stopped).isEqualTo(new Dispatcher.Result(1, Dispatcher.Outcome.NO_CONSUMER));
        assertThat(delivered).as("events handed over in all").hasSize(2);
        assertThat(tasks.get()).as("executor tasks after the stop").isEqualTo(tasksBefore);
    }

    private static SessionEvent event(long index) {
        return new SessionEvent("s1", index, new ChatMessage("Agent", "text " + index, "005", null), false, null);
    }
}
