package io.github.camelliveagent.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/** An HTTP answer as the tests look at it. */
public record Reply(int status, String body, HttpHeaders headers) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The body parsed as JSON. */
    public JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON (" + status + "): " + body, e);
        }
    }

    /** The {@code type}s of a Messages payload, in order. */
    public List<String> types() {
        List<String> types = new ArrayList<>();
        json().path("messages").forEach(m -> types.add(m.path("type").asText()));
        return types;
    }

    /** The {@code message} object of the first message of this type. */
    public JsonNode message(String type) {
        for (JsonNode m : json().path("messages")) {
            if (type.equals(m.path("type").asText())) {
                return m.path("message");
            }
        }
        throw new AssertionError("no " + type + " in " + body);
    }

    /** The payload's {@code sequence}. */
    public long sequence() {
        return json().path("sequence").asLong();
    }
}
