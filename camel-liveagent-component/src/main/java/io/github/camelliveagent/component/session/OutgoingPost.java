package io.github.camelliveagent.component.session;

import java.util.concurrent.CompletableFuture;

import io.github.camelliveagent.component.client.LiveAgentReply;

/**
 * One POST (or the session DELETE) waiting in a session's outbox.
 * <p>
 * Its sequence number is taken when it is first sent and kept for every retry, so that the server can drop a
 * duplicate.
 */
final class OutgoingPost {

    final String operation;
    final String method;
    final String path;
    final byte[] body;
    final boolean sequenced;
    final boolean needsActive;
    final long waitMs;
    final long deadlineNanos;
    final CompletableFuture<LiveAgentReply> result = new CompletableFuture<>();
    Long sequence;
    String sentAffinity;
    /** Whether a hand-over was under way when it was last sent. */
    boolean sentInHandover;
    int attempts;
    int heldBack;
    int sequenceRepairs;
    /** What must happen before the post leaves with a new number (a shared outbox records it), or null. */
    java.util.function.Function<Long, java.util.concurrent.CompletionStage<?>> numbered;

    OutgoingPost(String operation, String method, String path, byte[] body, boolean sequenced, boolean needsActive,
                 long waitMs) {
        this.operation = operation;
        this.method = method;
        this.path = path;
        this.body = body;
        this.sequenced = sequenced;
        this.needsActive = needsActive;
        this.waitMs = waitMs;
        this.deadlineNanos = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(waitMs);
    }
}
