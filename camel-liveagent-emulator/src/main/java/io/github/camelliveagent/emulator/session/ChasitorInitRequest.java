package io.github.camelliveagent.emulator.session;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What the emulator reads from a ChasitorInit body (spec §2.2), and the check of its required fields.
 *
 * @param buttonId            the button asked for
 * @param visitorName         {@code visitorName}, null if absent
 * @param receiveQueueUpdates false only when the visitor said so explicitly (booleans come as strings too)
 * @param prechatDetails      echoed as ChatRequestSuccess.customDetails
 * @param body                the whole body, for routing
 */
record ChasitorInitRequest(String buttonId, String visitorName, boolean receiveQueueUpdates, JsonNode prechatDetails,
                           JsonNode body) {

    private static final List<String> REQUIRED = List.of("organizationId", "deploymentId", "buttonId", "sessionId");

    /** The 400 for a body that lacks a required field or names another session, or null when it is fine. */
    static Outcome invalid(JsonNode body, String sessionId) {
        for (String field : REQUIRED) {
            if (!body.hasNonNull(field) || body.get(field).asText().isEmpty()) {
                return Outcome.text(400, "Missing required field: " + field);
            }
        }
        if (!sessionId.equals(body.get("sessionId").asText())) {
            return Outcome.text(400, "Invalid field sessionId: it must be the id returned by SessionId");
        }
        return null;
    }

    /** Reads a body that passed {@link #invalid}. */
    static ChasitorInitRequest of(JsonNode body) {
        return new ChasitorInitRequest(body.get("buttonId").asText(), body.path("visitorName").asText(null),
                !"false".equalsIgnoreCase(body.path("receiveQueueUpdates").asText("true")),
                body.get("prechatDetails"), body);
    }
}
