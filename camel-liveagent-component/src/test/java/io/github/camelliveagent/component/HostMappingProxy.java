package io.github.camelliveagent.component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A plain-http forward proxy on loopback that sends every request, whatever host it names, to one upstream (the
 * emulator), and records which host each request named and whether it carried a session key. With the component's
 * proxyHost/proxyPort pointing here, a test can let sessions "go" to any host name without anything leaving loopback
 * (no DNS, no connection elsewhere), and see where the key would have gone.
 */
final class HostMappingProxy implements AutoCloseable {

    /** One request as the proxy saw it; {@code sessionKey} is the X-LIVEAGENT-SESSION-KEY it carried, or null. */
    record Seen(String method, String host, String path, String sessionKey) {
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "keep-alive",
            "proxy-connection", "transfer-encoding", "upgrade");

    private final URI upstream;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newHttpClient();

    HostMappingProxy(String upstreamBaseUrl) throws IOException {
        this.upstream = URI.create(upstreamBaseUrl);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        // long polls hold a thread each here: this proxy is a test fixture, not the component
        server.setExecutor(threads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void forward(HttpExchange exchange) throws IOException {
        URI asked = exchange.getRequestURI();
        seen.add(new Seen(exchange.getRequestMethod(), asked.getHost(), asked.getRawPath(),
                exchange.getRequestHeaders().getFirst("X-LIVEAGENT-SESSION-KEY")));
        URI target = upstream.resolve(asked.getRawPath() + (asked.getRawQuery() != null ? "?" + asked.getRawQuery() : ""));
        try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            out.write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
