package io.github.camelliveagent.emulator.http;

import io.github.camelliveagent.emulator.session.Scheduler;
import io.vertx.core.Vertx;

import java.time.Duration;

/** {@link Scheduler} on Vert.x timers: a held poll's hold timer costs a timer entry, not a thread. */
public final class VertxScheduler implements Scheduler {

    private final Vertx vertx;

    /** @param vertx the emulator's Vert.x instance */
    public VertxScheduler(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long ms = delay.toMillis();
        if (ms < 1) {
            // Vert.x timers need >= 1 ms; "now" still has to be asynchronous for callers holding locks
            vertx.runOnContext(v -> task.run());
            return () -> { };
        }
        long id = vertx.setTimer(ms, t -> task.run());
        return () -> vertx.cancelTimer(id);
    }

    @Override
    public void execute(Runnable task) {
        vertx.runOnContext(v -> task.run());
    }
}
