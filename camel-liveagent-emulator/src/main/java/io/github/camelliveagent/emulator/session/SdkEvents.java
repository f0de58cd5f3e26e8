package io.github.camelliveagent.emulator.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Payloads of the server messages only the official SDK handles (spec §4.2) and of {@code SensitiveDataRules} (§4.1),
 * shaped as the spec describes them; send them with {@link EmulatedSession#emit}. {@code TransferToButtonInitiated}
 * also changes the chat's state: {@link EmulatedSession#transferToButton()}.
 */
public final class SdkEvents {

    private SdkEvents() {
    }

    /** {@code AsyncResult {isSuccess, error}}: the asynchronous outcome of an earlier request. */
    public static ObjectNode asyncResult(boolean isSuccess, String error) {
        ObjectNode m = Json.object();
        m.put("isSuccess", isSuccess);
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }

    /**
     * {@code SensitiveDataRules {sensitiveDataRules: [{id, name, pattern, replacement, actionType}]}}; with no rules given,
     * one that masks card-like numbers.
     */
    public static ObjectNode sensitiveDataRules(JsonNode rules) {
        ObjectNode m = Json.object();
        if (rules != null && rules.isArray() && !rules.isEmpty()) {
            m.set("sensitiveDataRules", rules.deepCopy());
        } else {
            ObjectNode rule = m.putArray("sensitiveDataRules").addObject();
            rule.put("id", "0GO000000000001");
            rule.put("name", "Card numbers");
            rule.put("pattern", "\\b(?:\\d[ -]*?){13,16}\\b");
            rule.put("replacement", "****");
            rule.put("actionType", "Replace");
        }
        return m;
    }

    /** {@code RichMessage {type, items: [{text, value}], header?}}: bot buttons or a menu to pick from. */
    public static ObjectNode richMessage(String type, List<String> items, String header) {
        ObjectNode m = Json.object();
        m.put("type", type);
        ArrayNode list = m.putArray("items");
        for (String text : items) {
            list.addObject().put("text", text).put("value", text);
        }
        if (header != null) {
            m.put("header", header);
        }
        return m;
    }

    /** {@code AgentJoinedConference {name}} or {@code AgentLeftConference {name}}: a second agent joined or left. */
    public static ObjectNode conference(String agentName) {
        ObjectNode m = Json.object();
        m.put("name", agentName);
        return m;
    }

    /** {@code ChatResumedAfterTransfer {name, showRichAvatar, isTransferFailure}}. */
    public static ObjectNode chatResumedAfterTransfer(String agentName, boolean isTransferFailure) {
        ObjectNode m = Json.object();
        m.put("name", agentName);
        m.put("showRichAvatar", false);
        m.put("isTransferFailure", isTransferFailure);
        return m;
    }
}
