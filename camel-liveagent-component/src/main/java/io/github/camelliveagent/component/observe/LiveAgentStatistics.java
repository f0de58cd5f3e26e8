package io.github.camelliveagent.component.observe;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a component has been through: calls, polls, sessions, hand-overs and events, and with Enhanced Chat its
 * conversations (counted as sessions), tokens, refusals and event streams. Read by the health check and the Micrometer
 * binding; cheap enough to update on every call.
 */
public final class LiveAgentStatistics {

    final LongAdder sessionsOpened = new LongAdder();
    final LongAdder sessionsRestored = new LongAdder();
    final LongAdder sessionsLost = new LongAdder();
    final LongAdder handovers = new LongAdder();
    final LongAdder eventsDelivered = new LongAdder();
    final LongAdder eventsRedelivered = new LongAdder();
    final LongAdder emptyPolls = new LongAdder();
    final LongAdder polls = new LongAdder();
    final LongAdder pollNanos = new LongAdder();
    final AtomicLong maxPollNanos = new AtomicLong();
    final LongAdder callFailures = new LongAdder();
    final AtomicLong longestEmptyPollStreak = new AtomicLong();
    final LongAdder tokensIssued = new LongAdder();
    final LongAdder tokenRenewals = new LongAdder();
    final LongAdder unauthorized = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder streamReconnects = new LongAdder();
    final LongAdder entriesBackfilled = new LongAdder();
    final LongAdder newMessagingSessions = new LongAdder();
    final AtomicLong openStreams = new AtomicLong();
    final AtomicLong shardsOwned = new AtomicLong(-1);
    final LongAdder takeovers = new LongAdder();
    final AtomicLong maxTakeoverMillis = new AtomicLong();
    final LongAdder sharedCalls = new LongAdder();
    private volatile long lastTokenIssuedNanos;
    private volatile long lastTokenRefusedNanos;
    private volatile int lastTokenRefusal;
    private volatile long lastAnswerNanos;
    private volatile long lastFailureNanos;
    private volatile long lastLossNanos;
    private volatile String lastFailure;

    /** High availability: how many shards this node owns now. */
    public void shardsOwned(int n) {
        shardsOwned.set(n);
    }

    /** High availability: this node took a shard's chats over, in the given time from the election. */
    public void tookOver(long millis) {
        takeovers.increment();
        maxTakeoverMillis.accumulateAndGet(millis, Math::max);
    }

    /** High availability: this node, owning the chat, sent a call recorded in the shared outbox. */
    public void sharedCallSent() {
        sharedCalls.increment();
    }

    /** Whether this component is a node of a cluster (it has owned shards, or had none yet). */
    public boolean clustered() {
        return shardsOwned.get() >= 0;
    }

    public long shardsOwned() {
        return Math.max(0, shardsOwned.get());
    }

    public long takeovers() {
        return takeovers.sum();
    }

    public long maxTakeoverMillis() {
        return maxTakeoverMillis.get();
    }

    public long sharedCalls() {
        return sharedCalls.sum();
    }

    public void sessionOpened() {
        sessionsOpened.increment();
    }

    public void sessionsRestored(int n) {
        sessionsRestored.add(n);
    }

    public void sessionLost() {
        sessionsLost.increment();
        lastLossNanos = System.nanoTime();
    }

    public void handoverStarted() {
        handovers.increment();
    }

    public void eventDelivered(boolean redelivered) {
        eventsDelivered.increment();
        if (redelivered) {
            eventsRedelivered.increment();
        }
    }

    /** A Messages poll came back (any HTTP status) after this long. */
    public void pollAnswered(long nanos, boolean empty) {
        polls.increment();
        pollNanos.add(nanos);
        maxPollNanos.accumulateAndGet(nanos, Math::max);
        if (empty) {
            emptyPolls.increment();
        }
    }

    public void emptyPollStreak(long streak) {
        longestEmptyPollStreak.accumulateAndGet(streak, Math::max);
    }

    /** The server answered a call (any HTTP status). */
    public void answered() {
        lastAnswerNanos = System.nanoTime();
    }

    /** A call failed without an answer; only the kind of failure is kept (never a URI: it may carry a key). */
    public void failed(Throwable cause) {
        callFailures.increment();
        lastFailureNanos = System.nanoTime();
        lastFailure = cause.getClass().getSimpleName();
    }

    // ---- Enhanced Chat

    /** An access token was issued (a guest token or a continuation token): the token endpoint works. */
    public void tokenIssued(boolean renewal) {
        tokensIssued.increment();
        if (renewal) {
            tokenRenewals.increment();
        }
        lastTokenIssuedNanos = System.nanoTime();
    }

    /** The token endpoint refused a guest token with this status (after any 429 back-off): no chat can start. */
    public void tokenRefused(int status) {
        lastTokenRefusal = status;
        lastTokenRefusedNanos = System.nanoTime();
    }

    /** A call or a stream was answered 401. */
    public void unauthorized() {
        unauthorized.increment();
    }

    /** A call or a stream was answered 429. */
    public void throttled() {
        throttled.increment();
    }

    /** An event stream is reopened after it dropped or was refused. */
    public void streamReconnected() {
        streamReconnects.increment();
    }

    public void streamOpened() {
        openStreams.incrementAndGet();
    }

    public void streamClosed() {
        openStreams.decrementAndGet();
    }

    /** An entry a reopened stream did not replay was read from the conversation's history. */
    public void entryBackfilled() {
        entriesBackfilled.increment();
    }

    /** A message or file answered 417 was sent again, opening a new messaging session. */
    public void newMessagingSession() {
        newMessagingSessions.increment();
    }

    public long tokensIssued() {
        return tokensIssued.sum();
    }

    public long tokenRenewals() {
        return tokenRenewals.sum();
    }

    public long unauthorizedAnswers() {
        return unauthorized.sum();
    }

    public long throttledAnswers() {
        return throttled.sum();
    }

    public long streamReconnects() {
        return streamReconnects.sum();
    }

    public long openStreams() {
        return openStreams.get();
    }

    public long entriesBackfilled() {
        return entriesBackfilled.sum();
    }

    public long newMessagingSessions() {
        return newMessagingSessions.sum();
    }

    /** Whether the token endpoint's latest answer to a guest token was a refusal, with no token issued since. */
    public boolean tokensRefusedNow() {
        return lastTokenRefusedNanos != 0 && lastTokenRefusedNanos - lastTokenIssuedNanos > 0;
    }

    /** The status of the token endpoint's latest refusal, 0 before any. */
    public int lastTokenRefusal() {
        return lastTokenRefusal;
    }

    public long sessionsOpened() {
        return sessionsOpened.sum();
    }

    public long sessionsRestored() {
        return sessionsRestored.sum();
    }

    public long sessionsLost() {
        return sessionsLost.sum();
    }

    public long handovers() {
        return handovers.sum();
    }

    public long eventsDelivered() {
        return eventsDelivered.sum();
    }

    public long eventsRedelivered() {
        return eventsRedelivered.sum();
    }

    public long polls() {
        return polls.sum();
    }

    public long emptyPolls() {
        return emptyPolls.sum();
    }

    public long longestEmptyPollStreak() {
        return longestEmptyPollStreak.get();
    }

    public long callFailures() {
        return callFailures.sum();
    }

    /** Mean round trip of a Messages poll (held time included), milliseconds. */
    public double meanPollMillis() {
        long n = polls.sum();
        return n == 0 ? 0 : pollNanos.sum() / 1e6 / n;
    }

    public double maxPollMillis() {
        return maxPollNanos.get() / 1e6;
    }

    public boolean hasAnswered() {
        return lastAnswerNanos != 0;
    }

    /** Whether the latest call without an answer is more recent than the latest answer. */
    public boolean failingNow() {
        return lastFailureNanos != 0 && lastFailureNanos - lastAnswerNanos > 0;
    }

    /** Whether a session was lost within this many nanoseconds, with no answer from the server since. */
    public boolean losingSessions(long windowNanos) {
        long lost = lastLossNanos;
        return lost != 0 && System.nanoTime() - lost < windowNanos && lost - lastAnswerNanos > 0;
    }

    public String lastFailure() {
        return lastFailure;
    }

    /** The figures in one line, e.g. for a log line or a test's output. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "sessions opened %d, restored %d, lost %d; hand-overs %d; polls %d (204: %d, longest 204 streak %d),"
                + " round trip mean %.1f ms, max %.1f ms; events delivered %d, redelivered %d; calls failed %d%s",
                sessionsOpened(), sessionsRestored(), sessionsLost(), handovers(), polls(), emptyPolls(),
                longestEmptyPollStreak(), meanPollMillis(), maxPollMillis(), eventsDelivered(), eventsRedelivered(),
                callFailures(), lastFailure == null ? "" : " (latest: " + lastFailure + ")")
               + (tokensIssued() == 0 && lastTokenRefusal == 0 ? "" : String.format(java.util.Locale.ROOT,
                "; Enhanced Chat: tokens issued %d (renewals %d), 401 %d, 429 %d, streams open %d, reconnects %d,"
                + " entries back-filled %d, new sessions after 417 %d", tokensIssued(), tokenRenewals(),
                unauthorizedAnswers(), throttledAnswers(), openStreams(), streamReconnects(), entriesBackfilled(),
                newMessagingSessions()));
    }
}
