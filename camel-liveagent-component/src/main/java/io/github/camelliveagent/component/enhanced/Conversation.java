package io.github.camelliveagent.component.enhanced;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.camelliveagent.component.enhanced.client.EnhancedChatSettings;
import io.github.camelliveagent.component.enhanced.model.AccessToken;
import io.github.camelliveagent.component.enhanced.model.ChatProgress;
import io.github.camelliveagent.component.enhanced.model.EntryMapper;
import io.github.camelliveagent.component.enhanced.stream.SseFrame;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.ChatTransferred;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.QueueUpdate;
import io.github.camelliveagent.component.poll.DeliveryPositions;
import io.github.camelliveagent.component.poll.SessionEvent;

/**
 * One Enhanced Chat conversation of this component: its token, its state, and the events received for the routes in
 * stream order, with the stream position that the routes have processed. The lock is this object's monitor; nothing
 * outside this class is called while it is held.
 */
final class Conversation {

    /** A received stream event's share of the hand-over: one route event, or none (a marker that only moves the position). */
    record Pending(SessionEvent event, String streamEventId, String agentEntryId, String entryId, long entryTimestamp) {

        Pending(SessionEvent event, String streamEventId, String agentEntryId) {
            this(event, streamEventId, agentEntryId, null, 0);
        }

        Pending again() {
            return new Pending(event.again(), streamEventId, agentEntryId, entryId, entryTimestamp);
        }
    }

    final String id;
    final EnhancedChatSettings settings;
    final String correlationId;
    /** The pre-chat fields the conversation was created with, sent again when a new session must be opened (417). */
    final Map<String, ?> routingAttributes;
    final DeliveryPositions positions = new DeliveryPositions();
    /** The event stream's connection: its own lock. */
    final StreamConnection stream = new StreamConnection();

    private final ChatProgress progress = new ChatProgress();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private AccessToken token;
    private ConversationState state = ConversationState.REQUESTED;
    private String lastProcessedEventId;
    private long highestReceived = Long.MIN_VALUE;
    private long nextIndex;
    private String lastAgentEntryId;
    private boolean handingOver;
    private boolean parked;
    private int failedRounds;
    private boolean finished;
    private boolean closeRequested;
    /** A chatEnd is under way (from before its request is sent until it is answered). */
    private boolean closing;
    private boolean sessionEndRequested;
    private CompletableFuture<?> outgoing = CompletableFuture.completedFuture(null);
    private CompletableFuture<AccessToken> renewal;
    /** Entry identifiers received lately (stream or history), so that an entry is handed over once. */
    private final java.util.LinkedHashSet<String> seenEntries = new java.util.LinkedHashSet<>();
    private long lastEntryTimestamp;
    /** Entries the routes processed lately, and when the latest was recorded: what a restart resumes from. */
    private final java.util.LinkedHashSet<String> processedEntries = new java.util.LinkedHashSet<>();
    private long processedEntryTimestamp;
    static final int SAVED_ENTRIES = 100;

    /** How many entry identifiers are remembered: far more than a stream replays after a drop. */
    static final int SEEN_ENTRIES = 2000;

    Conversation(String id, EnhancedChatSettings settings, AccessToken token, String correlationId,
                 Map<String, ?> routingAttributes) {
        this.id = id;
        this.routingAttributes = routingAttributes == null ? Map.of() : Map.copyOf(routingAttributes);
        this.settings = settings;
        this.token = token;
        this.correlationId = correlationId;
        this.lastProcessedEventId = token.lastEventId();
    }

    /** What a restart needs, as of now. */
    synchronized SavedConversation save() {
        Map<String, String> attributes = new java.util.LinkedHashMap<>();
        routingAttributes.forEach((k, v) -> attributes.put(k, v == null ? null : String.valueOf(v)));
        // events received but not processed come again from the stream after a restart, with the same numbers
        long firstUnprocessed = pending.stream().filter(p -> p.event() != null).mapToLong(p -> p.event().index()).min()
                .orElse(nextIndex);
        return new SavedConversation(id, correlationId, token.jwt(), lastProcessedEventId, processedEntryTimestamp,
                firstUnprocessed, progress.save(), attributes, List.copyOf(processedEntries));
    }

    /** A conversation read back from a store: it goes on from where the routes were, its stream checked for a gap. */
    static Conversation restore(SavedConversation saved, EnhancedChatSettings settings, long nowMs) {
        Conversation c = new Conversation(saved.conversationId(), settings,
                io.github.camelliveagent.component.enhanced.model.AccessToken.of(saved.accessToken(), saved.lastEventId(),
                        nowMs),
                saved.correlationId(), saved.routingAttributes());
        synchronized (c) {
            c.lastEntryTimestamp = saved.lastEntryTimestamp();
            c.processedEntryTimestamp = saved.lastEntryTimestamp();
            c.seenEntries.addAll(saved.processedEntries());
            c.processedEntries.addAll(saved.processedEntries());
            c.nextIndex = saved.nextIndex();
            c.progress.restore(saved.progress());
            boolean[] p = saved.progress();
            c.state = p.length > 2 && p[2] ? ConversationState.ENDED
                    : p.length > 0 && p[0] ? ConversationState.ACTIVE : ConversationState.QUEUED;
        }
        c.stream.resumedAfterRestart(); // the first stream after a restart is a reopen: events may have been missed
        return c;
    }

    synchronized AccessToken token() {
        return token;
    }

    synchronized void token(AccessToken renewed) {
        this.token = renewed;
    }

    synchronized ConversationState state() {
        return state;
    }

    /** Where a (re)opened stream starts: after the last event the routes processed. */
    synchronized String streamPosition() {
        return lastProcessedEventId;
    }

    synchronized String lastAgentEntryId() {
        return lastAgentEntryId;
    }

    /** Whether the conversation is over for this component: closed, lost, or released after its session ended. */
    synchronized boolean isFinished() {
        return finished;
    }

    /** Marks it over; true the first time. */
    synchronized boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        state = ConversationState.ENDED;
        return true;
    }

    synchronized void closeRequested() {
        closeRequested = true;
    }

    /**
     * The visitor's chatEnd is being sent: the agent leaving meanwhile is the server's answer to it, not the agent
     * ending the chat (the stream's session-status event says who ended it).
     */
    synchronized void closing(boolean underWay) {
        closing = underWay;
    }

    /**
     * The visitor ended the messaging session (endSession): until the routes have this session's end, an agent leaving
     * is its answer, not an agent's end.
     */
    synchronized void sessionEndRequested() {
        sessionEndRequested = true;
    }

    /** Whether the visitor's endSession is under way and its session has not ended for the routes yet. */
    synchronized boolean isSessionEndRequested() {
        return sessionEndRequested && !progress.isEnded();
    }

    synchronized boolean isClosing() {
        return closing || closeRequested;
    }

    synchronized boolean isCloseRequested() {
        return closeRequested;
    }

    /** Whether this conversation's session has ended and the routes were given its ChatEnded (or ChatRequestFail). */
    synchronized boolean sessionEnded() {
        return progress.isEnded();
    }

    synchronized boolean isClosedByServer() {
        return progress.isClosed();
    }

    // ---- outgoing calls: one after another, in the order the routes made them

    /** Chains a call after the ones before it (whatever their outcome), so that a route's messages keep their order. */
    synchronized <T> CompletableFuture<T> afterPrevious(java.util.function.Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> next = outgoing.handle((r, e) -> null).thenCompose(x -> call.get());
        outgoing = next;
        return next;
    }

    /**
     * The renewal in flight, if any; else {@code mine} becomes the one in flight and null is returned: the caller then
     * makes the call (outside this lock) and completes {@code mine}.
     */
    synchronized CompletableFuture<AccessToken> renewalInFlight(CompletableFuture<AccessToken> mine) {
        if (renewal != null && !renewal.isDone()) {
            return renewal;
        }
        renewal = mine;
        return null;
    }

    // ---- the stream connection

    /** Whether callbacks of this connection attempt still count: it is the current one and the conversation goes on. */
    boolean isCurrentStream(long attempt) {
        return stream.isCurrent(attempt) && !isFinished();
    }

    /** When the server recorded the latest entry received (epoch ms), 0 before any. */
    synchronized long lastEntryTimestamp() {
        return lastEntryTimestamp;
    }

    // ---- incoming events

    /**
     * Takes one stream event: drops it when its id is not after the highest received (a replay of what this
     * component already holds), maps it, queues its route events; says what it meant, or null for a replay. Whether a
     * hand-over should start is then {@link #startHandOverIfIdle()}.
     */
    synchronized EntryMapper.Mapped receivedMapped(SseFrame frame) {
        long numericId = numeric(frame.id());
        if (numericId != Long.MIN_VALUE) {
            if (numericId <= highestReceived) {
                return null;
            }
            highestReceived = numericId;
        }
        EntryMapper.Identity identity = EntryMapper.identify(frame);
        if (identity.entryId() != null && identity.conversationId() != null && identity.conversationId().equals(id)) {
            if (!seenEntries.add(identity.entryId())) {
                // had it already (from the history, or a replay without ids): it only moves the stream position
                pending.add(new Pending(null, frame.id(), null));
                return EntryMapper.Mapped.NOTHING_NEW;
            }
            if (seenEntries.size() > SEEN_ENTRIES) {
                seenEntries.remove(seenEntries.iterator().next());
            }
            lastEntryTimestamp = Math.max(lastEntryTimestamp, identity.timestamp());
        }
        boolean endedBefore = progress.isEnded();
        EntryMapper.Mapped mapped = EntryMapper.map(frame, id, progress);
        if (progress.isEnded() && !endedBefore) {
            sessionEndRequested = false; // the session it ended is over for the routes
        }
        List<LiveAgentMessage> messages = mapped.messages();
        boolean ours = identity.conversationId() != null && identity.conversationId().equals(id);
        String entryId = ours ? identity.entryId() : null;
        if (messages.isEmpty()) {
            pending.add(new Pending(null, frame.id(), mapped.agentEntryId(), entryId, identity.timestamp()));
        } else {
            for (int i = 0; i < messages.size(); i++) {
                boolean last = i == messages.size() - 1;
                track(messages.get(i));
                pending.add(new Pending(new SessionEvent(id, nextIndex++, messages.get(i), false, correlationId, entryId),
                        last ? frame.id() : null, last ? mapped.agentEntryId() : null, last ? entryId : null,
                        last ? identity.timestamp() : 0));
            }
        }
        return mapped;
    }

    /** True when a hand-over should be started now (none runs and none waits for a consumer). */
    synchronized boolean startHandOverIfIdle() {
        return startHandOver();
    }

    /**
     * A component-made event (the conversation was lost, or the server never confirmed a close): queued after what was
     * received, unless the routes already have this session's end.
     */
    synchronized boolean local(LiveAgentMessage message) {
        if (message instanceof ChatEnded && !progress.endLocally()) {
            return false;
        }
        track(message);
        pending.add(new Pending(new SessionEvent(id, nextIndex++, message, false, correlationId), null, null));
        return startHandOver();
    }

    private void track(LiveAgentMessage m) {
        if (m instanceof ChatRequestSuccess || m instanceof QueueUpdate) {
            if (state == ConversationState.REQUESTED || state == ConversationState.ENDED && !finished) {
                state = ConversationState.QUEUED;
            }
        } else if (m instanceof ChatEstablished || m instanceof ChatTransferred) {
            state = ConversationState.ACTIVE;
        } else if (m instanceof ChatEnded || m instanceof ChatRequestFail) {
            state = ConversationState.ENDED;
        }
    }

    private boolean startHandOver() {
        if (handingOver || parked) {
            return false;
        }
        handingOver = true;
        return true;
    }

    /** The batch to hand over now, or null when there is none (the hand-over then stops). */
    synchronized List<Pending> nextBatch() {
        if (pending.isEmpty() || parked) {
            handingOver = false;
            return null;
        }
        return new ArrayList<>(pending);
    }

    /**
     * The routes processed the batch up to the event at {@code processedIndex}: those events and the markers among
     * them leave the queue, and the stream position moves to the last of their stream ids.
     */
    synchronized void processedUpTo(long processedIndex, int batchSize) {
        int taken = 0;
        while (!pending.isEmpty() && taken++ < batchSize) {
            Pending p = pending.peekFirst();
            if (p.event() != null && p.event().index() > processedIndex) {
                break;
            }
            pending.pollFirst();
            if (p.streamEventId() != null) {
                lastProcessedEventId = p.streamEventId();
            }
            if (p.agentEntryId() != null) {
                lastAgentEntryId = p.agentEntryId();
            }
            if (p.entryId() != null) {
                processedEntries.add(p.entryId());
                if (processedEntries.size() > SAVED_ENTRIES) {
                    processedEntries.remove(processedEntries.iterator().next());
                }
                processedEntryTimestamp = Math.max(processedEntryTimestamp, p.entryTimestamp());
            }
        }
    }

    /**
     * A route failed: what is left is handed over again, the events up to {@code deliveredUpTo} (the batch's last)
     * marked redelivered; returns the failed round.
     */
    synchronized int failed(long deliveredUpTo) {
        List<Pending> rest = new ArrayList<>(pending);
        pending.clear();
        for (Pending p : rest) {
            boolean wasHandedOver = p.event() != null && p.event().index() <= deliveredUpTo;
            pending.add(wasHandedOver ? p.again() : p);
        }
        return ++failedRounds;
    }

    synchronized void succeeded() {
        failedRounds = 0;
    }

    /** No consumer runs: the hand-over waits for one. */
    synchronized void park() {
        parked = true;
        handingOver = false;
    }

    /** A consumer started: true when a parked hand-over should run again now. */
    synchronized boolean unpark() {
        if (!parked) {
            return false;
        }
        parked = false;
        return startHandOver();
    }

    /** Gives up what the routes keep failing on (the conversation is over); returns how many events that was. */
    synchronized int dropPending() {
        int n = (int) pending.stream().filter(p -> p.event() != null).count();
        pending.clear();
        handingOver = false;
        return n;
    }

    synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    private static long numeric(String id) {
        if (id == null) {
            return Long.MIN_VALUE;
        }
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE; // not numeric: no de-duplication by id
        }
    }
}
