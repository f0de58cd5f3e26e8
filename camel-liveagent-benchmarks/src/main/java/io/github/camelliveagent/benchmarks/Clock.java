package io.github.camelliveagent.benchmarks;

import java.time.Instant;

/**
 * The one clock both JVMs read: wall-clock microseconds since the epoch, from {@link Instant#now()} (on Linux,
 * {@code clock_gettime(CLOCK_REALTIME)}, which every process on the machine shares). The emulator stamps an agent
 * message with it just before handing the message to the session; the client reads it when the exchange arrives.
 */
final class Clock {

    private Clock() {
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** The text of a stamped agent message. */
    static String stamp(long micros) {
        return "t=" + micros;
    }

    /** The stamp of a message text made by {@link #stamp}, or -1. */
    static long parseStamp(String text) {
        if (text == null || !text.startsWith("t=")) {
            return -1;
        }
        try {
            return Long.parseLong(text, 2, text.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
