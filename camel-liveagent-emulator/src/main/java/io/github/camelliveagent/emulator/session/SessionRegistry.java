package io.github.camelliveagent.emulator.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * All sessions of one emulator: creation (id, secret key, affinity token), look-up by key, and expiry of
 * sessions whose client stopped polling. Sessions are kept after they end so tests can inspect them.
 */
public final class SessionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionEnvironment env;
    private final Map<String, ChatSession> byId = new ConcurrentHashMap<>();
    private final Map<String, ChatSession> byKey = new ConcurrentHashMap<>();
    private final List<ChatSession> inOrder = new CopyOnWriteArrayList<>();
    private final Object arrivals = new Object();

    /** @param env what the sessions share */
    public SessionRegistry(SessionEnvironment env) {
        this.env = env;
    }

    /** Creates a session for a {@code SessionId} call. */
    public ChatSession create(int apiVersion) {
        String id = UUID.randomUUID().toString();
        ChatSession s = new ChatSession(id, newKey(id), newAffinityToken(), apiVersion, env);
        byId.put(id, s);
        byKey.put(s.key(), s);
        inOrder.add(s);
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
        LOG.info("Session {} created", id);
        return s;
    }

    /** The session with this key, or null; never logs the key. */
    public ChatSession byKey(String key) {
        return key == null ? null : byKey.get(key);
    }

    /** The session with this id, or null. */
    public ChatSession byId(String id) {
        return id == null ? null : byId.get(id);
    }

    /** The secret key of a session, for {@code SessionId}'s reply only. */
    public String keyOf(ChatSession session) {
        return session.key();
    }

    /** All sessions in creation order. */
    public List<ChatSession> all() {
        return List.copyOf(inOrder);
    }

    /** Waits until a session with this id exists. */
    public ChatSession await(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (true) {
                ChatSession s = byId.get(id);
                if (s != null) {
                    return s;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                arrivals.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Waits until at least {@code count} sessions exist; returns the first {@code count} or null on timeout. */
    public List<ChatSession> awaitCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (inOrder.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                arrivals.wait(Math.max(1, left / 1_000_000));
            }
        }
        return new ArrayList<>(inOrder.subList(0, count));
    }

    /** Expires every session that has gone without a poll for longer than clientPollTimeout. */
    public void sweep() {
        long now = System.nanoTime();
        for (ChatSession s : inOrder) {
            s.expireIfIdle(now);
            s.endIfVisitorIdle(now);
            s.advanceQueue(now);
        }
    }

    /** Runs a fault action on every session. */
    public void forEach(java.util.function.Consumer<ChatSession> action) {
        inOrder.forEach(action);
    }

    /** Collection view for the facade. */
    public Collection<ChatSession> sessions() {
        return all();
    }

    /** A fresh 8-hex-digit affinity token (spec §2.1). */
    static String newAffinityToken() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String newKey(String sessionId) {
        // shape of real keys: <session id>!<epoch ms>!<random>; standard base64 so '+', '/' and '=' can occur, as
        // they can for real
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return sessionId + "!" + Instant.now().toEpochMilli() + "!" + Base64.getEncoder().encodeToString(b);
    }
}
