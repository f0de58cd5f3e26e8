package io.github.camelliveagent.component.poll;

import java.util.concurrent.CompletableFuture;

/** Where the dispatcher hands events: in the component, each {@code liveagent:messages} consumer. */
public interface EventSink {

    /** Whether this sink runs and takes events now (a stopped or suspended consumer does not). */
    boolean isOpen();

    /** Whether this sink wants events of this message type. */
    boolean accepts(String messageType);

    /** Processes one event; completes with true when it was processed, false when processing failed. */
    CompletableFuture<Boolean> deliver(SessionEvent event);
}
