package io.github.camelliveagent.emulator.transcript;

import java.util.List;

/**
 * The server-side record of one chat session: what the visitor's client really sent and what the emulator
 * really delivered. Tests compare a client's view of the chat against it. All lists are snapshots.
 */
public interface Transcript {

    /** Every accepted visitor POST (duplicates included, flagged) and every event, in the order they happened. */
    List<TranscriptEntry> entries();

    /** Texts of accepted visitor {@code ChatMessage} POSTs, in order; duplicates excluded. */
    List<String> visitorMessages();

    /** Texts of agent {@code ChatMessage} events, in order. */
    List<String> agentMessages();

    /** Only the visitor POSTs: noun, sequence number, body and duplicate flag. */
    List<TranscriptEntry> visitorPosts();

    /** Only the events: type, event index and message JSON. */
    List<TranscriptEntry> events();
}
