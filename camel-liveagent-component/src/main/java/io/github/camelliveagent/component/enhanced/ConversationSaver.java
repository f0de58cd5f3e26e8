package io.github.camelliveagent.component.enhanced;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes conversations to the store on its one writer thread, never an I/O thread: a conversation that changed is
 * saved soon, and only its latest state (many changes in a row make one write); a finished one is removed.
 */
final class ConversationSaver {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationSaver.class);

    private final ConversationStore store;
    private final Executor writer;
    private final Map<String, Conversation> unsaved = new ConcurrentHashMap<>();
    private final AtomicBoolean saveScheduled = new AtomicBoolean();

    ConversationSaver(ConversationStore store, Executor writer) {
        this.store = store;
        this.writer = writer;
    }

    /** The conversation's state moved (created, token renewed, stream position): saved soon, latest state wins. */
    void changed(Conversation c) {
        if (!store.isPersistent() || c.isFinished()) {
            return;
        }
        unsaved.put(c.id, c);
        if (saveScheduled.compareAndSet(false, true)) {
            writer.execute(this::saveChanged);
        }
    }

    private void saveChanged() {
        saveScheduled.set(false);
        for (String id : List.copyOf(unsaved.keySet())) {
            Conversation c = unsaved.remove(id);
            if (c == null || c.isFinished()) {
                continue;
            }
            try {
                store.save(c.save());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Conversation {} could not be saved to {}: {}", c.id, store, e.getMessage());
            }
        }
    }

    /** The conversation is over for this component: it leaves the store. */
    void forget(Conversation c) {
        if (store.isPersistent()) {
            writer.execute(() -> {
                try {
                    store.remove(c.id);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Conversation {} could not be removed from {}: {}", c.id, store, e.getMessage());
                }
            });
        }
    }

    /** Every conversation the store kept. */
    List<SavedConversation> loadAll() throws IOException {
        return store.loadAll();
    }
}
