package io.github.camelliveagent.component.enhanced.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelliveagent.component.enhanced.stream.SseFrame;
import io.github.camelliveagent.component.model.message.AgentNotTyping;
import io.github.camelliveagent.component.model.message.AgentTyping;
import io.github.camelliveagent.component.model.message.ChatEnded;
import io.github.camelliveagent.component.model.message.ChatEstablished;
import io.github.camelliveagent.component.model.message.ChatMessage;
import io.github.camelliveagent.component.model.message.ChatRequestFail;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import io.github.camelliveagent.component.model.message.ChatTransferred;
import io.github.camelliveagent.component.model.message.DeliveryAcknowledgement;
import io.github.camelliveagent.component.model.message.LiveAgentMessage;
import io.github.camelliveagent.component.model.message.QueueUpdate;
import io.github.camelliveagent.component.model.message.ReadAcknowledgement;
import io.github.camelliveagent.component.model.message.SessionStatusChanged;
import io.github.camelliveagent.component.model.message.UnknownMessage;

/**
 * Turns Enhanced Chat stream events into the events routes know from Live Agent (miaw-api.md §8): routing success →
 * ChatRequestSuccess, queue position → QueueUpdate, agent (or bot) joined → ChatEstablished, a later one →
 * ChatTransferred, agent message → ChatMessage, typing → AgentTyping/AgentNotTyping, routing failure → ChatRequestFail,
 * session ended or conversation closed → ChatEnded; receipts and session status into records of their own. The visitor's
 * own entries echoed by the stream are dropped. Other conversation events are kept as {@link UnknownMessage}; pings and
 * events of other conversations give nothing.
 */
public final class EntryMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END_USER = "EndUser";

    /**
     * What one stream event means for the routes.
     *
     * @param messages     the events for the routes, in order (often one, may be none)
     * @param agentEntryId the identifier of an agent's (or bot's) message entry, for receipts, else null
     * @param agentLeft    an agent or bot left with no transfer announced: whether the session ended is for the
     *                     conversation's routing status to say (miaw-api.md §3.3, §5.7)
     */
    public record Mapped(List<LiveAgentMessage> messages, String agentEntryId, boolean agentLeft) {

        static final Mapped NOTHING = new Mapped(List.of(), null, false);

        /** An event already handed over (by its entry identifier). */
        public static final Mapped NOTHING_NEW = new Mapped(List.of(), null, false);
    }

    /**
     * Who an event is: its conversation, its entry's identifier and when the server recorded it; nulls and 0 where the
     * event has none (a ping).
     */
    public record Identity(String conversationId, String entryId, long timestamp) {

        static final Identity NONE = new Identity(null, null, 0);
    }

    /** Entry types and the stream events that carry them (§5.4), for entries read back from the history (§3.5). */
    private static final java.util.Map<String, String> EVENT_OF_ENTRY_TYPE = java.util.Map.ofEntries(
            java.util.Map.entry("Message", "CONVERSATION_MESSAGE"),
            java.util.Map.entry("RoutingResult", "CONVERSATION_ROUTING_RESULT"),
            java.util.Map.entry("RoutingWorkResult", "CONVERSATION_ROUTING_WORK_RESULT"),
            java.util.Map.entry("ParticipantChanged", "CONVERSATION_PARTICIPANT_CHANGED"),
            java.util.Map.entry("QueuePosition", "CONVERSATION_QUEUE_POSITION"),
            java.util.Map.entry("SessionStatusChanged", "CONVERSATION_SESSION_STATUS_CHANGED"),
            java.util.Map.entry("TypingStartedIndicator", "CONVERSATION_TYPING_STARTED_INDICATOR"),
            java.util.Map.entry("TypingStoppedIndicator", "CONVERSATION_TYPING_STOPPED_INDICATOR"),
            java.util.Map.entry("DeliveryAcknowledgement", "CONVERSATION_DELIVERY_ACKNOWLEDGEMENT"),
            java.util.Map.entry("ReadAcknowledgement", "CONVERSATION_READ_ACKNOWLEDGEMENT"),
            java.util.Map.entry("CloseConversation", "CONVERSATION_CLOSE_CONVERSATION"));

    private EntryMapper() {
    }

    /** The identity of a stream event, read without mapping it (a ping or a malformed event has none). */
    public static Identity identify(SseFrame frame) {
        if (frame.event() == null || !frame.event().startsWith("CONVERSATION_")) {
            return Identity.NONE;
        }
        try {
            JsonNode data = JSON.readTree(frame.data());
            JsonNode entry = data.path("conversationEntry");
            return new Identity(text(data, "conversationId"), text(entry, "identifier"),
                    entry.path("transcriptedTimestamp").asLong(0));
        } catch (IOException | RuntimeException e) {
            return Identity.NONE;
        }
    }

    /**
     * The entries of a history reply ({@code GET conversation/{id}/entries}, oldest first when asked so) as the stream
     * events that would have carried them, without stream ids; entry types with no stream event are left out.
     */
    public static List<SseFrame> historyAsEvents(byte[] reply, String conversationId) {
        List<SseFrame> frames = new ArrayList<>();
        try {
            for (JsonNode entry : JSON.readTree(reply).path("conversationEntries")) {
                String event = EVENT_OF_ENTRY_TYPE.get(entry.path("entryType").asText());
                if (event != null) {
                    com.fasterxml.jackson.databind.node.ObjectNode data = JSON.createObjectNode()
                            .put("conversationId", conversationId);
                    data.set("conversationEntry", entry);
                    frames.add(new SseFrame(null, event, data.toString()));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the conversation entries reply is not JSON: " + e.getMessage(), e);
        }
        return frames;
    }

    /**
     * @param  frame          one stream event
     * @param  conversationId the conversation whose events are wanted (one stream may carry several, §5.1)
     * @param  progress       the conversation's progress, updated here
     * @throws IllegalArgumentException when the event is not the JSON an event of its type must be
     */
    public static Mapped map(SseFrame frame, String conversationId, ChatProgress progress) {
        String event = frame.event();
        if (event == null || !event.startsWith("CONVERSATION_")) {
            return Mapped.NOTHING; // ping, and whatever else the stream may carry that is not a conversation's
        }
        JsonNode data = parse(frame.data(), event);
        String target = data.path("conversationId").asText(null);
        if (target != null && !target.equalsIgnoreCase(conversationId)) {
            return Mapped.NOTHING;
        }
        JsonNode entry = data.path("conversationEntry");
        JsonNode payload = payload(entry.get("entryPayload"), event);
        String role = entry.path("sender").path("role").asText("");
        String name = text(entry, "senderDisplayName");
        String subject = text(entry.path("sender"), "subject");
        List<LiveAgentMessage> out = new ArrayList<>(2);
        String agentEntryId = null;
        boolean agentLeft = false;
        switch (event) {
            case "CONVERSATION_ROUTING_RESULT" -> routingResult(payload, progress, out);
            case "CONVERSATION_QUEUE_POSITION" -> {
                if (payload.hasNonNull("position")) {
                    out.add(new QueueUpdate(payload.get("position").asInt(), null));
                }
            }
            case "CONVERSATION_PARTICIPANT_CHANGED" -> agentLeft = participants(payload, progress, out);
            case "CONVERSATION_MESSAGE" -> {
                if (END_USER.equals(role)) {
                    break; // the visitor's own message, echoed
                }
                JsonNode content = payload.path("abstractMessage").path("staticContent");
                if ("Text".equals(content.path("formatType").asText())) {
                    out.add(new ChatMessage(name, content.path("text").asText(""), subject, null));
                } else {
                    out.add(new UnknownMessage(event, payload.toString()));
                }
                agentEntryId = text(entry, "identifier");
            }
            case "CONVERSATION_TYPING_STARTED_INDICATOR" -> {
                if (!END_USER.equals(role)) {
                    out.add(new AgentTyping(name, subject));
                }
            }
            case "CONVERSATION_TYPING_STOPPED_INDICATOR" -> {
                if (!END_USER.equals(role)) {
                    out.add(new AgentNotTyping(name, subject));
                }
            }
            case "CONVERSATION_DELIVERY_ACKNOWLEDGEMENT" -> {
                if (!END_USER.equals(role)) {
                    out.add(new DeliveryAcknowledgement(acknowledged(payload, entry), timestamp(payload), name));
                }
            }
            case "CONVERSATION_READ_ACKNOWLEDGEMENT" -> {
                if (!END_USER.equals(role)) {
                    out.add(new ReadAcknowledgement(acknowledged(payload, entry), timestamp(payload), name));
                }
            }
            case "CONVERSATION_SESSION_STATUS_CHANGED" -> sessionStatus(payload, progress, out);
            case "CONVERSATION_CLOSE_CONVERSATION" -> {
                progress.closed = true;
                if (!progress.ended) {
                    progress.ended = true;
                    out.add(new ChatEnded("client", null));
                }
            }
            default -> out.add(new UnknownMessage(event, payload.isMissingNode() ? data.toString() : payload.toString()));
        }
        return out.isEmpty() && agentEntryId == null && !agentLeft ? Mapped.NOTHING
                : new Mapped(List.copyOf(out), agentEntryId, agentLeft);
    }

    private static void routingResult(JsonNode payload, ChatProgress progress, List<LiveAgentMessage> out) {
        String failure = payload.path("failureType").asText("None");
        String routingType = payload.path("routingType").asText("Initial");
        if (!"None".equals(failure) && !failure.isEmpty()) {
            if (!progress.ended) {
                progress.ended = true;
                out.add(new ChatRequestFail(failure, null, null));
            }
            return;
        }
        if ("Transfer".equals(routingType)) {
            progress.transferPending = true;
            return;
        }
        if (progress.ended) {
            progress.newSession(); // routed again after the session ended: a new session of the same conversation
        }
        if (!progress.joined) {
            JsonNode ewt = payload.path("estimatedWaitTime").path("estimatedWaitTimeInSeconds");
            out.add(new ChatRequestSuccess(null, ewt.canConvertToInt() ? ewt.asInt() : null, null, null, null, null, null,
                    null, null, null, null));
        }
    }

    /** @return whether an agent or bot left without a transfer announced */
    private static boolean participants(JsonNode payload, ChatProgress progress, List<LiveAgentMessage> out) {
        boolean left = false;
        for (JsonNode change : payload.path("entries")) {
            String role = change.path("participant").path("role").asText("");
            if (!"Agent".equals(role) && !"Chatbot".equals(role)) {
                continue;
            }
            if ("add".equalsIgnoreCase(change.path("operation").asText())) {
                String name = text(change, "displayName");
                String subject = text(change.path("participant"), "subject");
                if (progress.ended) {
                    progress.newSession();
                }
                out.add(progress.joined || progress.transferPending
                        ? new ChatTransferred(name, subject, null, null)
                        : new ChatEstablished(name, subject, null, null, null));
                progress.joined = true;
                progress.transferPending = false;
            } else if ("remove".equalsIgnoreCase(change.path("operation").asText())) {
                // a removal alone does not say whether the agent hands over (a transfer follows) or ended the session
                left = !progress.transferPending && !progress.ended;
            }
        }
        return left;
    }

    private static void sessionStatus(JsonNode payload, ChatProgress progress, List<LiveAgentMessage> out) {
        String status = text(payload, "sessionStatus");
        String endedBy = text(payload, "sessionEndedByRole");
        out.add(new SessionStatusChanged(status, text(payload, "sessionStatusPrev"), text(payload, "sessionId"),
                "Ended".equals(status) ? endedBy : null));
        if ("Ended".equals(status) && !progress.ended) {
            progress.ended = true;
            out.add(new ChatEnded(END_USER.equals(endedBy) ? "client" : "agent", null));
        }
    }

    private static String acknowledged(JsonNode payload, JsonNode entry) {
        String id = text(payload, "acknowledgedConversationEntryIdentifier");
        if (id == null && entry.path("relatedRecords").isArray() && !entry.path("relatedRecords").isEmpty()) {
            id = entry.path("relatedRecords").get(0).asText(null); // where Salesforce's sample reads it (§5.3)
        }
        return id;
    }

    private static Long timestamp(JsonNode payload) {
        JsonNode t = payload.path("acknowledgementTimestamp");
        return t.canConvertToLong() ? t.asLong() : null;
    }

    /** The entry payload: a JSON string on the stream, an object elsewhere; either is accepted (§3.5). */
    private static JsonNode payload(JsonNode raw, String event) {
        if (raw == null || raw.isNull()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return raw.isTextual() ? parse(raw.asText(), event + " entryPayload") : raw;
    }

    private static JsonNode parse(String text, String what) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
