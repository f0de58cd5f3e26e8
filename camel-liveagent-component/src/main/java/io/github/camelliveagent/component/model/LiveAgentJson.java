package io.github.camelliveagent.component.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.component.model.json.WireMapper;
import io.github.camelliveagent.component.model.message.Availability;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.ReconnectSession;
import io.github.camelliveagent.component.model.message.Settings;
import io.github.camelliveagent.component.model.message.UnknownMessage;
import io.github.camelliveagent.component.model.message.VisitorId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON reading and writing for the Live Agent wire model, with one shared, lenient {@link ObjectMapper}.
 * <p>
 * Every {@code read…} method throws {@link LiveAgentJsonException} on a malformed payload; its message says what was
 * wrong and where (JSON path, line/column) but never contains the payload.
 */
public final class LiveAgentJson {

    /** At most this many characters of a parser message are repeated in an exception. */
    private static final int MAX_REASON_LENGTH = 200;

    private static final ObjectMapper MAPPER = WireMapper.MAPPER;

    /** For bodies a route writes: lenient about shapes like MAPPER, but a key the type does not have is an error. */
    private static final ObjectMapper STRICT = MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The one-pass reader of Messages replies of the ordinary shape; the tree reader below does every other shape. */
    private static final MessagesReader STREAMING = new MessagesReader(MAPPER);

    private LiveAgentJson() {
    }


    /**
     * The configured mapper: ignores unknown properties, accepts numbers/booleans sent as strings, does not write
     * {@code null}s, writes empty beans as {@code {}}, keeps parser error messages short and without the source.
     * Shared: do not reconfigure it ({@link ObjectMapper#copy()} it instead).
     *
     * @return the shared mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads the 200 reply of {@code System/Messages}. Unknown message types become
     * {@link io.github.camelliveagent.component.model.message.UnknownMessage}; unknown fields are ignored; a missing
     * {@code messages}, {@code sequence} or {@code offset} reads as empty/0.
     *
     * @param json the reply body
     * @return the payload
     * @throws LiveAgentJsonException when the body is empty, not JSON, or not of the Messages shape
     */
    public static Messages readMessages(byte[] json) {
        Messages streamed = STREAMING.read(json);
        return streamed != null ? streamed : readMessagesTree(readObject(json, "Messages"), "Messages");
    }

    /**
     * Reads the 200 reply of {@code System/Messages} as the poll loop needs it: like {@link #readMessages}, except that
     * an element that does not fit its type (a known type with a field of the wrong shape, an element without a type)
     * becomes an {@link io.github.camelliveagent.component.model.message.UnknownMessage} carrying its raw JSON, so that
     * one odd event neither stops a chat nor hides the events around it.
     *
     * @param json the reply body
     * @return the payload; its sequence and offset as sent
     * @throws LiveAgentJsonException when the body is empty, not JSON, or not of the Messages shape at all
     */
    public static Messages readMessagesLeniently(byte[] json) {
        Messages streamed = STREAMING.read(json);
        if (streamed != null) {
            return streamed;
        }
        JsonNode root = readObject(json, "Messages");
        try {
            return readMessagesTree(root, "Messages");
        } catch (LiveAgentJsonException strict) {
            JsonNode messages = root.get("messages");
            if (messages == null || !messages.isArray()) {
                throw strict;
            }
            List<io.github.camelliveagent.component.model.message.LiveAgentMessage> read = new java.util.ArrayList<>();
            for (JsonNode element : messages) {
                String type = element.path("type").isTextual() ? element.path("type").asText() : "";
                try {
                    read.add(MessageEnvelope.toMessage(type, element.get("message"), MAPPER, null));
                } catch (IOException | RuntimeException e) {
                    JsonNode raw = element.get("message");
                    read.add(new io.github.camelliveagent.component.model.message.UnknownMessage(type,
                            raw == null ? "{}" : raw.toString()));
                }
            }
            return new Messages(read, root.path("sequence").asLong(), root.path("offset").asLong());
        }
    }

    /**
     * Reads the reply of {@code GET System/SessionId}.
     *
     * @param json the reply body
     * @return the session; {@code clientPollTimeout} accepts a number or a numeric string
     * @throws LiveAgentJsonException when malformed or when {@code id}, {@code key} or {@code affinityToken} is
     *                                missing
     */
    public static SessionIdResponse readSessionId(byte[] json) {
        SessionIdResponse session = bind(readObject(json, "SessionId"), SessionIdResponse.class, "SessionId");
        requireText(session.id(), "id", "SessionId");
        requireText(session.key(), "key", "SessionId");
        requireText(session.affinityToken(), "affinityToken", "SessionId");
        return session;
    }

    /**
     * Reads the reply of {@code GET System/ReconnectSession}, normally wrapped:
     * {@code {"messages":[{"type":"ReconnectSession","message":{…}}]}}; a bare {@code {resetSequence, affinityToken}}
     * object is accepted too.
     *
     * @param json the reply body
     * @return the ReconnectSession message ({@code resetSequence} may be {@code null})
     * @throws LiveAgentJsonException when malformed, when no ReconnectSession message is present, or when its
     *                                {@code affinityToken} is missing (the official SDK rejects such a reply too)
     */
    public static ReconnectSession readReconnectSession(byte[] json) {
        VisitorReply reply = readWrappedOrBare(json, ReconnectSession.class, "ReconnectSession");
        ReconnectSession reconnect = reply.first(ReconnectSession.class)
                .orElseThrow(() -> new LiveAgentJsonException(
                        "ReconnectSession reply carries no ReconnectSession message; types: " + types(reply)));
        requireText(reconnect.affinityToken(), "affinityToken", "ReconnectSession");
        return reconnect;
    }

    /**
     * Reads the reply of {@code GET Visitor/Availability}: wrapped ({@code {"messages":[{"type":"Availability",…}]}})
     * or bare ({@code {"results":[…]}}). The server may send a SwitchServer instead: see
     * {@link VisitorReply#switchServer()}.
     *
     * @param json the reply body
     * @return the messages (an {@link Availability}, or a SwitchServer, or whatever else the server sent)
     * @throws LiveAgentJsonException when malformed
     */
    public static VisitorReply readAvailability(byte[] json) {
        return readWrappedOrBare(json, Availability.class, "Availability");
    }

    /**
     * Reads the reply of {@code GET Visitor/Settings}, wrapped or bare (which one the server uses is unconfirmed).
     *
     * @param json the reply body
     * @return the messages (a {@link Settings}, or a SwitchServer, …)
     * @throws LiveAgentJsonException when malformed
     */
    public static VisitorReply readSettings(byte[] json) {
        return readWrappedOrBare(json, Settings.class, "Settings");
    }

    /**
     * Reads the reply of {@code GET Visitor/VisitorId}, wrapped or bare (which one the server uses is unconfirmed).
     *
     * @param json the reply body
     * @return the messages (a {@link VisitorId}, or a SwitchServer, …)
     * @throws LiveAgentJsonException when malformed
     */
    public static VisitorReply readVisitorId(byte[] json) {
        return readWrappedOrBare(json, VisitorId.class, "VisitorId");
    }

    /**
     * Reads a reply that is either wrapped in {@code messages} (then every element is read by its own type) or is
     * the bare object of {@code bareType}.
     *
     * @param json     the reply body
     * @param bareType the record a bare object is read as
     * @return the messages
     * @throws LiveAgentJsonException when malformed
     */
    public static VisitorReply readVisitorReply(byte[] json, Class<? extends LiveAgentMessage> bareType) {
        return readWrappedOrBare(json, bareType, bareType.getSimpleName());
    }

    /**
     * Reads one message from its wire type name and {@code message} object.
     *
     * @param type    the wire type name
     * @param message the {@code message} object ({@code null} = {@code {}})
     * @return the typed record, or an UnknownMessage for an unknown type
     * @throws LiveAgentJsonException when a known type's message does not fit its record
     */
    public static LiveAgentMessage toMessage(String type, JsonNode message) {
        try {
            return MessageEnvelope.toMessage(type, message, MAPPER, null);
        } catch (IOException e) {
            throw failure(e, "'" + type + "' message");
        }
    }

    /**
     * Writes a body (a request record, a map, a {@link Messages} …) as UTF-8 JSON; {@code null} is written as
     * {@code {}} (the body of ChasitorTyping/ChasitorNotTyping).
     *
     * @param body the body
     * @return UTF-8 JSON
     * @throws LiveAgentJsonException when the body cannot be serialised
     */
    public static byte[] write(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body == null ? MAPPER.createObjectNode() : body);
        } catch (JsonProcessingException e) {
            throw new LiveAgentJsonException("Cannot write " + body.getClass().getName() + " as JSON: "
                    + shorten(e.getOriginalMessage()), e);
        }
    }

    /**
     * Like {@link #write(Object)}, as a string.
     *
     * @param body the body
     * @return JSON text
     */
    public static String writeString(Object body) {
        return new String(write(body), StandardCharsets.UTF_8);
    }

    /**
     * Converts a route body to a model type: an instance of {@code type} is returned as is; a {@code byte[]},
     * {@code String} or {@link JsonNode} is read as JSON; anything else (e.g. a {@code Map}) is converted property by
     * property.
     *
     * @param <T>   the model type
     * @param value the value ({@code null} gives {@code null})
     * @param type  the model type
     * @return the converted value
     * @throws LiveAgentJsonException when the value does not fit the type
     */
    public static <T> T convert(Object value, Class<T> type) {
        return convert(value, type, MAPPER);
    }

    /**
     * Like {@link #convert(Object, Class)}, for bodies written by a route: a key that is not a field of the type (e.g.
     * a misspelt {@code visitorname}) fails, naming the key and the valid fields, instead of being ignored.
     *
     * @param <T>   the model type
     * @param value the value ({@code null} gives {@code null})
     * @param type  the model type
     * @return the converted value
     * @throws LiveAgentJsonException when the value does not fit the type or has a key the type does not have
     */
    public static <T> T convertStrictly(Object value, Class<T> type) {
        return convert(value, type, STRICT);
    }

    private static <T> T convert(Object value, Class<T> type, ObjectMapper mapper) {
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        String what = type.getSimpleName();
        if (value instanceof byte[] bytes) {
            return bind(readTree(bytes, what), type, what, mapper);
        }
        if (value instanceof String text) {
            return bind(readTree(text.getBytes(StandardCharsets.UTF_8), what), type, what, mapper);
        }
        if (value instanceof JsonNode node) {
            return bind(node, type, what, mapper);
        }
        try {
            return mapper.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonProcessingException cause) {
                throw failure(cause, what + " body (from " + value.getClass().getSimpleName() + ")");
            }
            throw new LiveAgentJsonException("Cannot convert " + value.getClass().getName() + " to " + what + ": "
                    + reason(e), e);
        }
    }

    /**
     * One message as its wire envelope {@code {"type":"…","message":{…}}}, the shape of a {@code messages[]} element
     * (an {@link io.github.camelliveagent.component.model.message.UnknownMessage} keeps its raw message).
     *
     * @param message the message
     * @return the envelope
     */
    public static JsonNode envelope(LiveAgentMessage message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", message.type());
        node.set("message", message instanceof UnknownMessage unknown
                ? readTree(unknown.rawJson().getBytes(StandardCharsets.UTF_8), "UnknownMessage")
                : MAPPER.valueToTree(message));
        return node;
    }

    /**
     * Reads a wire envelope {@code {"type":"…","message":{…}}} back into its message, as {@link #envelope} wrote it;
     * an unknown type gives an {@link io.github.camelliveagent.component.model.message.UnknownMessage}.
     *
     * @param envelope the envelope
     * @return the message
     * @throws LiveAgentJsonException when it is not an envelope, or its message does not fit its type
     */
    public static LiveAgentMessage readEnvelope(JsonNode envelope) {
        JsonNode type = envelope == null ? null : envelope.get("type");
        if (envelope == null || !envelope.isObject() || type == null || !type.isTextual() || type.asText().isBlank()) {
            throw new LiveAgentJsonException("Not a Live Agent message: expected {\"type\":\"<message type>\",\"message\":{…}}"
                    + " but got " + (envelope == null ? "nothing" : envelope.isObject()
                            ? "an object with the fields " + fieldNames(envelope) : envelope.getNodeType()));
        }
        try {
            return MessageEnvelope.toMessage(type.asText(), envelope.get("message"), MAPPER, null);
        } catch (IOException e) {
            throw failure(e, type.asText() + " message");
        }
    }

    /**
     * Like {@link #readEnvelope(JsonNode)}, from JSON text.
     *
     * @param json UTF-8 JSON
     * @return the message
     */
    public static LiveAgentMessage readEnvelope(byte[] json) {
        return readEnvelope(readTree(json, "Live Agent message"));
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static VisitorReply readWrappedOrBare(byte[] json, Class<? extends LiveAgentMessage> bareType,
            String what) {
        JsonNode root = readObject(json, what);
        if (root.has("messages")) {
            Messages messages = readMessagesTree(root, what);
            return new VisitorReply(messages.messages());
        }
        return new VisitorReply(List.of(bind(root, bareType, what)));
    }

    private static Messages readMessagesTree(JsonNode root, String what) {
        JsonNode messages = root.get("messages");
        if (messages != null && !messages.isNull() && !messages.isArray()) {
            throw new LiveAgentJsonException("Malformed " + what + " reply: 'messages' must be an array but is "
                    + messages.getNodeType());
        }
        return bind(root, Messages.class, what);
    }

    private static JsonNode readObject(byte[] json, String what) {
        JsonNode root = readTree(json, what);
        if (!root.isObject()) {
            throw new LiveAgentJsonException(
                    "Malformed " + what + " payload: expected a JSON object but got " + root.getNodeType());
        }
        return root;
    }

    private static JsonNode readTree(byte[] json, String what) {
        if (json == null || isBlank(json)) {
            throw new LiveAgentJsonException("Malformed " + what + " payload: the body is empty");
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw failure(e, what + " payload");
        }
    }

    private static <T> T bind(JsonNode node, Class<T> type, String what) {
        return bind(node, type, what, MAPPER);
    }

    private static <T> T bind(JsonNode node, Class<T> type, String what, ObjectMapper mapper) {
        try {
            return mapper.treeToValue(node, type);
        } catch (IOException e) {
            throw failure(e, what + " payload");
        } catch (IllegalArgumentException e) {
            throw new LiveAgentJsonException("Malformed " + what + " payload: " + reason(e), e);
        }
    }

    private static LiveAgentJsonException failure(IOException e, String what) {
        StringBuilder msg = new StringBuilder("Malformed ").append(what).append(": ");
        // an InvalidFormatException's message (and so the cause) repeats the offending value: name its kind only
        InvalidFormatException invalid = e instanceof InvalidFormatException ife ? ife : null;
        if (e instanceof UnrecognizedPropertyException unknown) {
            // the message names the key and the fields the type has, so that a misspelling is found at once
            msg.append("unknown field '").append(unknown.getPropertyName()).append("'")
                    .append(unknown.getReferringClass() == null ? "" : " in " + unknown.getReferringClass().getSimpleName())
                    .append("; valid fields are: ").append(unknown.getKnownPropertyIds() == null ? "?"
                            : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                                    .collect(Collectors.joining(", ")));
        } else if (invalid != null) {
            msg.append("a ").append(invalid.getValue() == null ? "null" : invalid.getValue().getClass().getSimpleName())
                    .append(" value is not a valid ").append(invalid.getTargetType() == null ? "value"
                            : invalid.getTargetType().getSimpleName());
        } else {
            msg.append(reason(e));
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            msg.append(" (at ").append(path(jme.getPath())).append(')');
        } else if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                && jpe.getLocation() != JsonLocation.NA && jpe.getLocation().getLineNr() > 0) {
            msg.append(" (at line ").append(jpe.getLocation().getLineNr()).append(", column ")
                    .append(jpe.getLocation().getColumnNr()).append(')');
        }
        return invalid != null ? new LiveAgentJsonException(msg.toString())
                : new LiveAgentJsonException(msg.toString(), e);
    }

    private static String reason(Throwable e) {
        String text = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return shorten(text == null ? e.getClass().getSimpleName() : text);
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_REASON_LENGTH ? oneLine : oneLine.substring(0, MAX_REASON_LENGTH) + "…";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static void requireText(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw new LiveAgentJsonException("Malformed " + what + " reply: '" + field + "' is missing");
        }
    }

    private static String types(VisitorReply reply) {
        return reply.messages().stream().map(LiveAgentMessage::type).collect(Collectors.joining(", ", "[", "]"));
    }
}
