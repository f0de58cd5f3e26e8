package io.github.camelliveagent.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;

/**
 * Bytes allocated by this JVM so far, from HotSpot's per-thread allocation counters
 * ({@link com.sun.management.ThreadMXBean}): {@code getTotalThreadAllocatedBytes()} where the JDK has it (21+),
 * else {@code getThreadAllocatedBytes} summed over the live threads. The sum misses what a thread allocated if it
 * ended between two readings; the client's JVMs keep their threads for the whole window (pooled I/O, consumer and
 * timer threads), so the difference over a window is the allocation in it.
 */
final class Allocation {

    private static final com.sun.management.ThreadMXBean THREADS = init();
    private static final Method TOTAL = totalMethod();

    private Allocation() {
    }

    private static com.sun.management.ThreadMXBean init() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        return null;
    }

    private static Method totalMethod() {
        try {
            return com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
        } catch (NoSuchMethodException e) {
            return null; // JDK 17: sum over the live threads
        }
    }

    /** @return bytes allocated by the JVM's threads so far, or -1 when the JVM does not count them */
    static long totalBytes() {
        if (THREADS == null) {
            return -1;
        }
        if (TOTAL != null) {
            try {
                return (long) TOTAL.invoke(THREADS);
            } catch (ReflectiveOperationException e) {
                // fall through to the sum
            }
        }
        long sum = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            if (bytes > 0) {
                sum += bytes;
            }
        }
        return sum;
    }
}
