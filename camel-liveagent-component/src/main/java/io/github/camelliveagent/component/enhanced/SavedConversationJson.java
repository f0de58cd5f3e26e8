package io.github.camelliveagent.component.enhanced;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a saved conversation without its token (each store keeps the token its own way, encrypted), and
 * why a stored form does not read back, in words that never quote what was stored.
 */
final class SavedConversationJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private SavedConversationJson() {
    }

    /** Everything but the access token, and the entries processed lately. */
    static ObjectNode state(SavedConversation c) {
        ObjectNode json = JSON.createObjectNode()
                .put("conversationId", c.conversationId())
                .put("correlationId", c.correlationId())
                .put("lastEventId", c.lastEventId())
                .put("lastEntryTimestamp", c.lastEntryTimestamp())
                .put("nextIndex", c.nextIndex());
        var progress = json.putArray("progress");
        for (boolean b : c.progress()) {
            progress.add(b);
        }
        json.set("routingAttributes", JSON.valueToTree(c.routingAttributes()));
        return json;
    }

    /** The identifiers of the entries the routes processed lately, as a JSON array. */
    static JsonNode processedEntries(SavedConversation c) {
        return JSON.valueToTree(c.processedEntries());
    }

    /** Reads back what {@link #state} and {@link #processedEntries} wrote, with the token as the store revealed it. */
    static SavedConversation read(JsonNode state, JsonNode processedEntries, String accessToken) {
        String id = state.path("conversationId").asText("");
        if (!id.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("it names no conversation id");
        }
        boolean[] progress = new boolean[4];
        for (int i = 0; i < progress.length; i++) {
            progress[i] = state.path("progress").path(i).asBoolean(false);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        state.path("routingAttributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        List<String> processed = new ArrayList<>();
        processedEntries.forEach(e -> processed.add(e.asText()));
        return new SavedConversation(id, text(state, "correlationId"), accessToken, text(state, "lastEventId"),
                state.path("lastEntryTimestamp").asLong(0), state.path("nextIndex").asLong(0), progress, attributes,
                processed);
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * Why a stored conversation does not read back: the kind of failure and, for JSON, where; never the parser's own
     * message, which may quote the text it stumbled on.
     */
    static String whyUnreadable(Exception e) {
        if (e instanceof JsonProcessingException j) {
            return "not valid JSON (" + j.getClass().getSimpleName()
                   + (j.getLocation() == null ? "" : " at line " + j.getLocation().getLineNr() + ", column "
                                                     + j.getLocation().getColumnNr())
                   + ")";
        }
        // the store's own exceptions (the token cannot be decrypted, no conversation id) are worded to quote nothing
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
