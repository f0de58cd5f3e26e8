package io.github.camelliveagent.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelliveagent.emulator.session.ChatSession;
import io.github.camelliveagent.emulator.session.Json;
import io.github.camelliveagent.emulator.session.Outcome;
import io.github.camelliveagent.emulator.session.SessionRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code System/…} resources: SessionId (create/delete), Messages, ReconnectSession, MultiNoun. */
final class SystemResources {

    private final SessionRegistry registry;
    private final Duration clientPollTimeout;

    SystemResources(SessionRegistry registry, Duration clientPollTimeout) {
        this.registry = registry;
        this.clientPollTimeout = clientPollTimeout;
    }

    void register(ChatRestRouter router) {
        router.route(HttpMethod.GET, "System/SessionId", this::createSession)
                .route(HttpMethod.DELETE, "System/SessionId/{key}", this::deleteSession)
                .route(HttpMethod.GET, "System/Messages", this::messages)
                .route(HttpMethod.GET, "System/ReconnectSession", this::reconnect)
                .route(HttpMethod.POST, "System/MultiNoun", this::multiNoun);
    }

    private void createSession(ChatCall call) {
        if (!"null".equals(call.header(ChatCall.AFFINITY))) {
            call.reply(Outcome.text(400, ChatCall.AFFINITY + " must be the literal null when creating a session"));
            return;
        }
        ChatSession s = registry.create(call.apiVersion);
        ObjectNode reply = Json.object();
        reply.put("id", s.id());
        reply.put("key", registry.keyOf(s));
        reply.put("affinityToken", s.affinityToken());
        reply.put("clientPollTimeout", Math.max(1, (clientPollTimeout.toMillis() + 999) / 1000));
        call.reply(Outcome.json(Json.write(reply)));
    }

    private void deleteSession(ChatCall call) {
        ChatSession s = call.resolveSession(registry, call.pathParam, true);
        if (s != null) {
            call.reply(s.delete());
        }
    }

    private void messages(ChatCall call) {
        ChatSession s = call.resolveSession(registry, call.header(ChatCall.SESSION_KEY), true);
        if (s == null) {
            return;
        }
        String ackParam = call.request.getParam("ack");
        Long ack = null;
        if (ackParam != null && !ackParam.isBlank()) {
            try {
                ack = Long.parseLong(ackParam.trim());
            } catch (NumberFormatException e) {
                // e.g. "undefined" from a script: a client bug worth a clear answer rather than a guess
                call.reply(Outcome.text(400, "Invalid ack parameter: '" + ackParam
                        + "' is not an integer (the sequence of the last reply, -1 before the first; or leave it out)"));
                return;
            }
        }
        HeldPollResponder responder = new HeldPollResponder(call.request, Vertx.currentContext(), call.replies(),
                call::latency);
        // whether a client that gives up frees its slot is the session's policy (AbandonedPolls)
        call.request.response().closeHandler(v -> s.pollClosed(responder));
        s.poll(ack, responder);
    }

    private void reconnect(ChatCall call) {
        ChatSession s = call.resolveSession(registry, call.header(ChatCall.SESSION_KEY), false);
        if (s != null) {
            call.reply(s.reconnect(call.header(ChatCall.AFFINITY), call.request.getParam("ReconnectSession.offset")));
        }
    }

    private void multiNoun(ChatCall call) {
        ChatSession s = call.resolveSession(registry, call.header(ChatCall.SESSION_KEY), true);
        if (s == null) {
            return;
        }
        JsonNode body = call.jsonBody();
        if (body == null || !call.sequenceValid()) {
            return;
        }
        Long seq = call.sequence();
        JsonNode nouns = body.path("nouns");
        if (!nouns.isArray() || nouns.isEmpty()) {
            call.reply(Outcome.text(400, "Missing required field: nouns"));
            return;
        }
        List<String> names = new ArrayList<>();
        List<JsonNode> payloads = new ArrayList<>();
        for (JsonNode n : nouns) {
            String prefix = n.path("prefix").asText("Chasitor");
            String noun = n.path("noun").asText("");
            if (!"Chasitor".equals(prefix) || !ChasitorResources.NOUNS.contains(noun)) {
                call.reply(Outcome.text(400, "Unknown noun in MultiNoun: " + prefix + "/" + noun));
                return;
            }
            // the guide's example says "object", its data-type table says "data" (a string): take either
            JsonNode payload = n.has("object") ? n.get("object") : n.path("data");
            if (payload.isTextual()) {
                try {
                    payload = Json.read(payload.asText());
                } catch (Exception e) {
                    call.reply(Outcome.text(400, "Malformed JSON in MultiNoun data of " + noun));
                    return;
                }
            }
            names.add(noun);
            payloads.add(payload.isObject() ? payload : Json.object());
        }
        call.reply(s.multiNoun(seq, names, payloads));
    }
}
