package io.github.camelliveagent.emulator.fault;

import java.time.Duration;

/**
 * Fault injection. The instance from {@code LiveAgentEmulator.faults()} affects every session (and the
 * session-less Visitor resources); the one from {@code EmulatedSession.faults()} only that session.
 * One-shot faults ("next …") are consumed by the first matching call; the global ones are checked first.
 */
public interface Faults {

    /** Server hand-over: every call answers 503 until the client calls {@code ReconnectSession} (spec §5.3). */
    void handover();

    /** The session(s) expire now; every later call answers 403. */
    void expire();

    /** The next chat REST call is answered with this status instead of being processed. */
    void failNext(int status);

    /** Like {@link #failNext(int)} but only POSTs count; a 409 is worded as the server's sequence check ({@code Out of sync Ack. Expected <sent>. Actual <last accepted>}). */
    void failNextPost(int status);

    /**
     * The next POST that carries {@code X-LIVEAGENT-SEQUENCE} is answered {@code 409 Out of sync Ack. Expected
     * <sent>. Actual <actual>}, and from then on the session's last accepted number is {@code actual} (globally: of
     * the session that POST belongs to), so a re-send of the refused number is a duplicate or a gap by that count.
     */
    void failNextPostOutOfSync(long actual);

    /**
     * Globally: {@code Visitor/Availability} answers {@code SwitchServer {newUrl}} until {@link #clear()}.
     * Per session: a {@code SwitchServer} event is put into the session's Messages stream.
     */
    void switchServer(String newUrl);

    /** Delays every response by this much, 0 to 10 minutes (global and session latencies add up). */
    void latency(Duration delay);

    /** The next Messages poll's connection is closed without any response. */
    void dropNextPoll();

    /** The next non-empty Messages reply is delivered twice: the following poll gets it again, whatever its ack. */
    void duplicateNextEvent();

    /**
     * Opt-in quirk integrators report (spec §6): a visitor {@code ChatMessage} that arrives within {@code window} of the
     * previous one is answered 200, its sequence number consumed, but dropped (not in the transcript, never shown to
     * the agent). Stays on until {@link #clear()} or a zero window.
     */
    void dropBurstMessages(Duration window);

    /**
     * Opt-in quirk integrators report (spec §6): the next {@code AgentNotTyping} is followed by a stale {@code AgentTyping}
     * in the same Messages reply, which leaves a naive client's typing indicator on.
     */
    void typingOutOfOrder();

    /** Removes every pending one-shot fault, the latency, the burst window and the SwitchServer URL (not a hand-over or expiry). */
    void clear();
}
