package io.github.camelliveagent.component.enhanced.stream;

/**
 * One Server-Sent Event as the stream framed it.
 *
 * @param id    the frame's {@code id:} field, or null when it had none
 * @param event the {@code event:} field (the event type), or {@code message} when absent (the SSE default)
 * @param data  the {@code data:} lines joined with newlines, or an empty string
 */
public record SseFrame(String id, String event, String data) {
}
