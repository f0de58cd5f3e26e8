package io.github.camelliveagent.emulator.enhanced;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelliveagent.emulator.session.Json;

/**
 * One SSE event as a plain client reads it.
 *
 * @param id    the {@code id:} field, null when the frame had none
 * @param event the {@code event:} field, {@code message} when the frame had none (as the SSE spec says)
 * @param data  the {@code data:} lines joined with newlines
 */
record SseFrame(String id, String event, String data) {

    /** The data as JSON. */
    JsonNode json() {
        try {
            return Json.read(data);
        } catch (Exception e) {
            throw new AssertionError("data of " + event + " is not JSON: " + data, e);
        }
    }

    /** {@code conversationEntry.entryPayload}, parsed a second time (it is a JSON string on the stream). */
    JsonNode payload() {
        JsonNode p = json().path("conversationEntry").path("entryPayload");
        if (!p.isTextual()) {
            throw new AssertionError("entryPayload of " + event + " is not a string: " + p);
        }
        try {
            return Json.read(p.asText());
        } catch (Exception e) {
            throw new AssertionError("entryPayload of " + event + " is not JSON text: " + p, e);
        }
    }

    /** {@code conversationEntry.sender.role}. */
    String role() {
        return json().path("conversationEntry").path("sender").path("role").asText();
    }
}
