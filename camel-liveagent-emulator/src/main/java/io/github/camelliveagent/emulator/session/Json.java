package io.github.camelliveagent.emulator.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/** The one Jackson mapper of the emulator and small helpers around it. */
public final class Json {

    /** Shared mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A new empty JSON array. */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Serialises a tree; trees never fail to serialise, so the checked exception is not worth propagating. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON text. */
    public static JsonNode read(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /** A {@code {"messages":[{"type":…,"message":…}]}} envelope with a single message, as Visitor resources use. */
    public static ObjectNode envelope(String type, JsonNode message) {
        ObjectNode root = object();
        ObjectNode m = root.putArray("messages").addObject();
        m.put("type", type);
        m.set("message", message);
        return root;
    }
}
