package io.github.camelliveagent.emulator.http;

import io.github.camelliveagent.emulator.session.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;

/** Writes {@link Outcome}s as HTTP responses, after the injected latency if any. */
final class Replies {

    private final Vertx vertx;

    Replies(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Sends the outcome now, or after {@code latency} on a timer (never by sleeping). */
    void send(HttpServerRequest req, Outcome outcome, Duration latency) {
        long ms = latency == null ? 0 : latency.toMillis();
        if (ms > 0) {
            vertx.setTimer(ms, t -> write(req, outcome));
        } else {
            write(req, outcome);
        }
    }

    private static void write(HttpServerRequest req, Outcome outcome) {
        HttpServerResponse res = req.response();
        if (res.ended() || res.closed()) {
            return; // the client gave up; nothing to answer
        }
        res.setStatusCode(outcome.status());
        if (outcome.body() == null) {
            res.end();
            return;
        }
        if (outcome.contentType() != null) {
            res.putHeader("Content-Type", outcome.contentType() + "; charset=utf-8");
        }
        res.end(outcome.body());
    }
}
