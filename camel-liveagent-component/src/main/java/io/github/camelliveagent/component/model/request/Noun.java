package io.github.camelliveagent.component.model.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelliveagent.component.model.json.WireMapper;

/**
 * One wrapped request of a MultiNoun body (the guide's NounWrapper). The guide's example uses the key
 * {@code object}; its data-type table says {@code data} (a string) — this model writes {@code object}.
 *
 * @param prefix resource prefix, e.g. {@code Chasitor}
 * @param noun   resource noun, e.g. {@code ChatMessage}
 * @param object the request body
 */
public record Noun(String prefix, String noun, JsonNode object) {

    /**
     * @param body a request body
     * @return the wrapper for it
     */
    public static Noun of(RequestBody body) {
        return new Noun(body.prefix(), body.noun(), WireMapper.MAPPER.valueToTree(body));
    }
}
