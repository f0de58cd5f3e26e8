package io.github.camelliveagent.component.session;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component's one timer: retries, waits for ChatEstablished, idle watches, keep-alive polls. It sits on an
 * executor whose queue has no bound, so a task is never rejected while the component runs (a rejected timer task
 * would be a silently dead chat); after the component stopped, a task is dropped on purpose and says so at DEBUG.
 */
public final class Timer {

    private static final Logger LOG = LoggerFactory.getLogger(Timer.class);
    private static final Future<?> NOT_SCHEDULED = java.util.concurrent.CompletableFuture.completedFuture(null);

    private final ScheduledExecutorService executor;
    private final BooleanSupplier running;

    /**
     * @param executor an executor with an unbounded queue (never Camel's default thread pool profile)
     * @param running  whether the component runs: rejections are only expected once it stops
     */
    public Timer(ScheduledExecutorService executor, BooleanSupplier running) {
        this.executor = executor;
        this.running = running;
    }

    /** Runs the task after the delay; a task that throws is logged, never lost without a word. */
    public Future<?> schedule(Runnable task, long delayMs) {
        try {
            return executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("A liveagent timer task failed", e);
                }
            }, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            if (running.getAsBoolean()) {
                LOG.error("The liveagent timer refused a task while the component runs", e);
            } else {
                LOG.debug("The liveagent component has stopped; a timer task is dropped");
            }
            return NOT_SCHEDULED;
        }
    }

    /** Runs the task at a fixed rate until the component stops. */
    public Future<?> every(Runnable task, long periodMs) {
        return executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("A liveagent timer task failed", e);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }
}
