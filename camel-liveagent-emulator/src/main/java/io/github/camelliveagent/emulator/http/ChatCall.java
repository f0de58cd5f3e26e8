package io.github.camelliveagent.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelliveagent.emulator.fault.FaultSettings;
import io.github.camelliveagent.emulator.session.ChatSession;
import io.github.camelliveagent.emulator.session.Json;
import io.github.camelliveagent.emulator.session.Outcome;
import io.github.camelliveagent.emulator.session.SessionRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * One chat REST request on its way through the emulator: the parsed API version, the request body, the session
 * it belongs to once resolved, and the reply (which picks up global and per-session latency).
 */
final class ChatCall {

    private static final Logger LOG = LoggerFactory.getLogger(ChatCall.class);

    static final String AFFINITY = "X-LIVEAGENT-AFFINITY";
    static final String SESSION_KEY = "X-LIVEAGENT-SESSION-KEY";
    static final String SEQUENCE = "X-LIVEAGENT-SEQUENCE";

    final HttpServerRequest request;
    final int apiVersion;
    /** The last path segment of {@code System/SessionId/{key}}, percent-decoded; null elsewhere. */
    final String pathParam;
    /** The request body as text ("" for none). */
    final String rawBody;
    private final Replies replies;
    private final FaultSettings globalFaults;
    private ChatSession session;

    ChatCall(HttpServerRequest request, int apiVersion, String pathParam, String rawBody, Replies replies,
             FaultSettings globalFaults) {
        this.request = request;
        this.apiVersion = apiVersion;
        this.pathParam = pathParam;
        this.rawBody = rawBody;
        this.replies = replies;
        this.globalFaults = globalFaults;
    }

    boolean isPost() {
        return request.method() == HttpMethod.POST;
    }

    String header(String name) {
        return request.getHeader(name);
    }

    /** The session this call was resolved to, or null. */
    ChatSession session() {
        return session;
    }

    /**
     * Resolves the session by key and runs the admission checks (gone → 403, hand-over → 503, affinity → 403)
     * and the session's one-shot failure fault. Replies and returns null when the call must stop here.
     */
    ChatSession resolveSession(SessionRegistry registry, String key, boolean admit) {
        ChatSession s = registry.byKey(key);
        if (s == null) {
            reply(Outcome.text(403, "Session is not valid: unknown or missing " + SESSION_KEY));
            return null;
        }
        session = s;
        if (admit) {
            Outcome refused = s.admit(header(AFFINITY));
            if (refused != null) {
                // why a client was turned away is the first thing one needs when debugging it; the id, never the key
                LOG.debug("Session {}: {} {} refused with {}: {}", s.id(), request.method(), resourceName(),
                        refused.status(), refused.body());
                reply(refused);
                return null;
            }
        }
        if (isPost() && sequenceValid(false) && sequence() != null) {
            // an out-of-sync naming the server's count: a sequence fault, so only POSTs that carry a number take it
            Long actual = s.faultSettings().takeOutOfSync();
            if (actual == null) {
                actual = globalFaults.takeOutOfSync();
            }
            if (actual != null) {
                reply(s.outOfSync(sequence(), actual));
                return null;
            }
        }
        int failure = s.faultSettings().takeFailure(isPost());
        if (failure != 0) {
            String sent = header(SEQUENCE);
            if (failure == 409 && isPost() && sent != null && !sent.isBlank()) {
                // a 409 on a POST is the server's sequence check: worded as the real server words it
                reply(Outcome.text(409, "Out of sync Ack. Expected " + sent.trim() + ". Actual " + s.lastSequence()));
            } else {
                reply(Outcome.text(failure, "Injected failure"));
            }
            return null;
        }
        s.apiVersion(apiVersion);
        return s;
    }

    /** The POST body as JSON: {} when empty; null (after a 400 reply) when malformed. */
    JsonNode jsonBody() {
        if (rawBody.isBlank()) {
            return Json.object();
        }
        try {
            return Json.read(rawBody);
        } catch (Exception e) {
            reply(Outcome.text(400, "Malformed JSON body"));
            return null;
        }
    }

    /** Whether X-LIVEAGENT-SEQUENCE is absent or a non-negative integer; replies 400 naming the header if not. */
    boolean sequenceValid() {
        return sequenceValid(true);
    }

    private boolean sequenceValid(boolean replyIfNot) {
        String v = header(SEQUENCE);
        if (v == null || v.isBlank()) {
            return true;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 && replyIfNot) {
            reply(Outcome.text(400, "Invalid " + SEQUENCE + " header: '" + v.trim()
                    + "' is not a non-negative integer (1 for the first POST, then +1 per POST)"));
        }
        return n >= 0;
    }

    /** The X-LIVEAGENT-SEQUENCE value, null when absent; only after {@link #sequenceValid()} said it is valid. */
    Long sequence() {
        String v = header(SEQUENCE);
        return v == null || v.isBlank() ? null : Long.parseLong(v.trim());
    }

    /** The resource for logs: the path without the DELETE key. */
    String resourceName() {
        return ChatRestRouter.safePath(request.path());
    }

    Duration latency() {
        Duration d = globalFaults.latency();
        return session == null ? d : d.plus(session.faultSettings().latency());
    }

    void reply(Outcome outcome) {
        replies.send(request, outcome, latency());
    }

    Replies replies() {
        return replies;
    }
}
