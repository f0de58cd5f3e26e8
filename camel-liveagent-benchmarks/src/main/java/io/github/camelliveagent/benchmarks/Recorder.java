package io.github.camelliveagent.benchmarks;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records (sent, arrived) µs pairs of stamped agent messages while armed; lock-free, preallocated when armed so that
 * the idle-heap figure taken before is not disturbed.
 */
public final class Recorder {

    private volatile long[] sent;
    private volatile long[] arrived;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger overflow = new AtomicInteger();

    void arm(int capacity) {
        long[] a = new long[capacity];
        long[] s = new long[capacity];
        arrived = a;
        sent = s;
    }

    /** Called on the route's thread for every agent message text. */
    public void record(String text) {
        long now = Clock.micros();
        long[] s = sent;
        if (s == null) {
            return;
        }
        long t = Clock.parseStamp(text);
        if (t < 0) {
            return;
        }
        int i = next.getAndIncrement();
        if (i >= s.length) {
            overflow.incrementAndGet();
            return;
        }
        arrived[i] = now;
        s[i] = t;
    }

    /** Statistics of messages sent in [windowStart, windowEnd), and the arrival rate in the same window. */
    Stats stats(long windowStart, long windowEnd) {
        int n = Math.min(next.get(), sent.length);
        long[] lat = new long[n];
        int k = 0;
        long arrivedInWindow = 0;
        for (int i = 0; i < n; i++) {
            if (sent[i] >= windowStart && sent[i] < windowEnd) {
                lat[k++] = arrived[i] - sent[i];
            }
            if (arrived[i] >= windowStart && arrived[i] < windowEnd) {
                arrivedInWindow++;
            }
        }
        lat = Arrays.copyOf(lat, k);
        Arrays.sort(lat);
        double seconds = (windowEnd - windowStart) / 1e6;
        return new Stats(k, arrivedInWindow, arrivedInWindow / seconds, pct(lat, 0.50), pct(lat, 0.99),
                k == 0 ? -1 : lat[k - 1], overflow.get());
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int idx = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    record Stats(long receivedSentInWindow, long arrivedInWindow, double perSecond, long p50Micros, long p99Micros,
                 long maxMicros, int overflow) {
    }
}
