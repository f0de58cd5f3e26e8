package io.github.camelliveagent.emulator.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code message} objects of the server events with the exact wire field names of spec §4
 * (e.g. {@code queuePosition} in ChatRequestSuccess but {@code position} in QueueUpdate), gated by API version.
 */
final class EventPayloads {

    /** Version from which {@code estimatedWaitTime} appears (spec §1.2). */
    static final int ESTIMATED_WAIT_TIME_SINCE = 47;
    /** Version from which {@code chasitorIdleTimeout} appears (spec §1.2). */
    static final int IDLE_TIMEOUT_SINCE = 35;

    private EventPayloads() {
    }

    static ObjectNode chatRequestSuccess(int apiVersion, int queuePosition, String visitorId, JsonNode customDetails) {
        ObjectNode m = Json.object();
        m.put("queuePosition", queuePosition);
        if (apiVersion >= ESTIMATED_WAIT_TIME_SINCE) {
            m.put("estimatedWaitTime", -1); // -1 = unknown, as the guide allows
        }
        m.set("geoLocation", geoLocation());
        m.put("url", "");
        m.put("oref", "");
        m.put("postChatUrl", "");
        m.set("customDetails", customDetails == null || !customDetails.isArray() ? Json.array() : customDetails.deepCopy());
        m.put("visitorId", visitorId);
        // live servers add these (spec §4.1 [OBS]); clients must tolerate them, so the emulator sends them
        m.put("connectionTimeout", 150000);
        m.putArray("sensitiveDataRules");
        m.put("transcriptSaveEnabled", false);
        return m;
    }

    static ObjectNode chatRequestFail(String reason) {
        ObjectNode m = Json.object();
        m.put("reason", reason);
        m.put("postChatUrl", "");
        m.putArray("attachedRecords");
        return m;
    }

    static ObjectNode queueUpdate(int apiVersion, int position) {
        ObjectNode m = Json.object();
        m.put("position", position);
        if (apiVersion >= ESTIMATED_WAIT_TIME_SINCE) {
            m.put("estimatedWaitTime", -1);
        }
        return m;
    }

    /** ChatEstablished and ChatTransferred share their fields. */
    static ObjectNode agentJoined(int apiVersion, String name, String userId, boolean sneakPeekEnabled,
                                  VisitorIdleTimeout idle) {
        ObjectNode m = Json.object();
        m.put("name", name);
        m.put("userId", userId);
        m.put("sneakPeekEnabled", sneakPeekEnabled);
        if (apiVersion >= IDLE_TIMEOUT_SINCE) {
            ObjectNode t = m.putObject("chasitorIdleTimeout").put("isEnabled", idle != null);
            if (idle != null) {
                t.put("warningTime", idle.warningTime().toSeconds());
                t.put("timeout", idle.timeout().toSeconds());
            }
        }
        m.putArray("items");
        return m;
    }

    static ObjectNode chatMessage(String name, String text, String agentId) {
        ObjectNode m = Json.object();
        m.put("name", name);
        m.put("text", text);
        m.put("agentId", agentId);
        m.putObject("schedule").put("responseDelayMilliseconds", 0);
        return m;
    }

    static ObjectNode agentTyping(String name, String agentId) {
        ObjectNode m = Json.object();
        m.put("name", name);
        m.put("agentId", agentId);
        return m;
    }

    static ObjectNode customEvent(String type, String data) {
        ObjectNode m = Json.object();
        m.put("type", type);
        m.put("data", data);
        return m;
    }

    static ObjectNode fileTransfer(String type, String baseUrl, String fileToken) {
        ObjectNode m = Json.object();
        m.put("type", type);
        if ("Requested".equals(type)) {
            m.put("uploadServletUrl", baseUrl + UploadedFile.UPLOAD_PATH);
            m.put("fileToken", fileToken);
            m.put("cdmServletUrl", baseUrl + "/emulator/cdm");
        }
        return m;
    }

    static ObjectNode chatEnded(String reason) {
        ObjectNode m = Json.object();
        m.put("reason", reason);
        return m;
    }

    static ObjectNode switchServer(String newUrl) {
        ObjectNode m = Json.object();
        m.put("newUrl", newUrl);
        return m;
    }

    static ObjectNode chasitorSessionData(int queuePosition, boolean sneakPeekEnabled, ArrayNode chatMessages) {
        ObjectNode m = Json.object();
        m.put("queuePosition", queuePosition);
        m.set("geoLocation", geoLocation());
        m.put("url", "");
        m.put("oref", "");
        m.put("postChatUrl", "");
        m.put("sneakPeekEnabled", sneakPeekEnabled);
        m.set("chatMessages", chatMessages);
        return m;
    }

    static ObjectNode reconnectSession(String affinityToken) {
        ObjectNode m = Json.object();
        m.put("resetSequence", true);
        m.put("affinityToken", affinityToken);
        return m;
    }

    private static ObjectNode geoLocation() {
        // a fixed, obviously fake location: the emulator has no GeoIP and loopback has no country
        ObjectNode g = Json.object();
        g.put("countryCode", "ZZ");
        g.put("countryName", "Emulated");
        g.put("region", "");
        g.put("city", "");
        g.put("organization", "camel-liveagent-emulator");
        g.put("latitude", 0.0);
        g.put("longitude", 0.0);
        return g;
    }
}
