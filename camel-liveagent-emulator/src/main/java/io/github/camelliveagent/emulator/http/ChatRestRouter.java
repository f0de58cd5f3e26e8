package io.github.camelliveagent.emulator.http;

import io.github.camelliveagent.emulator.fault.FaultSettings;
import io.github.camelliveagent.emulator.session.Outcome;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Dispatches {@code /chat/rest/<Prefix>/<Noun>} by path and method (404 unknown resource, 405 wrong method),
 * checks {@code X-LIVEAGENT-API-VERSION} and applies the global one-shot failure before any resource runs.
 */
final class ChatRestRouter {

    static final String PREFIX = "/chat/rest/";
    static final String API_VERSION = "X-LIVEAGENT-API-VERSION";
    /** Oldest version of the documented API (spec §1.2). */
    static final int MIN_API_VERSION = 29;
    private static final String DELETE_PREFIX = "System/SessionId/";

    private static final Logger LOG = LoggerFactory.getLogger(ChatRestRouter.class);

    private final Map<String, Map<HttpMethod, Consumer<ChatCall>>> routes = new HashMap<>();
    private final Replies replies;
    private final FaultSettings globalFaults;

    ChatRestRouter(Replies replies, FaultSettings globalFaults) {
        this.replies = replies;
        this.globalFaults = globalFaults;
    }

    /** Registers a resource; {@code resource} is {@code Prefix/Noun}, or {@code System/SessionId/{key}}. */
    ChatRestRouter route(HttpMethod method, String resource, Consumer<ChatCall> endpoint) {
        routes.computeIfAbsent(resource, r -> new HashMap<>()).put(method, endpoint);
        return this;
    }

    /** Dispatches a request whose whole body has been read. */
    void handle(HttpServerRequest req, Buffer body) {
        String rest = req.path().substring(PREFIX.length());
        String pathParam = null;
        String resource;
        if (rest.startsWith(DELETE_PREFIX) && rest.length() > DELETE_PREFIX.length()) {
            resource = DELETE_PREFIX + "{key}";
            // the key may hold '/', '+', '=': take the whole remainder; '+' stays '+' in a path
            try {
                pathParam = URLDecoder.decode(rest.substring(DELETE_PREFIX.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // never quote the path: it is (nearly) a session key
                replies.send(req, Outcome.text(400, "Invalid session key in the path of DELETE System/SessionId/{key}:"
                        + " malformed percent-encoding"), globalFaults.latency());
                return;
            }
        } else {
            resource = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        }
        Map<HttpMethod, Consumer<ChatCall>> methods = routes.get(resource);
        // the resource name, never the raw path: a DELETE path carries the secret session key
        LOG.debug("{} {}", req.method(), resource);
        if (methods == null) {
            replies.send(req, Outcome.text(404, "Not Found: unknown resource " + resource), globalFaults.latency());
            return;
        }
        Consumer<ChatCall> endpoint = methods.get(req.method());
        if (endpoint == null) {
            String allow = methods.keySet().stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
            req.response().putHeader("Allow", allow);
            replies.send(req, Outcome.text(405, "Method Not Allowed: use " + allow), globalFaults.latency());
            return;
        }
        Integer version = apiVersion(req.getHeader(API_VERSION));
        if (version == null) {
            replies.send(req, Outcome.text(400, "Missing or invalid " + API_VERSION
                    + " header: an integer >= " + MIN_API_VERSION + " is required"), globalFaults.latency());
            return;
        }
        int failure = globalFaults.takeFailure(req.method() == HttpMethod.POST);
        if (failure != 0) {
            replies.send(req, Outcome.text(failure, "Injected failure"), globalFaults.latency());
            return;
        }
        String text = req.method() == HttpMethod.POST ? body.toString(StandardCharsets.UTF_8) : "";
        endpoint.accept(new ChatCall(req, version, pathParam, text, replies, globalFaults));
    }

    /** A path fit for logs: the session key in a DELETE path is replaced by a placeholder. */
    static String safePath(String path) {
        int i = path.indexOf(PREFIX + DELETE_PREFIX);
        return i < 0 ? path : path.substring(0, i + PREFIX.length() + DELETE_PREFIX.length()) + "{key}";
    }

    private static Integer apiVersion(String header) {
        if (header == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(header.trim());
            return v >= MIN_API_VERSION ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
