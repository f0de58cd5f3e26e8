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
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.camelliveagent.component.model.message.ChatRequestSuccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With proxyHost/proxyPort every call goes through the HTTP proxy (here a small forwarding proxy on loopback). */
class ProxyTest extends LiveAgentTestSupport {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "keep-alive",
            "proxy-connection", "transfer-encoding", "upgrade");

    private final List<String> proxied = new CopyOnWriteArrayList<>();
    private HttpServer proxy;

    @Override
    protected void configure(LiveAgentComponent liveagent) {
        super.configure(liveagent);
        try {
            proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpClient upstream = HttpClient.newHttpClient();
        proxy.createContext("/", exchange -> forward(upstream, exchange));
        // long polls hold a thread each here: this proxy is a test fixture, not the component
        proxy.setExecutor(Executors.newCachedThreadPool());
        proxy.start();
        liveagent.setProxyHost("127.0.0.1");
        liveagent.setProxyPort(proxy.getAddress().getPort());
    }

    private void forward(HttpClient upstream, HttpExchange exchange) throws IOException {
        URI target = exchange.getRequestURI();
        proxied.add(exchange.getRequestMethod() + " " + target.getPath());
        try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
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

    @AfterEach
    void stopProxy() {
        if (proxy != null) {
            proxy.stop(0);
        }
    }

    @Test
    void everyCallGoesThroughTheProxy() {
        String id = startChat();
        received.await(id, ChatRequestSuccess.class);
        assertThat(proxied).contains("GET /chat/rest/System/SessionId", "POST /chat/rest/Chasitor/ChasitorInit",
                "GET /chat/rest/System/Messages");
    }
}
