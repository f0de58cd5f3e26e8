package io.github.camelliveagent.component.session.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelliveagent.component.session.ChatSession;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes changed sessions to the session store from one writer, off the I/O threads: a session that changes many
 * times before the writer gets to it is written once, in its latest state. An ended session is removed.
 * <p>
 * For a store that several nodes share, {@link #durable(ChatSession)} lets the poller wait until the ack it is about
 * to send is in the store: a node that dies right after acknowledging must not leave its successor an older ack (the
 * server would not give the events in between again, and the successor would number new events with positions
 * already used).
 */
public final class SessionPersister extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPersister.class);

    private final SessionStore store;
    private final Executor writer;
    private final Map<String, ChatSession> dirty = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Who waits for a session's next write, by session id; guarded by itself. */
    private final Map<String, List<CompletableFuture<Void>>> waiting = new java.util.HashMap<>();
    /** The ack each session had when it was last written, by session id. */
    private final Map<String, Long> writtenAck = new ConcurrentHashMap<>();
    private static final CompletableFuture<Void> WRITTEN = CompletableFuture.completedFuture(null);

    public SessionPersister(SessionStore store, Executor writer) {
        this.store = store;
        this.writer = writer;
    }

    /** Notes that a session changed; it is written soon. */
    public void changed(ChatSession session) {
        if (!store.isPersistent()) {
            return;
        }
        dirty.put(session.id(), session);
        if (scheduled.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
    }

    /**
     * Completes once the store holds the session with at least its current ack (at once when it does already); fails
     * when the store refused the write. Only for a persistent store; the in-memory one completes at once.
     */
    public CompletableFuture<Void> durable(ChatSession session) {
        if (!store.isPersistent()) {
            return WRITTEN;
        }
        Long written = writtenAck.get(session.id());
        if (written != null && written >= session.ledger().ack()) {
            return WRITTEN;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (waiting) {
            waiting.computeIfAbsent(session.id(), id -> new ArrayList<>()).add(done);
        }
        changed(session);
        return done;
    }

    /** Forgets what it knew of a session this node no longer holds (it ended, or another node owns it now). */
    public void forget(String sessionId) {
        writtenAck.remove(sessionId);
    }

    /** Test seam: how many sessions it keeps a note of (a churn test checks this returns to 0). */
    public int remembered() {
        return writtenAck.size();
    }

    /** A graceful stop writes what is pending, so a persistent store holds every session's latest state. */
    @Override
    protected void doStop() {
        flush();
    }

    /** Writes everything pending now, on the calling thread (when the component stops). */
    public synchronized void flush() {
        scheduled.set(false);
        for (String id : dirty.keySet()) {
            ChatSession session = dirty.remove(id);
            if (session != null) {
                write(session);
            }
        }
    }

    private void drain() {
        flush();
        if (!dirty.isEmpty() && scheduled.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
    }

    private void write(ChatSession session) {
        // taken before the snapshot: whoever waits asked for a state this snapshot includes
        List<CompletableFuture<Void>> waiters;
        synchronized (waiting) {
            waiters = waiting.remove(session.id());
        }
        if (session.isReleased()) {
            // another node owns the chat now and writes it; what this node knows may be older
            if (waiters != null) {
                waiters.forEach(w -> w.completeExceptionally(new IllegalStateException(
                        "session " + session.id() + " is owned by another node now")));
            }
            return;
        }
        Exception failure = null;
        try {
            // an ended chat stays stored while it holds events the routes have not processed (none after a restart
            // would give them again)
            if (session.state().isEnded() && session.ledger().held().isEmpty()) {
                store.remove(session.id());
                writtenAck.remove(session.id());
            } else {
                io.github.camelliveagent.component.session.SessionSnapshot snapshot = session.snapshot();
                store.save(snapshot);
                writtenAck.put(session.id(), snapshot.ack());
            }
        } catch (Exception e) {
            failure = e;
            // the exception text comes from the store, never with the key: snapshots are encrypted before they go out
            LOG.warn("Session {}: could not be written to {}: {}", session.id(), store, e.toString());
        }
        if (waiters != null) {
            for (CompletableFuture<Void> w : waiters) {
                if (failure == null) {
                    w.complete(null);
                } else {
                    w.completeExceptionally(failure);
                }
            }
        }
    }
}
