package io.github.camelliveagent.emulator.enhanced;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.session.Json;
import io.github.camelliveagent.emulator.support.Reply;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A plain Enhanced Chat client on the JDK's HttpClient, as a test writes one from miaw-api.md: one end user (one token
 * at a time), its calls spelled out, no retries, no cleverness.
 */
final class EnhancedClient {

    static final String V2 = "/iamessage/api/v2/";

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String baseUrl;
    final String orgId;
    final String deployment;
    String token;
    String lastEventId;

    EnhancedClient(String baseUrl, EnhancedChatSettings settings) {
        this.baseUrl = baseUrl;
        this.orgId = settings.orgId();
        this.deployment = settings.esDeveloperName();
    }

    /** A lowercase UUID v4, as the sample app makes them. */
    static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** Mints a guest token and keeps it; fails unless 200. */
    EnhancedClient login() {
        Reply r = mint(tokenRequest());
        if (r.status() != 200) {
            throw new AssertionError("token: " + r.status() + " " + r.body());
        }
        token = r.json().path("accessToken").asText();
        lastEventId = r.json().path("lastEventId").asText();
        return this;
    }

    ObjectNode tokenRequest() {
        ObjectNode b = Json.object();
        b.put("orgId", orgId);
        b.put("esDeveloperName", deployment);
        b.put("capabilitiesVersion", "1");
        b.put("platform", "Web");
        return b;
    }

    Reply mint(JsonNode body) {
        return send("POST", V2 + "authorization/unauthenticated/access-token", Json.write(body), false);
    }

    /** Creates a conversation with this id (and pre-chat values). */
    Reply create(String conversationId, Map<String, String> routingAttributes) {
        ObjectNode b = Json.object();
        b.put("conversationId", conversationId);
        b.put("esDeveloperName", deployment);
        if (!routingAttributes.isEmpty()) {
            ObjectNode a = b.putObject("routingAttributes");
            routingAttributes.forEach(a::put);
        }
        return post(V2 + "conversation", Json.write(b));
    }

    /** Sends a text message with a new id. */
    Reply message(String conversationId, String text) {
        return message(conversationId, uuid(), text, false);
    }

    Reply message(String conversationId, String messageId, String text, boolean newSession) {
        ObjectNode b = Json.object();
        ObjectNode m = b.putObject("message");
        m.put("id", messageId);
        m.put("messageType", "StaticContentMessage");
        ObjectNode c = m.putObject("staticContent");
        c.put("formatType", "Text");
        c.put("text", text);
        b.put("esDeveloperName", deployment);
        if (newSession) {
            b.put("isNewMessagingSession", true);
        }
        return post(V2 + "conversation/" + conversationId + "/message", Json.write(b));
    }

    Reply typing(String conversationId, boolean started) {
        return post(V2 + "conversation/" + conversationId + "/entry", "{\"entryType\":\""
                + (started ? "TypingStartedIndicator" : "TypingStoppedIndicator") + "\",\"id\":\"" + uuid() + "\"}");
    }

    Reply acknowledge(String conversationId, String type, String entryId) {
        return post(V2 + "conversation/" + conversationId + "/acknowledge-entries", "{\"acks\":[{\"id\":\"" + uuid()
                + "\",\"entryType\":\"" + type + "\",\"conversationEntryId\":\"" + entryId + "\"}]}");
    }

    Reply close(String conversationId) {
        return send("DELETE", V2 + "conversation/" + conversationId + "?esDeveloperName=" + deployment, null, true);
    }

    Reply endSession(String conversationId) {
        return send("DELETE", V2 + "conversation/" + conversationId + "/session?esDeveloperName=" + deployment, null, true);
    }

    Reply status(String conversationId) {
        return get(V2 + "conversation/" + conversationId);
    }

    Reply entries(String conversationId, String query) {
        return get(V2 + "conversation/" + conversationId + "/entries" + (query == null ? "" : "?" + query));
    }

    Reply list(String query) {
        return get(V2 + "conversation/list" + (query == null ? "" : "?" + query));
    }

    Reply continuation() {
        return get(V2 + "authorization/continuation-access-token");
    }

    Reply get(String path) {
        return send("GET", path, null, true);
    }

    Reply post(String path, String json) {
        return send("POST", path, json, true);
    }

    Reply send(String method, String path, String json, boolean withToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (withToken && token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return exchange(b.build());
    }

    Reply exchange(HttpRequest req) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens the event stream with the token's {@code lastEventId} (or the given one; null sends none). */
    SseStream stream() {
        return stream(lastEventId, orgId);
    }

    SseStream stream(String lastEventIdHeader, String orgIdHeader) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/eventrouter/v1/sse"))
                .header("Accept", "text/event-stream");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (orgIdHeader != null) {
            b.header("X-Org-Id", orgIdHeader);
        }
        if (lastEventIdHeader != null) {
            b.header("Last-Event-Id", lastEventIdHeader);
        }
        try {
            return new SseStream(http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
