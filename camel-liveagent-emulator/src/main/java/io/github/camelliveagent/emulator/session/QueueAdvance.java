package io.github.camelliveagent.emulator.session;

import java.time.Duration;

/**
 * A queue that moves on its own: a routed chat starts at {@code startPosition} (in ChatRequestSuccess) and moves up one
 * place every {@code every} ({@code QueueUpdate}), until position 1, where it waits for an agent.
 *
 * @param startPosition the position a new chat is told
 * @param every         how often the queue moves by one place
 */
public record QueueAdvance(int startPosition, Duration every) {

    public QueueAdvance {
        if (startPosition < 1 || every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("queueAdvance needs startPosition >= 1 and a positive interval: "
                    + startPosition + ", " + every);
        }
    }
}
