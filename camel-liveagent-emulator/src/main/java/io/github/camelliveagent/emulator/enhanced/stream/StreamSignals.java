package io.github.camelliveagent.emulator.enhanced.stream;

/** What the conversation model tells the open event streams; every call only queues work and returns at once. */
public interface StreamSignals {

    /** New events were appended to this subject's log. */
    void appended(String subject);

    /** The streams of this subject (null: all streams) are closed now without a last word (the fault). */
    void drop(String subject);

    /** Tokens may have expired or been revoked: streams whose token is no longer valid end. */
    void tokensChanged();

    /** How many streams of this subject are open now. */
    int openStreams(String subject);

    /** How many times this subject's client opened a stream. */
    int connections(String subject);
}
