package io.github.camelliveagent.emulator.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.transcript.Direction;
import io.github.camelliveagent.emulator.transcript.Transcript;
import io.github.camelliveagent.emulator.transcript.TranscriptEntry;

/** Builds ChasitorSessionData, the new server's first event after a hand-over (spec §5.3), from the transcript. */
final class SessionDataBuilder {

    private SessionDataBuilder() {
    }

    static ObjectNode chasitorSessionData(int queuePosition, Transcript transcript, String visitorName) {
        return EventPayloads.chasitorSessionData(queuePosition, true, chatMessages(transcript, visitorName));
    }

    /** {@code chatMessages}: the conversation so far as {@code [{type: Agent|Chasitor|OperatorTransferred, …}]}. */
    private static ArrayNode chatMessages(Transcript transcript, String visitorName) {
        ArrayNode list = Json.array();
        int n = 0;
        for (TranscriptEntry e : transcript.entries()) {
            String type;
            if (e.direction() == Direction.VISITOR && !e.duplicate() && "ChatMessage".equals(e.type())) {
                type = "Chasitor";
            } else if (e.direction() == Direction.SERVER && "ChatMessage".equals(e.type())) {
                type = "Agent";
            } else if (e.direction() == Direction.SERVER && "ChatTransferred".equals(e.type())) {
                type = "OperatorTransferred";
            } else {
                continue;
            }
            JsonNode parsed;
            try {
                parsed = Json.read(e.body());
            } catch (Exception ex) {
                continue;
            }
            ObjectNode m = list.addObject();
            m.put("type", type);
            m.put("name", "Chasitor".equals(type) ? (visitorName == null ? "" : visitorName) : parsed.path("name").asText(""));
            m.put("content", parsed.path("text").asText(""));
            m.put("timestamp", e.at().toEpochMilli());
            m.put("sequence", ++n);
        }
        return list;
    }
}
