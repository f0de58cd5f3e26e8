package io.github.camelliveagent.emulator.session;

/**
 * The {@code X-LIVEAGENT-SEQUENCE} rules of spec §5.4: {@code last+1} is processed, {@code ≤ last} is a duplicate
 * (ignored with 200), {@code > last+1} is out of sync (409); only a POST that succeeded consumes its number.
 * Not thread-safe: it lives under its {@link ChatSession}'s monitor.
 */
final class PostSequence {

    /** What to do with a POST's sequence number. */
    enum Verdict { PROCESS, DUPLICATE, OUT_OF_SYNC }

    private long last;

    /** The verdict for a POST numbered {@code sequence}; a POST without the header is always processed. */
    Verdict check(Long sequence) {
        if (sequence == null) {
            return Verdict.PROCESS;
        }
        if (sequence <= last) {
            return Verdict.DUPLICATE;
        }
        return sequence > last + 1 ? Verdict.OUT_OF_SYNC : Verdict.PROCESS;
    }

    /** The 409 for {@code sent}, worded as observed by IBM: Expected = what the client sent, Actual = last accepted. */
    Outcome outOfSync(long sent) {
        return Outcome.text(409, "Out of sync Ack. Expected " + sent + ". Actual " + last);
    }

    /** A POST numbered {@code sequence} succeeded (a failed one does not consume its number). */
    void accepted(Long sequence) {
        if (sequence != null) {
            last = sequence;
        }
    }

    /** ReconnectSession's {@code resetSequence}: the next POST is numbered 1 again. */
    void reset() {
        last = 0;
    }

    /** The server's count is {@code actual} now, whatever was accepted (an injected out-of-sync). */
    void overrideLast(long actual) {
        last = actual;
    }

    /** The last number accepted (0 before the first). */
    long last() {
        return last;
    }
}
