package io.github.camelliveagent.emulator.enhanced.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.session.Json;

/**
 * The {@code entryPayload} objects and participants of the events the emulator sends, shaped as miaw-api.md §5.5
 * describes them (field sets beyond those the sources show are the emulator's choice).
 */
final class EntryPayloads {

    private EntryPayloads() {
    }

    static ObjectNode endUser(String subject, String clientId) {
        return participant("EndUser", "iamessage", subject, clientId);
    }

    static ObjectNode agent(String agentId, boolean bot) {
        return bot ? participant("Chatbot", "chatbot", agentId, agentId) : participant("Agent", "agent", agentId, agentId);
    }

    /** A {@code ChoicesMessage} with {@code Buttons} (miaw-api.md §4.6). */
    static ObjectNode choices(String id, String text, java.util.List<String> titles) {
        ObjectNode m = Json.object();
        m.put("messageType", "ChoicesMessage");
        m.put("id", id);
        m.putNull("inReplyToMessageId");
        m.putArray("references");
        ObjectNode c = m.putObject("choices");
        c.put("formatType", "Buttons");
        c.put("text", text);
        var items = c.putArray("optionItems");
        for (int i = 0; i < titles.size(); i++) {
            ObjectNode item = items.addObject();
            item.put("itemType", "TitleOptionItem");
            item.put("optionIdentifier", "option-" + (i + 1));
            ObjectNode title = item.putObject("titleItem");
            title.put("itemType", "TitleItem");
            title.put("title", titles.get(i));
        }
        return message(id, m);
    }

    /** A {@code StaticContentMessage} with {@code Attachments} (miaw-api.md §4.3). */
    static ObjectNode attachment(String id, String fileId, String name, String mimeType, String url, String text) {
        ObjectNode content = Json.object();
        content.put("formatType", "Attachments");
        if (text != null && !text.isEmpty()) {
            content.put("text", text);
        }
        ObjectNode a = content.putArray("attachments").addObject();
        a.put("id", fileId);
        a.put("name", name);
        a.put("mimeType", mimeType);
        a.put("url", url);
        a.put("referenceId", fileId);
        a.putNull("attachmentUploadResult");
        return staticContent(id, content);
    }

    static ObjectNode system() {
        return participant("System", "conversation", "system", "system");
    }

    static ObjectNode text(String id, String text) {
        ObjectNode content = Json.object();
        content.put("formatType", "Text");
        content.put("text", text);
        return message(id, staticContent(id, content));
    }

    /** A {@code Message} whose {@code abstractMessage} is the one given (as the end user sent it). */
    static ObjectNode message(String id, ObjectNode abstractMessage) {
        ObjectNode p = payload("Message", id);
        p.set("abstractMessage", abstractMessage);
        p.putNull("messageReason");
        return p;
    }

    static ObjectNode staticContent(String id, ObjectNode content) {
        ObjectNode m = Json.object();
        m.put("messageType", "StaticContentMessage");
        m.put("id", id);
        m.putNull("inReplyToMessageId");
        m.putArray("references");
        m.set("staticContent", content);
        return m;
    }

    static ObjectNode routingResult(String id, String routingType, String failureType, String failureReason,
                                    String sessionId, long estimatedWaitSeconds) {
        ObjectNode p = payload("RoutingResult", id);
        p.put("routingType", routingType);
        p.put("failureType", failureType);
        if (failureReason == null) {
            p.putNull("failureReason");
        } else {
            p.put("failureReason", failureReason);
        }
        p.putArray("errorMessages");
        p.put("recordId", sessionId);
        p.put("pendingServiceRoutingId", "0JR" + sessionId.substring(3));
        p.putNull("workOwnerId");
        ObjectNode ewt = p.putObject("estimatedWaitTime");
        ewt.put("estimatedWaitTimeInSeconds", estimatedWaitSeconds);
        ewt.put("isEWTRequested", true);
        p.put("isExternallyRouted", false);
        p.putNull("cancelReason");
        return p;
    }

    static ObjectNode queuePosition(String id, String sessionId, int position) {
        ObjectNode p = payload("QueuePosition", id);
        p.put("pendingServiceRoutingId", "0JR" + sessionId.substring(3));
        p.put("workItemId", sessionId);
        p.put("position", position);
        return p;
    }

    static ObjectNode participantChanged(String id, String operation, ObjectNode participant, String displayName) {
        ObjectNode p = payload("ParticipantChanged", id);
        ObjectNode e = p.putArray("entries").addObject();
        e.put("operation", operation);
        e.putNull("menuMetadata");
        e.set("participant", participant);
        e.put("displayName", displayName);
        return p;
    }

    static ObjectNode sessionStatus(String id, String sessionId, String conversationId, String channel, String status,
                                    String previous, long start, Long end, String endedByRole) {
        ObjectNode p = payload("SessionStatusChanged", id);
        p.put("sessionId", sessionId);
        p.put("conversationIdentifier", conversationId);
        p.put("channelAddressIdentifier", channel);
        p.put("sessionStatus", status);
        p.put("sessionStatusPrev", previous);
        p.put("sessionStartTime", start);
        if (end == null) {
            p.putNull("sessionEndTime");
            p.putNull("sessionEndedByRole");
        } else {
            p.put("sessionEndTime", end);
            p.put("sessionEndedByRole", endedByRole);
        }
        return p;
    }

    static ObjectNode typing(String entryType, String id, long timestamp) {
        ObjectNode p = payload(entryType, id);
        p.put("timestamp", timestamp);
        return p;
    }

    static ObjectNode acknowledgement(String entryType, String id, long timestamp, String acknowledgedId, JsonNode recipient) {
        ObjectNode p = payload(entryType, id);
        p.put("acknowledgementTimestamp", timestamp);
        p.put("acknowledgedConversationEntryIdentifier", acknowledgedId);
        p.set("recipient", recipient);
        return p;
    }

    static ObjectNode closeConversation(String id, String conversationId) {
        ObjectNode p = payload("CloseConversation", id);
        p.put("conversationIdentifier", conversationId);
        return p;
    }

    private static ObjectNode payload(String entryType, String id) {
        ObjectNode p = Json.object();
        p.put("entryType", entryType);
        p.put("id", id);
        return p;
    }

    private static ObjectNode participant(String role, String appType, String subject, String clientId) {
        ObjectNode p = Json.object();
        p.put("role", role);
        p.put("appType", appType);
        p.put("subject", subject);
        p.put("clientIdentifier", clientId);
        return p;
    }
}
