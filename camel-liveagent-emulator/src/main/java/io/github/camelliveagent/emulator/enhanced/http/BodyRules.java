package io.github.camelliveagent.emulator.enhanced.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelliveagent.emulator.session.Json;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The request-body rules of miaw-api.md §9 (5, 7, 8, 15 of the pitfalls): JSON objects, known properties, ids. */
final class BodyRules {

    /** A lowercase UUID v4: version nibble 4, variant 8, 9, a or b. */
    private static final Pattern UUID_V4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private final boolean strict;

    BodyRules(boolean strict) {
        this.strict = strict;
    }

    /** The body as a JSON object. */
    JsonNode object(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new BadRequest("The body of " + what + " must be a JSON object; it was empty");
        }
        JsonNode n;
        try {
            n = Json.read(text);
        } catch (Exception e) {
            throw new BadRequest("The body of " + what + " is not valid JSON");
        }
        if (!n.isObject()) {
            throw new BadRequest("The body of " + what + " must be a JSON object");
        }
        return n;
    }

    /** Refuses properties outside {@code allowed} (when strict), naming the first and the allowed ones. */
    void known(JsonNode o, String where, Set<String> allowed) {
        if (!strict) {
            return;
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new BadRequest("Unrecognized field \"" + f + "\" in " + where + ": allowed are " + allowed.stream().sorted().toList());
            }
        }
    }

    /** A required non-blank string field. */
    static String text(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull() || !v.isTextual() || v.asText().isBlank()) {
            throw new BadRequest("Missing required field " + field + " (a non-empty string) in " + where);
        }
        return v.asText();
    }

    /** An optional boolean field, false when absent. */
    static boolean flag(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new BadRequest("Invalid field " + field + " in " + where + ": true or false");
        }
        return v.asBoolean();
    }

    /** A lowercase UUID v4, else the server's own words (miaw-api.md §3.2). */
    static String uuid(String value, String field) {
        if (value == null || !UUID_V4.matcher(value).matches()) {
            throw new BadRequest("Specify the " + field + " in UUID format. The UUID must be in lowercase.");
        }
        return value;
    }

    /** {@code routingAttributes}: a flat object of scalar values, as strings; empty when absent. */
    static Map<String, String> attributes(JsonNode o, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode v = o.get("routingAttributes");
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new BadRequest("Invalid field routingAttributes in " + where + ": an object of pre-chat field names to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isContainerNode()) {
                throw new BadRequest("Invalid routingAttributes." + e.getKey() + " in " + where + ": a string, number or boolean");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
