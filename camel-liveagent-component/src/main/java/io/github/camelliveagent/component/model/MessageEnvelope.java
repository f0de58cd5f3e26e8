package io.github.camelliveagent.component.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.UnknownMessage;
import java.io.IOException;

/**
 * Reads and writes one {@code messages[]} element, the wire envelope {@code {"type":"…","message":{…}}}, using
 * {@link MessageTypes}. Unknown types become {@link UnknownMessage}; an absent or {@code null} {@code message} is
 * read as {@code {}}.
 */
final class MessageEnvelope {

    private MessageEnvelope() {
    }

    /**
     * @param type    wire type name
     * @param message the {@code message} value ({@code null}/JSON null = {@code {}})
     * @param codec   mapper used to bind known types
     * @param parser  parser for error reporting (may be null)
     * @return the typed message
     * @throws IOException when a known type's message does not fit its record
     */
    static LiveAgentMessage toMessage(String type, JsonNode message, ObjectCodec codec, JsonParser parser)
            throws IOException {
        JsonNode body = message == null || message.isNull() || message.isMissingNode()
                ? JsonNodeFactory.instance.objectNode() : message;
        Class<? extends LiveAgentMessage> cls = MessageTypes.classFor(type);
        if (cls == null) {
            return new UnknownMessage(type, body.toString());
        }
        if (!body.isObject()) {
            throw MismatchedInputException.from(parser, cls,
                    "'message' of type '" + type + "' must be a JSON object but is " + body.getNodeType());
        }
        try {
            return codec.treeToValue(body, cls);
        } catch (JsonMappingException e) {
            e.prependPath(body, "message");
            throw e;
        }
    }

    static final class Deserializer extends JsonDeserializer<LiveAgentMessage> {

        @Override
        public LiveAgentMessage deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.readValueAsTree();
            if (node == null || !node.isObject()) {
                throw MismatchedInputException.from(p, LiveAgentMessage.class,
                        "a 'messages' element must be a JSON object {\"type\":…,\"message\":…} but is "
                                + (node == null ? "null" : node.getNodeType()));
            }
            JsonNode type = node.get("type");
            if (type == null || !type.isTextual() || type.asText().isEmpty()) {
                throw MismatchedInputException.from(p, LiveAgentMessage.class,
                        "a 'messages' element has no string 'type'");
            }
            return toMessage(type.asText(), node.get("message"), p.getCodec(), p);
        }

        @Override
        public LiveAgentMessage getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return ctxt.reportInputMismatch(LiveAgentMessage.class, "a 'messages' element is null");
        }
    }

    static final class Serializer extends JsonSerializer<LiveAgentMessage> {

        @Override
        public void serialize(LiveAgentMessage value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeStartObject();
            gen.writeStringField("type", value.type());
            gen.writeFieldName("message");
            if (value instanceof UnknownMessage unknown) {
                gen.writeTree(LiveAgentJson.mapper().readTree(unknown.rawJson()));
            } else {
                serializers.findValueSerializer(value.getClass()).serialize(value, gen, serializers);
            }
            gen.writeEndObject();
        }
    }
}
