package io.github.camelliveagent.emulator.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the agent console, a static page under {@code /emulator/console} that plays the agent through the
 * control API from a browser. Its files are read from the jar once; loopback clients only, like the control API.
 */
final class ConsolePage {

    static final String PATH = ControlApi.PREFIX + "/console";

    private record Resource(String contentType, Buffer body) {
    }

    private final Map<String, Resource> resources = Map.of(
            PATH, load("console.html", "text/html; charset=utf-8"),
            PATH + "/", load("console.html", "text/html; charset=utf-8"),
            PATH + "/console.js", load("console.js", "text/javascript; charset=utf-8"),
            PATH + "/console.css", load("console.css", "text/css; charset=utf-8"));

    /** Whether {@code path} is one of the console's files. */
    boolean serves(String path) {
        return resources.containsKey(path);
    }

    void handle(HttpServerRequest req) {
        var res = req.response();
        if (!fromLoopback(req)) {
            res.setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("The agent console answers loopback clients only");
            return;
        }
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            res.setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
            return;
        }
        Resource r = resources.get(req.path());
        res.putHeader("Content-Type", r.contentType())
                // the page can end chats and inject faults: no framing by other sites, no foreign scripts
                .putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "no-store");
        if (req.method() == HttpMethod.HEAD) {
            res.putHeader("Content-Length", String.valueOf(r.body().length())).end();
        } else {
            res.end(r.body());
        }
    }

    private static boolean fromLoopback(HttpServerRequest req) {
        return req.remoteAddress() != null && LoopbackOnly.isLoopback(req.remoteAddress().hostAddress());
    }

    private static Resource load(String name, String contentType) {
        String path = "/io/github/camelliveagent/emulator/console/" + name;
        try (InputStream in = ConsolePage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Console resource missing from the jar: " + path);
            }
            return new Resource(contentType, Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read console resource " + path, e);
        }
    }
}
