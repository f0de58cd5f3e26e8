package io.github.camelliveagent.component.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.UnknownMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code System/Messages} reply in one streaming pass: each {@code messages[]} element is bound straight from
 * the parser into its record, with no JSON tree of the payload in between (the poll loop reads one reply per
 * delivered event, so the tree and its second pass were most of the reading's cost).
 * <p>
 * It reads the reply's ordinary shape only: an object whose {@code messages} is an array (or null/absent) of
 * {@code {"type":"…","message":{…}}} objects, and whose {@code sequence} and {@code offset} are integers (or
 * null/absent). Anything else (a syntax error, a duplicate key, a number sent as a string, an element of another shape,
 * a record that does not bind) makes it return {@code null}, and {@link LiveAgentJson} then reads the payload the old
 * way, which gives the same lenient results and the same error messages as before this reader existed. It never
 * throws.
 */
final class MessagesReader {

    private final ObjectMapper mapper;
    private final Map<Class<? extends LiveAgentMessage>, ObjectReader> readers = new HashMap<>();

    MessagesReader(ObjectMapper mapper) {
        this.mapper = mapper;
        for (String type : MessageTypes.knownTypes()) {
            Class<? extends LiveAgentMessage> cls = MessageTypes.classFor(type);
            readers.put(cls, mapper.readerFor(cls));
        }
    }

    /**
     * @param json a Messages reply
     * @return its payload, or {@code null} when it is not of the ordinary shape (then read it the old way)
     */
    Messages read(byte[] json) {
        if (json == null || json.length == 0) {
            return null;
        }
        try (JsonParser p = mapper.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            List<LiveAgentMessage> messages = null;
            long sequence = 0;
            long offset = 0;
            boolean seenMessages = false;
            boolean seenSequence = false;
            boolean seenOffset = false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "messages" -> {
                        if (seenMessages) {
                            return null;
                        }
                        seenMessages = true;
                        if (value == JsonToken.START_ARRAY) {
                            messages = readElements(p);
                            if (messages == null) {
                                return null;
                            }
                        } else if (value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case "sequence" -> {
                        if (seenSequence || !isLongOrNull(p, value)) {
                            return null;
                        }
                        seenSequence = true;
                        sequence = value == JsonToken.VALUE_NULL ? 0 : p.getLongValue();
                    }
                    case "offset" -> {
                        if (seenOffset || !isLongOrNull(p, value)) {
                            return null;
                        }
                        seenOffset = true;
                        offset = value == JsonToken.VALUE_NULL ? 0 : p.getLongValue();
                    }
                    default -> p.skipChildren();
                }
            }
            return t == JsonToken.END_OBJECT ? new Messages(messages, sequence, offset) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isLongOrNull(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NULL
                || value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }

    /** Reads the elements up to the array's end; {@code null} when one is not of the ordinary shape. */
    private List<LiveAgentMessage> readElements(JsonParser p) throws IOException {
        List<LiveAgentMessage> out = new ArrayList<>(2);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            LiveAgentMessage m = readElement(p);
            if (m == null) {
                return null;
            }
            out.add(m);
        }
        return t == JsonToken.END_ARRAY ? out : null;
    }

    /** One {@code {"type":…,"message":…}} element, the parser on its START_OBJECT; leaves it on the END_OBJECT. */
    private LiveAgentMessage readElement(JsonParser p) throws IOException {
        String type = null;
        LiveAgentMessage message = null;
        JsonNode messageTree = null; // the message when it came before its type (then bound as the old reader did)
        boolean seenMessage = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if ("type".equals(name)) {
                if (type != null || value != JsonToken.VALUE_STRING || p.getTextLength() == 0) {
                    return null;
                }
                type = p.getText();
            } else if ("message".equals(name)) {
                if (seenMessage || value == JsonToken.VALUE_NULL) {
                    return null; // a null message reads as {}: the old reader does that
                }
                seenMessage = true;
                if (type == null) {
                    messageTree = mapper.readTree(p);
                } else {
                    message = readMessage(type, p, value);
                    if (message == null) {
                        return null;
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT || type == null || !seenMessage) {
            return null;
        }
        return messageTree != null ? MessageEnvelope.toMessage(type, messageTree, mapper, null) : message;
    }

    private LiveAgentMessage readMessage(String type, JsonParser p, JsonToken value) throws IOException {
        Class<? extends LiveAgentMessage> cls = MessageTypes.classFor(type);
        if (cls == null) {
            return new UnknownMessage(type, mapper.readTree(p).toString());
        }
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        return readers.get(cls).readValue(p);
    }
}
