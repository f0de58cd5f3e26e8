package io.github.camelliveagent.emulator.session;

import java.time.Duration;

/** Timers and deferred work on the emulator's event loop; keeps the session logic free of Vert.x. */
public interface Scheduler {

    /** A scheduled task that can still be called off. */
    interface Cancellable {
        void cancel();
    }

    /** Runs {@code task} once after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} soon, on the event loop, in submission order. */
    void execute(Runnable task);
}
