package io.github.camelliveagent.emulator.enhanced.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.enhanced.EnhancedChatSettings;
import io.github.camelliveagent.emulator.enhanced.EnhancedConversation.Acknowledgement;
import io.github.camelliveagent.emulator.enhanced.conversation.VisitorMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the end user sends into a conversation (miaw-api.md §4): messages, typing indicators, receipts. */
final class MessageResources {

    static final Set<String> SEND_FIELDS = Set.of("message", "esDeveloperName", "isNewMessagingSession", "routingAttributes",
            "language");
    private static final Set<String> MESSAGE_FIELDS = Set.of("id", "messageType", "staticContent", "choicesResponse",
            "formResponse", "inReplyToMessageId");
    private static final Set<String> TEXT_FIELDS = Set.of("formatType", "text");
    private static final Set<String> ENTRY_FIELDS = Set.of("entryType", "id");
    private static final Set<String> ACK_FIELDS = Set.of("id", "entryType", "conversationEntryId");

    private final EnhancedChatSettings settings;
    private final BodyRules rules;

    MessageResources(EnhancedChatSettings settings, BodyRules rules) {
        this.settings = settings;
        this.rules = rules;
    }

    /** {@code POST conversation/{id}/message}. */
    void message(ApiCall call) {
        String where = "the message request";
        JsonNode b = rules.object(call.body(), where);
        rules.known(b, where, SEND_FIELDS);
        ConversationResources.deployment(call, BodyRules.text(b, "esDeveloperName", where));
        JsonNode m = b.get("message");
        if (m == null || !m.isObject()) {
            throw new BadRequest("Missing required field message (an object with id, messageType and its content) in " + where);
        }
        rules.known(m, "message", MESSAGE_FIELDS);
        String id = BodyRules.uuid(BodyRules.text(m, "id", "message"), "message.id");
        String type = BodyRules.text(m, "messageType", "message");
        ObjectNode abstractMessage = m.deepCopy();
        if (!abstractMessage.has("inReplyToMessageId")) {
            abstractMessage.putNull("inReplyToMessageId");
        }
        abstractMessage.putArray("references");
        String text = switch (type) {
            case "StaticContentMessage" -> text(m);
            case "ChoicesResponseMessage" -> choice(m);
            case "FormResponseMessage" -> {
                if (!m.path("formResponse").isObject()) {
                    throw new BadRequest("Missing required field message.formResponse (an object) for a FormResponseMessage");
                }
                yield "[form response]";
            }
            default -> throw new BadRequest("Invalid message.messageType " + type
                    + ": StaticContentMessage, ChoicesResponseMessage or FormResponseMessage");
        };
        VisitorMessage vm = new VisitorMessage(id, abstractMessage, text, BodyRules.flag(b, "isNewMessagingSession", where),
                BodyRules.attributes(b, where), call.body());
        call.reply(call.conversation().message(call.token(), vm, "message", null));
    }

    /** {@code POST conversation/{id}/entry}: a typing indicator. */
    void entry(ApiCall call) {
        String where = "the entry request";
        JsonNode b = rules.object(call.body(), where);
        rules.known(b, where, ENTRY_FIELDS);
        String type = BodyRules.text(b, "entryType", where);
        if (!type.equals("TypingStartedIndicator") && !type.equals("TypingStoppedIndicator")) {
            throw new BadRequest("Invalid entryType " + type + ": TypingStartedIndicator or TypingStoppedIndicator");
        }
        BodyRules.uuid(BodyRules.text(b, "id", where), "id");
        call.reply(call.conversation().typing(type.equals("TypingStartedIndicator"), call.body()));
    }

    /** {@code POST conversation/{id}/acknowledge-entries}: {@code {acks:[{id, entryType, conversationEntryId}]}}. */
    void acknowledge(ApiCall call) {
        String where = "the acknowledge-entries request";
        JsonNode b = rules.object(call.body(), where);
        rules.known(b, where, Set.of("acks"));
        JsonNode acks = b.get("acks");
        if (acks == null || !acks.isArray() || acks.isEmpty()) {
            throw new BadRequest("Missing required field acks: a non-empty array of {id, entryType: Delivery|Read,"
                    + " conversationEntryId}");
        }
        List<Acknowledgement> out = new ArrayList<>();
        for (JsonNode a : acks) {
            if (!a.isObject()) {
                throw new BadRequest("Invalid element of acks: an object {id, entryType, conversationEntryId}");
            }
            rules.known(a, "an element of acks", ACK_FIELDS);
            BodyRules.uuid(BodyRules.text(a, "id", "an element of acks"), "id");
            String type = BodyRules.text(a, "entryType", "an element of acks");
            if (!type.equals("Delivery") && !type.equals("Read")) {
                throw new BadRequest("Invalid entryType " + type + " in acks: Delivery or Read");
            }
            out.add(new Acknowledgement(type, BodyRules.text(a, "conversationEntryId", "an element of acks")));
        }
        call.reply(call.conversation().acknowledge(out, call.body()));
    }

    private String text(JsonNode m) {
        JsonNode c = m.get("staticContent");
        if (c == null || !c.isObject()) {
            throw new BadRequest("Missing required field message.staticContent ({formatType: Text, text}) for a"
                    + " StaticContentMessage");
        }
        rules.known(c, "message.staticContent", TEXT_FIELDS);
        if (!"Text".equals(c.path("formatType").asText())) {
            throw new BadRequest("Invalid message.staticContent.formatType " + c.path("formatType").asText()
                    + ": an end user sends Text here (files go to /file)");
        }
        String text = BodyRules.text(c, "text", "message.staticContent");
        if (text.length() > settings.maxTextLength()) {
            throw new BadRequest("Invalid message.staticContent.text: " + text.length() + " characters, at most "
                    + settings.maxTextLength());
        }
        return text;
    }

    private static String choice(JsonNode m) {
        JsonNode r = m.get("choicesResponse");
        if (r == null || !r.isObject() || !"Selections".equals(r.path("formatType").asText())
                || !r.path("selectedOptions").isArray() || r.path("selectedOptions").isEmpty()) {
            throw new BadRequest("Invalid message.choicesResponse: {formatType: Selections, selectedOptions: [{optionIdentifier,"
                    + " optionTitle}]}");
        }
        JsonNode first = r.path("selectedOptions").get(0);
        String title = first.path("optionTitle").path("title").asText("");
        String option = first.path("optionIdentifier").asText("");
        if (option.isEmpty()) {
            throw new BadRequest("Missing required field optionIdentifier in message.choicesResponse.selectedOptions");
        }
        return title.isEmpty() ? option : title;
    }
}
