package io.github.camelliveagent.component.session.store;

import java.util.Map;
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
 */
public final class SessionPersister extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPersister.class);

    private final SessionStore store;
    private final Executor writer;
    private final Map<String, ChatSession> dirty = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

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
        try {
            // an ended chat stays stored while it holds events the routes have not processed (none after a restart
            // would give them again)
            if (session.state().isEnded() && session.ledger().held().isEmpty()) {
                store.remove(session.id());
            } else {
                store.save(session.snapshot());
            }
        } catch (Exception e) {
            // the exception text comes from the store, never with the key: snapshots are encrypted before they go out
            LOG.warn("Session {}: could not be written to {}: {}", session.id(), store, e.toString());
        }
    }
}
