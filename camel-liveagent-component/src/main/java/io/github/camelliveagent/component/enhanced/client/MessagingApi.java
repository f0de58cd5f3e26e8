package io.github.camelliveagent.component.enhanced.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.component.enhanced.model.AccessToken;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The Enhanced Chat v2 calls of an end user (miaw-api.md §1-§5): paths, headers and bodies, nothing else. Every
 * method returns the raw reply; what a status means is the caller's decision.
 */
public final class MessagingApi {

    static final String REST = "/iamessage/api/v2/";
    static final String STREAM = "/eventrouter/v1/sse";
    /** How long an event stream may be silent before it counts as dropped: the pings come far more often (§5.6). */
    public static final long STREAM_IDLE_TIMEOUT_MS = 90_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessagingHttp http;

    public MessagingApi(MessagingHttp http) {
        this.http = http;
    }

    /** A lowercase UUID v4, the form the server demands for every client-made id (§3.2). */
    public static String newId() {
        return UUID.randomUUID().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** POST authorization/unauthenticated/access-token (§2.1): the guest token. */
    public CompletableFuture<HttpReply> accessToken(EnhancedChatSettings s) {
        ObjectNode body = JSON.createObjectNode()
                .put("orgId", s.organizationId())
                .put("esDeveloperName", s.esDeveloperName())
                .put("capabilitiesVersion", s.capabilitiesVersion())
                .put("platform", "Web");
        return http.call("POST", rest(s, "authorization/unauthenticated/access-token", null), null, bytes(body),
                ContentType.APPLICATION_JSON, s.requestTimeoutMs());
    }

    /** GET authorization/continuation-access-token (§2.2): a new token for the same end user. */
    public CompletableFuture<HttpReply> continuationToken(EnhancedChatSettings s, AccessToken token) {
        return http.call("GET", rest(s, "authorization/continuation-access-token", null), token.jwt(), null, null,
                s.requestTimeoutMs());
    }

    /** Reads a token reply ({@code accessToken}, {@code lastEventId} as string or number). */
    public static AccessToken readToken(HttpReply reply, long nowMs) {
        try {
            JsonNode json = JSON.readTree(reply.body());
            String jwt = json.path("accessToken").asText(null);
            if (jwt == null || jwt.isBlank()) {
                throw new IllegalStateException("the token reply has no accessToken");
            }
            JsonNode last = json.get("lastEventId");
            return AccessToken.of(jwt, last == null || last.isNull() ? null : last.asText(), nowMs);
        } catch (IOException e) {
            throw new IllegalStateException("the token reply is not JSON: " + e.getMessage(), e);
        }
    }

    /** POST conversation (§3.2) with the routing attributes (pre-chat fields). */
    public CompletableFuture<HttpReply> createConversation(EnhancedChatSettings s, AccessToken token, String conversationId,
                                                           Map<String, ?> routingAttributes) {
        ObjectNode body = JSON.createObjectNode()
                .put("conversationId", conversationId)
                .put("esDeveloperName", s.esDeveloperName());
        if (routingAttributes != null && !routingAttributes.isEmpty()) {
            body.set("routingAttributes", JSON.valueToTree(routingAttributes));
        }
        return http.call("POST", rest(s, "conversation", null), token.jwt(), bytes(body), ContentType.APPLICATION_JSON,
                s.requestTimeoutMs());
    }

    /** POST conversation/{id}/message (§4.1): a text message; the message id is the caller's (kept across retries). */
    public CompletableFuture<HttpReply> sendMessage(EnhancedChatSettings s, AccessToken token, String conversationId,
                                                    String messageId, String text) {
        return sendMessage(s, token, conversationId, messageId, text, null);
    }

    /**
     * As {@link #sendMessage(EnhancedChatSettings, AccessToken, String, String, String)}, opening a new messaging session
     * with these routing attributes when they are not null ({@code isNewMessagingSession}, the answer to a 417, §3.7).
     */
    public CompletableFuture<HttpReply> sendMessage(EnhancedChatSettings s, AccessToken token, String conversationId,
                                                    String messageId, String text, Map<String, ?> newSessionAttributes) {
        ObjectNode message = JSON.createObjectNode()
                .put("id", messageId)
                .put("messageType", "StaticContentMessage");
        message.putObject("staticContent").put("formatType", "Text").put("text", text);
        ObjectNode body = JSON.createObjectNode();
        body.set("message", message);
        body.put("esDeveloperName", s.esDeveloperName());
        if (newSessionAttributes != null) {
            body.put("isNewMessagingSession", true);
            body.set("routingAttributes", JSON.valueToTree(newSessionAttributes));
        }
        return http.call("POST", rest(s, "conversation/" + conversationId + "/message", null), token.jwt(), bytes(body),
                ContentType.APPLICATION_JSON, s.requestTimeoutMs());
    }

    /** POST conversation/{id}/entry (§4.4): TypingStartedIndicator or TypingStoppedIndicator. */
    public CompletableFuture<HttpReply> typing(EnhancedChatSettings s, AccessToken token, String conversationId,
                                               boolean started) {
        ObjectNode body = JSON.createObjectNode()
                .put("entryType", started ? "TypingStartedIndicator" : "TypingStoppedIndicator")
                .put("id", newId());
        return http.call("POST", rest(s, "conversation/" + conversationId + "/entry", null), token.jwt(), bytes(body),
                ContentType.APPLICATION_JSON, s.requestTimeoutMs());
    }

    /** POST conversation/{id}/acknowledge-entries (§4.5): {@code Delivery} or {@code Read} of one entry. */
    public CompletableFuture<HttpReply> acknowledge(EnhancedChatSettings s, AccessToken token, String conversationId,
                                                    String entryType, String conversationEntryId) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode acks = body.putArray("acks");
        acks.addObject().put("id", newId()).put("entryType", entryType).put("conversationEntryId", conversationEntryId);
        return http.call("POST", rest(s, "conversation/" + conversationId + "/acknowledge-entries", null), token.jwt(),
                bytes(body), ContentType.APPLICATION_JSON, s.requestTimeoutMs());
    }

    /** POST conversation/{id}/file (§4.3): multipart {@code messageEntry} (JSON) and {@code fileData}. */
    public CompletableFuture<HttpReply> sendFile(EnhancedChatSettings s, AccessToken token, String conversationId,
                                                 String messageId, String caption, String fileName, String contentType,
                                                 byte[] content) {
        return sendFile(s, token, conversationId, messageId, caption, fileName, contentType, content, null);
    }

    /**
     * As {@link #sendFile(EnhancedChatSettings, AccessToken, String, String, String, String, String, byte[])}, opening a
     * new messaging session with these routing attributes when they are not null: the file's {@code messageEntry}
     * carries {@code isNewMessagingSession} as a message does (§4.3), so a 417 is answered the same way (§3.7).
     */
    public CompletableFuture<HttpReply> sendFile(EnhancedChatSettings s, AccessToken token, String conversationId,
                                                 String messageId, String caption, String fileName, String contentType,
                                                 byte[] content, Map<String, ?> newSessionAttributes) {
        ObjectNode message = JSON.createObjectNode().put("id", messageId).put("fileId", newId());
        if (caption != null && !caption.isBlank()) {
            message.put("text", caption);
        }
        ObjectNode entry = JSON.createObjectNode().put("esDeveloperName", s.esDeveloperName());
        entry.set("message", message);
        if (newSessionAttributes != null) {
            entry.put("isNewMessagingSession", true);
            entry.set("routingAttributes", JSON.valueToTree(newSessionAttributes));
        }
        byte[] body;
        ContentType multipart;
        try {
            HttpEntity entity = MultipartEntityBuilder.create()
                    .setMode(HttpMultipartMode.EXTENDED)
                    .setCharset(StandardCharsets.UTF_8)
                    .addTextBody("messageEntry", JSON.writeValueAsString(entry), ContentType.APPLICATION_JSON)
                    .addBinaryBody("fileData", content, ContentType.parse(contentType), fileName)
                    .build();
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 1024);
            entity.writeTo(out);
            body = out.toByteArray();
            multipart = ContentType.parse(entity.getContentType());
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new CompletionException(new IllegalArgumentException(
                    "Cannot build the multipart body of the file '" + fileName + "': " + e.getMessage(), e)));
        }
        return http.call("POST", rest(s, "conversation/" + conversationId + "/file", null), token.jwt(), body, multipart,
                s.requestTimeoutMs());
    }

    /** GET conversation/{id} (§3.3): {@code routingStatus} ROUTED, NEEDS_ROUTING, INITIAL or TRANSFER. */
    public CompletableFuture<HttpReply> conversationStatus(EnhancedChatSettings s, AccessToken token, String conversationId) {
        return http.call("GET", rest(s, "conversation/" + conversationId, null), token.jwt(), null, null,
                s.requestTimeoutMs());
    }

    /** The {@code routingStatus} of a conversation status reply, or null. */
    public static String readRoutingStatus(HttpReply reply) {
        try {
            return JSON.readTree(reply.body()).path("routingStatus").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * GET conversation/{id}/entries (§3.5): up to 50 entries recorded from {@code startTimestamp} to
     * {@code endTimestamp} (epoch ms), oldest first.
     */
    public CompletableFuture<HttpReply> entries(EnhancedChatSettings s, AccessToken token, String conversationId,
                                                long startTimestamp, long endTimestamp) {
        return http.call("GET", rest(s, "conversation/" + conversationId + "/entries",
                "limit=50&direction=FromStart&startTimestamp=" + startTimestamp + "&endTimestamp=" + endTimestamp),
                token.jwt(), null, null, s.requestTimeoutMs());
    }

    /** DELETE conversation/{id} (§3.6): closes the conversation for good. */
    public CompletableFuture<HttpReply> closeConversation(EnhancedChatSettings s, AccessToken token, String conversationId) {
        return http.call("DELETE", rest(s, "conversation/" + conversationId, "esDeveloperName=" + enc(s.esDeveloperName())),
                token.jwt(), null, null, s.requestTimeoutMs());
    }

    /** DELETE conversation/{id}/session (§3.6): ends the messaging session; the conversation stays open. */
    public CompletableFuture<HttpReply> endSession(EnhancedChatSettings s, AccessToken token, String conversationId) {
        return http.call("DELETE", rest(s, "conversation/" + conversationId + "/session",
                "esDeveloperName=" + enc(s.esDeveloperName())), token.jwt(), null, null, s.requestTimeoutMs());
    }

    /**
     * GET /eventrouter/v1/sse (§5.1) from a position: {@code X-Org-Id} in the 15-character form the token carries,
     * {@code Last-Event-Id} when there is a position, no compression.
     */
    public Runnable openStream(EnhancedChatSettings s, AccessToken token, String lastEventId, StreamListener listener) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/event-stream");
        headers.put("Cache-Control", "no-cache");
        headers.put("Authorization", "Bearer " + token.jwt());
        headers.put("X-Org-Id", s.organizationId());
        if (lastEventId != null) {
            headers.put("Last-Event-Id", lastEventId);
        }
        return http.openStream(s.uri(STREAM), headers, STREAM_IDLE_TIMEOUT_MS, listener);
    }

    private static URI rest(EnhancedChatSettings s, String path, String query) {
        return s.uri(REST + path + (query == null ? "" : "?" + query));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
