package io.github.camelliveagent.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static io.github.camelliveagent.emulator.support.RestClient.AFFINITY;
import static io.github.camelliveagent.emulator.support.RestClient.KEY;
import static io.github.camelliveagent.emulator.support.RestClient.SEQUENCE;
import static io.github.camelliveagent.emulator.support.RestClient.VERSION;

/** A hand-driven visitor client: one session, its headers and its POST sequence counter. */
public final class Visitor {

    public static final String ORG = "00D000000000001";
    public static final String DEPLOYMENT = "572000000000001";
    public static final String BUTTON = "573000000000001";

    private final RestClient client;
    private final int apiVersion;
    public final String id;
    public final String key;
    public String affinity;
    public final JsonNode sessionIdReply;
    private long sequence;
    /** The offset of the latest non-empty Messages reply, 0 before the first: what ReconnectSession names. */
    public volatile long offset;

    Visitor(RestClient client, int apiVersion, JsonNode reply) {
        this.client = client;
        this.apiVersion = apiVersion;
        this.sessionIdReply = reply;
        this.id = reply.path("id").asText();
        this.key = reply.path("key").asText();
        this.affinity = reply.path("affinityToken").asText();
    }

    public String initBody(String buttonId) {
        return "{\"organizationId\":\"" + ORG + "\",\"deploymentId\":\"" + DEPLOYMENT + "\",\"buttonId\":\"" + buttonId
                + "\",\"sessionId\":\"" + id + "\",\"visitorName\":\"Vera\",\"userAgent\":\"test\",\"language\":\"en-US\","
                + "\"screenResolution\":\"n/a\",\"prechatDetails\":[],\"prechatEntities\":[],\"receiveQueueUpdates\":true,"
                + "\"isPost\":true}";
    }

    /** ChasitorInit with the next sequence number. */
    public Reply init() {
        return post("ChasitorInit", initBody(BUTTON));
    }

    /** A Chasitor POST with the next sequence number (consumed only on 2xx, like a retrying client would do). */
    public Reply post(String noun, String body) {
        Reply r = postWithSequence(noun, sequence + 1, body);
        if (r.status() / 100 == 2) {
            sequence++;
        }
        return r;
    }

    public Reply postWithSequence(String noun, long seq, String body) {
        return client.send("POST", "/chat/rest/Chasitor/" + noun, body, VERSION, v(), AFFINITY, affinity, KEY, key,
                SEQUENCE, String.valueOf(seq));
    }

    public Reply postWithoutSequence(String noun, String body) {
        return client.send("POST", "/chat/rest/Chasitor/" + noun, body, VERSION, v(), AFFINITY, affinity, KEY, key);
    }

    public Reply message(String text) {
        return post("ChatMessage", "{\"text\":\"" + text + "\"}");
    }

    public Reply poll(long ack) {
        return keepOffset(client.get("/chat/rest/System/Messages?ack=" + ack, VERSION, v(), AFFINITY, affinity, KEY, key));
    }

    public Reply pollWithoutAck() {
        return keepOffset(client.get("/chat/rest/System/Messages", VERSION, v(), AFFINITY, affinity, KEY, key));
    }

    public CompletableFuture<Reply> pollAsync(long ack) {
        return client.sendAsync("GET", "/chat/rest/System/Messages?ack=" + ack, null, VERSION, v(), AFFINITY, affinity, KEY, key)
                .thenApply(this::keepOffset);
    }

    private Reply keepOffset(Reply r) {
        if (r.status() == 200 && r.body() != null && r.body().contains("\"offset\"")) {
            offset = r.json().path("offset").asLong();
        }
        return r;
    }

    public Reply delete() {
        return client.send("DELETE", "/chat/rest/System/SessionId/" + URLEncoder.encode(key, StandardCharsets.UTF_8), null,
                VERSION, v(), AFFINITY, affinity, KEY, key);
    }

    /** ReconnectSession naming the offset of the latest reply received. */
    public Reply reconnect(String affinityHeader) {
        return reconnect(affinityHeader, "ReconnectSession.offset=" + offset);
    }

    /** ReconnectSession with this query string (empty for none). */
    public Reply reconnect(String affinityHeader, String query) {
        return client.get("/chat/rest/System/ReconnectSession" + (query.isEmpty() ? "" : "?" + query), VERSION, v(),
                AFFINITY, affinityHeader, KEY, key);
    }

    /** Sequence number of the last accepted POST. */
    public long sequence() {
        return sequence;
    }

    public void resetSequence() {
        sequence = 0;
    }

    private String v() {
        return String.valueOf(apiVersion);
    }
}
