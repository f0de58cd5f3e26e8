package io.github.camelliveagent.examples.transcript;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * One line of a chat transcript.
 *
 * @param at      when it was said: sent by the visitor's side, or received from the agent
 * @param speaker {@code visitor}, {@code agent} or {@code bot}
 * @param name    the speaker's display name
 * @param text    what was said
 */
public record ChatLine(Instant at, String speaker, String name, String text) {

    /** {@link #at()} for JDBC. */
    public Timestamp timestamp() {
        return Timestamp.from(at);
    }
}
