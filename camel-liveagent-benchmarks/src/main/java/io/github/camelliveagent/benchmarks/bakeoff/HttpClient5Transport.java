package io.github.camelliveagent.benchmarks.bakeoff;

import java.util.concurrent.CompletableFuture;

import io.github.camelliveagent.component.client.ChatServer;
import io.github.camelliveagent.component.client.HttpClient5LiveAgentClient;
import io.github.camelliveagent.component.client.LiveAgentRequest;

/** Apache HttpClient 5 async, exactly as the component uses it: its own {@link HttpClient5LiveAgentClient}. */
final class HttpClient5Transport implements Transport {

    private final HttpClient5LiveAgentClient client;
    private final ChatServer server;

    HttpClient5Transport(String baseUrl, int connections) {
        // the component's defaults: one I/O thread per core, connect time-out 30 s, JVM default TLS, no proxy
        client = new HttpClient5LiveAgentClient(0, connections, 30_000, null, null);
        server = ChatServer.of(baseUrl, "52", false);
    }

    @Override
    public CompletableFuture<Reply> call(String method, String resource, String query, String affinity, String key,
                                         long sequence, byte[] body) {
        return client.send(new LiveAgentRequest(method, server, resource, query, affinity, key,
                        sequence < 0 ? null : sequence, body, 120_000))
                .thenApply(r -> new Reply(r.status(), r.body()));
    }

    @Override
    public void close() {
        client.close();
    }
}
