package io.github.camelliveagent.component.model.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Einstein-bot buttons/menus ({@code type} ChatWindowButton, ChatWindowMenu, …, {@code items}, {@code header}),
 * kept as the raw {@code message} object (SDK only, not in the REST guide).
 *
 * @param content the whole {@code message} object as received
 */
public record RichMessage(@JsonValue JsonNode content) implements LiveAgentMessage {

    /** The wire type name. */
    public static final String TYPE = "RichMessage";

    /**
     * @param content the whole {@code message} object as received
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RichMessage {
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @return the rich message's own {@code type} field (e.g. {@code ChatWindowButton}), or {@code null}
     */
    public String richMessageType() {
        return content == null || !content.path("type").isTextual() ? null : content.path("type").asText();
    }
}
