package io.github.camelliveagent.emulator.enhanced.conversation;

import io.github.camelliveagent.emulator.enhanced.token.AccessToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * All conversations of one emulator: creation under a client-chosen id (a duplicate is refused), look-up by id and
 * by end user, and waiting for a client to create one. Conversations are kept after they close so tests can inspect them.
 */
public final class ConversationRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationRegistry.class);

    private final ConversationEnvironment env;
    private final Map<String, Boolean> reserved = new ConcurrentHashMap<>();
    private final Map<String, Conversation> byId = new ConcurrentHashMap<>();
    private final List<Conversation> inOrder = new CopyOnWriteArrayList<>();
    private final Object arrivals = new Object();

    /** @param env what the conversations share */
    public ConversationRegistry(ConversationEnvironment env) {
        this.env = env;
    }

    /** Creates and opens (routes) a conversation; null when the id is taken. */
    public Conversation create(String conversationId, AccessToken creator, Map<String, String> routingAttributes) {
        // reserved first, published once open: a test waiting for it never sees it before routing started
        if (reserved.putIfAbsent(conversationId, Boolean.TRUE) != null) {
            return null;
        }
        Conversation c = new Conversation(conversationId, creator, routingAttributes, env);
        LOG.info("Conversation {} created", conversationId);
        c.open();
        byId.put(conversationId, c);
        inOrder.add(c);
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
        return c;
    }

    /** The conversation with this id, or null. */
    public Conversation byId(String id) {
        return id == null ? null : byId.get(id);
    }

    /** The conversations of one end user, oldest first. */
    public List<Conversation> of(String subject) {
        return inOrder.stream().filter(c -> c.subject().equals(subject)).toList();
    }

    /** All conversations, oldest first. */
    public List<Conversation> all() {
        return List.copyOf(inOrder);
    }

    /** Waits until a client created the conversation with this id; null on timeout. */
    public Conversation await(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            Conversation c;
            while ((c = byId.get(id)) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                arrivals.wait(Math.max(1, left / 1_000_000));
            }
            return c;
        }
    }

    /** Waits until at least {@code count} conversations exist; the first {@code count}, or null on timeout. */
    public List<Conversation> awaitCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (inOrder.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                arrivals.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(inOrder.subList(0, count));
        }
    }
}
