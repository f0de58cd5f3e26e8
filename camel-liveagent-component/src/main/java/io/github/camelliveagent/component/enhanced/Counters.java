package io.github.camelliveagent.component.enhanced;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.github.camelliveagent.component.enhanced.client.HttpReply;

/** What the conversations of one component went through: token renewals, refusals, stream reconnects, back-fills. */
final class Counters {

    final LongAdder renewals = new LongAdder();
    final LongAdder unauthorized = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LongAdder backfilled = new LongAdder();
    /** messages or files sent again with isNewMessagingSession after a 417 */
    final LongAdder newSessions = new LongAdder();
    final AtomicInteger openStreams = new AtomicInteger();

    /** A refusal worth counting: 401 (token) or 429 (rate limit). */
    void refused(HttpReply reply) {
        if (reply.status() == 401) {
            unauthorized.increment();
        } else if (reply.status() == 429) {
            throttled.increment();
        }
    }

    EnhancedChat.Counts snapshot() {
        return new EnhancedChat.Counts(renewals.sum(), unauthorized.sum(), throttled.sum(), reconnects.sum(),
                backfilled.sum(), newSessions.sum());
    }
}
