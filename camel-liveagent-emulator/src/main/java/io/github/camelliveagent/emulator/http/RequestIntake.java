package io.github.camelliveagent.emulator.http;

import io.github.camelliveagent.emulator.session.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Takes each request in whole before it is dispatched, so that a desk tool survives careless or hostile clients:
 * the body is bounded in size (413), a request must arrive complete — headers and body — within the request
 * timeout (else the connection is closed, with a 408 if its headers had come), and a keep-alive connection
 * without a request in progress is closed after the keep-alive timeout. A held long poll has its request
 * complete, so it is never cut by these timers.
 *
 * <p>Confined to the emulator's single event loop: connection and request callbacks all run there.
 */
final class RequestIntake {

    /** Largest request body accepted; chat REST bodies are a few KB. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final class Connection {
        long timer = -1;
        int inFlight;
        HttpServerRequest reading;
    }

    private final Vertx vertx;
    private final Duration requestTimeout;
    private final Duration keepAliveTimeout;
    private final Map<HttpConnection, Connection> connections = new HashMap<>();

    RequestIntake(Vertx vertx, Duration requestTimeout, Duration keepAliveTimeout) {
        this.vertx = vertx;
        this.requestTimeout = requestTimeout;
        this.keepAliveTimeout = keepAliveTimeout;
    }

    /** A new connection: its first request must arrive within the request timeout. */
    void opened(HttpConnection c) {
        Connection state = new Connection();
        connections.put(c, state);
        c.closeHandler(v -> {
            Connection s = connections.remove(c);
            if (s != null) {
                cancel(s);
            }
        });
        arm(c, state, requestTimeout);
    }

    /**
     * Reads the request's body (bounded), then hands request and body to {@code dispatch}; a request for which
     * {@code readsOwnBody} holds (a file upload, with its own larger limit) is handed over at once with a null
     * body, and stays under the request timeout until its response ends.
     */
    void take(HttpServerRequest req, Predicate<HttpServerRequest> readsOwnBody,
              BiConsumer<HttpServerRequest, Buffer> dispatch) {
        HttpConnection c = req.connection();
        Connection state = connections.get(c);
        if (state != null) {
            cancel(state);
            state.inFlight++;
            state.reading = req;
            arm(c, state, requestTimeout);
            req.response().endHandler(v -> {
                state.inFlight--;
                if (state.reading == req) {
                    state.reading = null; // a request that read its own body is done once answered
                    cancel(state);
                }
                if (state.inFlight == 0 && state.reading == null && connections.containsKey(c)) {
                    arm(c, state, keepAliveTimeout);
                }
            });
        }
        if (readsOwnBody.test(req)) {
            dispatch.accept(req, null);
            return;
        }
        long declared = contentLength(req);
        if (declared > MAX_BODY_BYTES) {
            tooLarge(req);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = new boolean[1];
        req.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                refused[0] = true;
                tooLarge(req);
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> refused[0] = true); // the connection is gone; nothing to answer
        req.endHandler(v -> {
            if (state != null) {
                state.reading = null;
                cancel(state);
            }
            if (!refused[0]) {
                dispatch.accept(req, body);
            }
        });
    }

    private static long contentLength(HttpServerRequest req) {
        String v = req.getHeader("Content-Length");
        try {
            return v == null ? -1 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void tooLarge(HttpServerRequest req) {
        closeAfter(req, Outcome.text(413, "Payload Too Large: request bodies are limited to " + MAX_BODY_BYTES + " bytes"));
    }

    private void arm(HttpConnection c, Connection state, Duration timeout) {
        state.timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
            state.timer = -1;
            HttpServerRequest partial = state.reading;
            if (partial != null && !partial.response().headWritten()) {
                closeAfter(partial, Outcome.text(408, "Request Timeout: the request body did not arrive within "
                        + timeout.toMillis() + " ms"));
            } else {
                c.close();
            }
        });
    }

    private void cancel(Connection state) {
        if (state.timer != -1) {
            vertx.cancelTimer(state.timer);
            state.timer = -1;
        }
    }

    private static void closeAfter(HttpServerRequest req, Outcome outcome) {
        HttpServerResponse res = req.response();
        if (res.ended() || res.closed()) {
            return;
        }
        res.setStatusCode(outcome.status()).putHeader("Content-Type", outcome.contentType() + "; charset=utf-8")
                .putHeader("Connection", "close");
        res.end(outcome.body()).onComplete(ar -> req.connection().close());
    }
}
