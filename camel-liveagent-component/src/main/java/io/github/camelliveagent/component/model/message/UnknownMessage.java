package io.github.camelliveagent.component.model.message;

import java.util.Objects;

/**
 * A server message whose wire type this component does not know; kept verbatim so that nothing is lost.
 *
 * @param type    the wire type name as received
 * @param rawJson the envelope's {@code message} value as compact JSON text ({@code {}} when absent)
 */
public record UnknownMessage(String type, String rawJson) implements LiveAgentMessage {

    /**
     * @param type    the wire type name as received
     * @param rawJson the envelope's {@code message} value as compact JSON text ({@code {}} when absent)
     */
    public UnknownMessage {
        Objects.requireNonNull(type, "type");
        rawJson = rawJson == null ? "{}" : rawJson;
    }
}
