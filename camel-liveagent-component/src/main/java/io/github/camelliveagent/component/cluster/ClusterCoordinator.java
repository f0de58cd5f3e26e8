package io.github.camelliveagent.component.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelliveagent.component.client.LiveAgentReply;
import io.github.camelliveagent.component.session.ChatSession;
import io.github.camelliveagent.component.session.SessionCallException;
import io.github.camelliveagent.component.session.SessionEnd;
import io.github.camelliveagent.component.session.SessionSnapshot;
import io.github.camelliveagent.component.session.Timer;
import io.github.camelliveagent.component.observe.LiveAgentStatistics;
import io.github.camelliveagent.component.session.store.SharedSessionStore;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a node's part in a cluster of nodes sharing their chats (high availability): takes over the chats of the shards
 * this node comes to own and gives up those of the shards it loses; records producer calls in the shared outbox and
 * waits for their outcome; and, as owner, sends the recorded calls of its chats in order, each number recorded before
 * it leaves. All database work runs on its one executor, never on an I/O or route thread.
 */
public final class ClusterCoordinator extends ServiceSupport implements ShardOwnership.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCoordinator.class);
    /** The marker call a node records when it starts a chat in a shard another node owns. */
    static final String ADOPT = "ADOPT";
    private static final int DRAIN_BATCH = 500;
    private static final long OUTCOME_RETENTION_MS = TimeUnit.MINUTES.toMillis(10);
    /** A node that has not noted itself for this long counts as gone when the shards are shared out. */
    private static final long BEAT_WINDOW_MS = 5_000;
    /** A node that gave a shard up stands again for it after this long, so that another node wins it first. */
    private static final long STAND_AGAIN_AFTER_MS = 5_000;

    private final SharedSessionStore store;
    private final SharedOutboxTable outbox;
    private final ClusterHost host;
    private final ExecutorService executor;
    private final ShardOwnership ownership;
    private final Timer timer;
    private final LiveAgentStatistics statistics;
    private final long takeoverDelayMs;
    /** Shards this node owns whose chats it has not taken over yet (waiting out the takeover delay). */
    private final Set<Integer> takingOver = ConcurrentHashMap.newKeySet();
    /** Callers on this node waiting for a call's outcome, by call id. */
    private final Map<String, CompletableFuture<SharedCallOutcome>> waiting = new ConcurrentHashMap<>();
    /** Calls this node (as owner) has handed to a chat's outbox and not finished yet. */
    private final Set<String> sending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private final List<Long> takeoverMillis = Collections.synchronizedList(new ArrayList<>());
    private volatile long lastPurge = System.nanoTime();
    private final NodeRoster roster;
    private final String nodeId;
    private volatile long lastBeat;
    private volatile long lastGiveUp = System.nanoTime();
    private volatile int aliveNodes = 1;

    /**
     * @param roster          where the nodes note themselves alive to share the shards out evenly, or null (no balancing)
     * @param ownership       made by the caller with this coordinator as its listener, on the same executor
     * @param takeoverDelayMs how long a new owner waits before it polls the chats it took over: the previous owner's
     *                        polls must be closed on the server first, or the server takes the new poll for a second
     *                        one and ends the chat (409)
     */
    public ClusterCoordinator(SharedSessionStore store, SharedOutboxTable outbox, NodeRoster roster, String nodeId,
                              ClusterHost host, ExecutorService executor, Timer timer, long takeoverDelayMs,
                              LiveAgentStatistics statistics,
                              java.util.function.Function<ShardOwnership.Listener, ShardOwnership> ownership) {
        this.statistics = statistics;
        this.roster = roster;
        this.nodeId = nodeId;
        this.timer = timer;
        this.takeoverDelayMs = takeoverDelayMs;
        this.store = store;
        this.outbox = outbox;
        this.host = host;
        this.executor = executor;
        this.ownership = ownership.apply(this);
    }

    public ShardOwnership ownership() {
        return ownership;
    }

    @Override
    protected void doStart() throws Exception {
        statistics.shardsOwned(0);
        ServiceHelper.startService(ownership);
    }

    @Override
    protected void doStop() throws Exception {
        // the component stopped its polls and saved its chats before: releasing the views hands them over at once
        ServiceHelper.stopService(ownership);
        try {
            if (roster != null) {
                roster.leave(nodeId);
            }
        } catch (Exception e) {
            LOG.debug("Could not take this node off the roster: {}", e.toString());
        }
        SessionCallException stopped = new SessionCallException("shared call", null, 0,
                "the liveagent component stopped before the chat's owner reported the call's outcome; it may still be sent");
        waiting.values().forEach(w -> w.completeExceptionally(stopped));
        waiting.clear();
    }

    /**
     * A chat was opened or resumed here: whether this node polls it. A new chat goes to a shard this node owns when it
     * owns one; otherwise it is saved for the shard's owner, which takes it over, and given up here.
     */
    public boolean opened(ChatSession session) {
        if (session.shard() < 0) {
            session.assignShard(ownership.pick(session.id()));
        }
        if (ownership.owns(session.shard())) {
            return true;
        }
        session.release();
        SessionSnapshot snapshot = session.snapshot();
        executor.execute(() -> {
            try {
                store.save(snapshot);
                outbox.record(new SharedCall("adopt-" + session.id(), 0, session.id(), snapshot.shard(), ADOPT, ADOPT,
                        null, null, false, false, 0, null));
                LOG.debug("Session {}: started here, handed to the owner of shard {}", session.id(), snapshot.shard());
            } catch (Exception e) {
                LOG.error("Session {}: started here but could not be handed to the owner of shard {}: {}", session.id(),
                        snapshot.shard(), e.toString());
            }
        });
        host.release(session);
        return false;
    }

    @Override
    public void gained(int shard) {
        statistics.shardsOwned(ownership.owned().size());
        long start = System.nanoTime();
        takingOver.add(shard);
        if (takeoverDelayMs <= 0) {
            takeOver(shard, start);
        } else {
            timer.schedule(() -> executor.execute(() -> takeOver(shard, start)), takeoverDelayMs);
        }
    }

    private void takeOver(int shard, long start) {
        if (!takingOver.remove(shard) || !ownership.owns(shard)) {
            return;
        }
        try {
            List<SessionSnapshot> saved = new ArrayList<>();
            for (SessionSnapshot s : store.loadShard(shard)) {
                if (host.find(s.id()) == null) {
                    saved.add(s);
                }
            }
            int resumed = host.resume(saved);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            takeoverMillis.add(ms);
            if (takeoverMillis.size() > 100) {
                takeoverMillis.remove(0);
            }
            statistics.tookOver(ms);
            LOG.info("Shard {}: took over {} chat(s) in {} ms", shard, resumed, ms);
        } catch (Exception e) {
            LOG.error("Shard {}: its chats could not be loaded from {}: {}", shard, store, e.toString());
        }
        drain();
    }

    @Override
    public void lost(int shard) {
        statistics.shardsOwned(ownership.owned().size());
        takingOver.remove(shard);
        int released = 0;
        for (ChatSession s : host.held()) {
            if (s.shard() == shard) {
                // stopped first (no poll, no further save), then saved once more: the new owner waits out the
                // takeover delay before it loads the chat, and should find the latest state
                host.release(s);
                try {
                    store.save(s.snapshot());
                } catch (Exception e) {
                    LOG.debug("Session {}: its last state could not be saved for the new owner: {}", s.id(), e.toString());
                }
                released++;
            }
        }
        LOG.info("Shard {}: gave up {} chat(s) to its new owner", shard, released);
    }

    /**
     * Records a producer call for the chat's owner and completes with its outcome once the owner sent it (or the
     * server refused it). A call id recorded before is not recorded again: the caller gets the first call's outcome.
     *
     * @param callId the route's idempotency key, or null for a new one
     */
    public CompletableFuture<SharedCallOutcome> call(String sessionId, String callId, String operation, String method,
                                                     String path, byte[] body, boolean sequenced, boolean needsActive,
                                                     long waitMs) {
        String id = callId != null ? callId : UUID.randomUUID().toString();
        CompletableFuture<SharedCallOutcome> outcome = waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
        executor.execute(() -> {
            try {
                ChatSession local = host.find(sessionId);
                int shard = local != null && local.shard() >= 0 ? local.shard() : store.shardOf(sessionId);
                if (shard < 0) {
                    throw new SessionCallException(operation, sessionId, 0,
                            "no node of the cluster holds such a session (the shared session store does not know it);"
                                                                            + " the id must come from startChat");
                }
                boolean recorded = outbox.record(new SharedCall(id, 0, sessionId, shard, operation, method, path, body,
                        sequenced, needsActive, waitMs, null));
                if (!recorded) {
                    LOG.debug("Call {} was recorded before: waiting for its outcome", id);
                }
                tick();
            } catch (Exception e) {
                CompletableFuture<SharedCallOutcome> w = waiting.remove(id);
                if (w != null) {
                    w.completeExceptionally(e instanceof SessionCallException ? e
                            : new SessionCallException(operation, sessionId, 0,
                                    "the shared outbox could not record the call: " + e, e));
                }
            }
        });
        return outcome;
    }

    /** Runs one round of the shared outbox soon, unless one is queued already (called periodically and on news). */
    public void tick() {
        if (!isRunAllowed() || !tickQueued.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> {
            tickQueued.set(false);
            drain();
            collect();
            purge();
            balance();
        });
    }

    /**
     * Spreads the shards over the nodes alive: a node that owns more than its fair share (the shards divided by the
     * nodes, rounded up) gives one up every few seconds. After a node died, the survivors that won its shards thus pass
     * the surplus on, and a node that joins gets its share, so that each node keeps the chats it starts.
     */
    private void balance() {
        long now = System.nanoTime();
        if (roster == null || now - lastBeat < TimeUnit.SECONDS.toNanos(1)) {
            return;
        }
        lastBeat = now;
        try {
            roster.beat(nodeId);
            aliveNodes = roster.alive(BEAT_WINDOW_MS);
        } catch (Exception e) {
            LOG.debug("The node roster could not be read: {}", e.toString());
            return;
        }
        int fair = (ownership.shards() + aliveNodes - 1) / aliveNodes;
        java.util.NavigableSet<Integer> owned = ownership.owned();
        if (owned.size() > fair && now - lastGiveUp > TimeUnit.SECONDS.toNanos(2) && takingOver.isEmpty()) {
            lastGiveUp = now;
            int shard = owned.last();
            ownership.giveUp(shard, timer, STAND_AGAIN_AFTER_MS);
        }
    }

    /** How many nodes noted themselves alive lately, as last read. */
    public int aliveNodes() {
        return aliveNodes;
    }

    /** As owner: hands the recorded calls of owned chats to their outboxes, in the order they were recorded. */
    private void drain() {
        Set<Integer> owned = ownership.owned();
        if (owned.isEmpty() || !isRunAllowed()) {
            return;
        }
        List<SharedCall> open;
        try {
            open = outbox.open(owned, DRAIN_BATCH);
        } catch (Exception e) {
            LOG.warn("The shared outbox could not be read: {}", e.toString());
            return;
        }
        for (SharedCall call : open) {
            if (sending.contains(call.callId()) || !ownership.owns(call.shard()) || takingOver.contains(call.shard())) {
                continue;
            }
            ChatSession session = host.find(call.sessionId());
            if (session == null) {
                session = adopt(call.sessionId());
            }
            if (ADOPT.equals(call.method())) {
                finish(call, new SharedCallOutcome(call.callId(), session != null, 200, null, null));
                continue;
            }
            if (session == null || session.isReleased()) {
                finish(call, new SharedCallOutcome(call.callId(), false, 0,
                        "the chat is not known to the shared session store (ended and forgotten?)", null));
                continue;
            }
            send(session, call);
        }
    }

    private ChatSession adopt(String sessionId) {
        try {
            SessionSnapshot saved = store.load(sessionId);
            if (saved != null && ownership.owns(saved.shard()) && !takingOver.contains(saved.shard())
                && host.resume(List.of(saved)) > 0) {
                LOG.debug("Session {}: taken over from the shared store", sessionId);
            }
        } catch (Exception e) {
            LOG.warn("Session {}: could not be loaded from {}: {}", sessionId, store, e.toString());
        }
        return host.find(sessionId);
    }

    private void send(ChatSession session, SharedCall call) {
        sending.add(call.callId());
        CompletableFuture<LiveAgentReply> sent = session.outbox().submit(call.operation(), call.method(), call.path(),
                call.body(), call.sequenced(), call.needsActive(), call.waitMs(), call.sequence(),
                number -> CompletableFuture.runAsync(() -> {
                    try {
                        outbox.numbered(call.callId(), number);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                }, executor));
        sent.whenComplete((reply, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause == null) {
                statistics.sharedCallSent();
                if ("DELETE".equals(call.method())) {
                    // deleteSession: the route ended the chat; its routes get a final ChatEnded, nothing is polled
                    session.end(SessionEnd.closed(SessionEnd.DELETED));
                }
            }
            SharedCallOutcome outcome = cause == null
                    ? new SharedCallOutcome(call.callId(), true, reply.status(), null, session.state().name())
                    : new SharedCallOutcome(call.callId(), false,
                            cause instanceof SessionCallException s ? s.getStatusCode() : 0,
                            cause instanceof SessionCallException s2 ? s2.getReason() : cause.toString(),
                            session.state().name());
            if (session.isReleased() && cause != null) {
                // this node lost the chat while the call waited: the new owner sends it
                sending.remove(call.callId());
                return;
            }
            executor.execute(() -> finish(call, outcome));
        });
    }

    private void finish(SharedCall call, SharedCallOutcome outcome) {
        try {
            outbox.done(outcome);
        } catch (Exception e) {
            LOG.warn("Call {}: its outcome could not be written to the shared outbox: {}", call.callId(), e.toString());
        }
        sending.remove(call.callId());
        CompletableFuture<SharedCallOutcome> w = waiting.remove(call.callId());
        if (w != null) {
            w.complete(outcome);
        }
    }

    /** As caller: completes the waits whose calls other nodes finished. */
    private void collect() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            for (SharedCallOutcome outcome : outbox.outcomes(List.copyOf(waiting.keySet()))) {
                CompletableFuture<SharedCallOutcome> w = waiting.remove(outcome.callId());
                if (w != null) {
                    w.complete(outcome);
                }
            }
        } catch (Exception e) {
            LOG.warn("The shared outbox could not be read: {}", e.toString());
        }
    }

    private void purge() {
        if (System.nanoTime() - lastPurge < TimeUnit.MINUTES.toNanos(1)) {
            return;
        }
        lastPurge = System.nanoTime();
        try {
            outbox.purge(OUTCOME_RETENTION_MS);
        } catch (Exception e) {
            LOG.debug("The shared outbox could not be purged: {}", e.toString());
        }
    }

    /**
     * How long each shard takeover of this node took (the latest hundred), in ms: from the election to the chats resumed (the takeover
     * delay included).
     */
    public List<Long> takeoverMillis() {
        return List.copyOf(takeoverMillis);
    }

    /** This node's part in the cluster: shards owned, takeover times, nodes alive, calls waiting. */
    public java.util.Map<String, Object> status() {
        java.util.Map<String, Object> status = new java.util.LinkedHashMap<>();
        status.put("node", nodeId);
        status.put("shards", ownership.shards());
        status.put("owned", List.copyOf(ownership.owned()));
        status.put("aliveNodes", aliveNodes);
        status.put("takeoverMillis", takeoverMillis());
        status.put("callsWaiting", waiting.size());
        status.put("callsSending", sending.size());
        return status;
    }

    /** How many callers wait for a shared call's outcome. */
    public int waiting() {
        return waiting.size();
    }
}
