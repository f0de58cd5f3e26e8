package io.github.camelliveagent.emulator.enhanced.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Sliding-window counters for the published rate limits (miaw-api.md §6), keyed by what a limit counts per (org,
 * client, conversation). Confined to the emulator's event loop.
 */
final class RateLimits {

    private final Map<String, Deque<Long>> windows = new HashMap<>();

    /**
     * Counts a call under {@code key}; false (and not counted) when {@code limit} calls were already counted within
     * {@code window}.
     */
    boolean take(String key, int limit, Duration window) {
        long now = System.nanoTime();
        Deque<Long> w = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!w.isEmpty() && now - w.peekFirst() >= window.toNanos()) {
            w.removeFirst();
        }
        if (w.size() >= limit) {
            return false;
        }
        w.addLast(now);
        return true;
    }
}
