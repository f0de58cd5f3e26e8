package io.github.camelliveagent.component;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Chat API server on loopback that speaks just enough of the protocol (SessionId, Chasitor POSTs, DELETE) to start
 * a chat, and answers its Messages polls the way a test says: misbehaviour the emulator does not produce (bodies that
 * are never JSON, instant 204s, empty or backward replies, a body trickling in byte by byte).
 */
final class MisbehavingChatServer implements AutoCloseable {

    /** How the server answers the n-th Messages poll (from 1). */
    interface Messages {
        void answer(HttpExchange exchange, int poll, MisbehavingChatServer server) throws IOException;
    }

    private final HttpServer http;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();
    private final int clientPollTimeoutSeconds;
    private final Messages messages;

    MisbehavingChatServer(int clientPollTimeoutSeconds, Messages messages) throws IOException {
        this.clientPollTimeoutSeconds = clientPollTimeoutSeconds;
        this.messages = messages;
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(handlers);
        http.createContext("/chat/rest/", this::handle);
        http.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Messages polls received so far. */
    int polls() {
        return polls.get();
    }

    /** DELETE System/SessionId calls received so far. */
    int deletes() {
        return deletes.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/chat/rest/".length());
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.equals("System/SessionId")) {
            String id = UUID.randomUUID().toString();
            json(exchange, 200, "{\"id\":\"" + id + "\",\"key\":\"" + id + "!1700000000000!a2V5\","
                                + "\"affinityToken\":\"abcd1234\",\"clientPollTimeout\":" + clientPollTimeoutSeconds + "}");
        } else if (method.equals("GET") && path.equals("System/Messages")) {
            messages.answer(exchange, polls.incrementAndGet(), this);
        } else if (method.equals("DELETE") && path.startsWith("System/SessionId/")) {
            deletes.incrementAndGet();
            text(exchange, 200, "OK");
        } else if (method.equals("POST") && (path.startsWith("Chasitor/") || path.startsWith("System/"))) {
            exchange.getRequestBody().readAllBytes();
            text(exchange, 200, "OK");
        } else {
            text(exchange, 404, "no such resource in this test server");
        }
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json", body);
    }

    static void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/plain", body);
    }

    static void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Answers 200 and then sends the body one byte every {@code everyMs}, forever (until the client hangs up). */
    void trickle(HttpExchange exchange, long everyMs) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write('{');
        out.flush();
        java.util.concurrent.ScheduledFuture<?>[] task = new java.util.concurrent.ScheduledFuture<?>[1];
        task[0] = pacer.scheduleWithFixedDelay(() -> {
            try {
                out.write(' ');
                out.flush();
            } catch (IOException e) {
                exchange.close();
                task[0].cancel(false);
            }
        }, everyMs, everyMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        http.stop(0);
        handlers.shutdownNow();
    }
}
