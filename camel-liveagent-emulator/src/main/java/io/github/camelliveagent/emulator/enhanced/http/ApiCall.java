package io.github.camelliveagent.emulator.enhanced.http;

import io.github.camelliveagent.emulator.enhanced.conversation.Conversation;
import io.github.camelliveagent.emulator.enhanced.token.AccessToken;
import io.github.camelliveagent.emulator.session.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;

/**
 * One Enhanced Chat REST call on its way through the resources: the request, its body, the checked token and the
 * conversation it names (when the route has them), and the answer, written after the injected latency.
 */
final class ApiCall {

    private final Vertx vertx;
    private final HttpServerRequest req;
    private final String body;
    private final String conversationId;
    private AccessToken token;
    private Conversation conversation;
    private Duration latency = Duration.ZERO;

    ApiCall(Vertx vertx, HttpServerRequest req, String body, String conversationId) {
        this.vertx = vertx;
        this.req = req;
        this.body = body;
        this.conversationId = conversationId;
    }

    HttpServerRequest request() {
        return req;
    }

    /** The request body as text; empty for GET and DELETE, null for a file upload (read by its resource). */
    String body() {
        return body;
    }

    /** The {id} of the path, null for routes without one. */
    String conversationId() {
        return conversationId;
    }

    AccessToken token() {
        return token;
    }

    void token(AccessToken t) {
        this.token = t;
    }

    Conversation conversation() {
        return conversation;
    }

    void conversation(Conversation c) {
        this.conversation = c;
    }

    void addLatency(Duration d) {
        latency = latency.plus(d);
    }

    /** A query parameter, or null. */
    String param(String name) {
        return req.getParam(name);
    }

    /** Writes the outcome now, or after the latency on a timer (never by sleeping). */
    void reply(Outcome outcome) {
        long ms = latency.toMillis();
        if (ms > 0) {
            vertx.setTimer(ms, t -> write(req, outcome));
        } else {
            write(req, outcome);
        }
    }

    static void write(HttpServerRequest req, Outcome outcome) {
        HttpServerResponse res = req.response();
        if (res.ended() || res.closed()) {
            return;
        }
        res.setStatusCode(outcome.status());
        if (outcome.body() == null) {
            res.end();
            return;
        }
        res.putHeader("Content-Type", outcome.contentType() + ";charset=UTF-8");
        res.end(outcome.body());
    }
}
