package io.github.camelliveagent.emulator.transcript;

import java.time.Instant;

/**
 * One line of a session's server-side ground truth.
 *
 * @param at        when the emulator accepted the POST or appended the event
 * @param direction {@link Direction#VISITOR} for visitor POSTs, {@link Direction#SERVER} for events
 * @param type      the noun of the POST ({@code ChatMessage}, {@code ChasitorInit}…) or the event type
 * @param sequence  the POST's {@code X-LIVEAGENT-SEQUENCE} (-1 when the header was absent), or the event's index
 *                  in the session's Messages stream
 * @param body      the POST body as received, or the event's {@code message} object as JSON text
 * @param duplicate true for a POST whose sequence number had already been processed (acknowledged, not applied)
 */
public record TranscriptEntry(Instant at, Direction direction, String type, long sequence, String body, boolean duplicate) {
}
