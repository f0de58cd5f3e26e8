package io.github.camelliveagent.emulator.fault;

import java.time.Duration;

/**
 * Fault injection. The instance from {@code LiveAgentEmulator.faults()} affects every session (and the
 * session-less Visitor resources); the one from {@code EmulatedSession.faults()} only that session.
 * One-shot faults ("next …") are consumed by the first matching call; the global ones are checked first.
 *
 * <p>Enhanced Chat conversations use the same handle: {@link #expire()} expires the tokens (401),
 * {@link #failNext(int)} / {@link #failNextPost(int)} answer the next call of either API (5xx, 429, …),
 * {@link #duplicateNextEvent()} delivers events twice on the next resume, {@link #latency(Duration)} delays replies;
 * {@link #dropStream()}, {@link #rateLimits()}, {@link #newSessionRequired()} and {@link #replayGap()} are theirs
 * alone. A conversation's handle acts on its end user's tokens and streams.
 */
public interface Faults {

    /** Server hand-over: every call answers 503 until the client calls {@code ReconnectSession} (spec §5.3). */
    void handover();

    /**
     * The session(s) expire now; every later call answers 403. Enhanced Chat: the tokens issued so far expire (401;
     * open streams end).
     */
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

    /**
     * The next non-empty Messages reply is delivered twice: the following poll gets it again, whatever its ack.
     * Enhanced Chat: the next stream opened with a {@code Last-Event-Id} starts with the event of that id again.
     */
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

    /** Enhanced Chat: the open event streams are closed now, without a last word (the client must reconnect). */
    void dropStream();

    /**
     * Enhanced Chat: the published rate limits (miaw-api.md §6) are enforced with 429 until {@link #clear()}: 200
     * access tokens and 200 continuation tokens per minute per org, 3 new conversations per client per 30 s, 22
     * messages per minute per conversation.
     */
    void rateLimits();

    /**
     * Enhanced Chat: the next message (or file) without {@code isNewMessagingSession: true} is answered 417, as when
     * pre-chat is shown every session and the session is over; one with it is then accepted.
     */
    void newSessionRequired();

    /**
     * Enhanced Chat: the next stream opened with a {@code Last-Event-Id} replays nothing and starts with new events,
     * a gap the client can only fill from the conversation's entries.
     */
    void replayGap();

    /** Removes every pending one-shot fault, the latency, the burst window and the SwitchServer URL (not a hand-over or expiry). */
    void clear();
}
